// The kernel model every Microsoft.CodeAnalysis.Testing unit test compiles against, with the same shape as
// Cases/Api.cs (x86 after the "skip redundant sync IPI" series: FlushTlbMm and FlushTlbRange pass
// freedTables: true, FlushTlbPage passes false, TlbFlush passes FreedTables || UnsharedTables), plus the
// contract attributes in KernelModel.Contracts as the package's generator would supply them.
// Test input, not part of the test assembly: TableFlushVerifier adds it to every test project.
#nullable enable
using System;

namespace KernelModel.Contracts
{
    /// <summary>Callers must have performed a TLB flush that frees or unshares page tables.</summary>
    [AttributeUsage(AttributeTargets.Method | AttributeTargets.Constructor, Inherited = false)]
    internal sealed class RequiresTableFlushAttribute : Attribute
    {
        /// <summary>A condition over the parameters that, when it holds at the call, makes the flush unnecessary.</summary>
        public string? Unless { get; set; }
    }

    /// <summary>A condition over the parameters that must hold at every call.</summary>
    [AttributeUsage(AttributeTargets.Method | AttributeTargets.Constructor, AllowMultiple = true, Inherited = false)]
    internal sealed class RequiresConditionAttribute : Attribute
    {
        /// <summary>Creates the contract.</summary>
        /// <param name="condition">The condition.</param>
        public RequiresConditionAttribute(string condition) => Condition = condition;

        /// <summary>The condition, as written.</summary>
        public string Condition { get; }
    }

    /// <summary>Every normal return performs a TLB flush that frees or unshares page tables.</summary>
    [AttributeUsage(AttributeTargets.Method, Inherited = true)]
    internal sealed class EnsuresTableFlushAttribute : Attribute
    {
        /// <summary>A condition over the parameters under which the flush is promised.</summary>
        public string? When { get; set; }
    }
}

namespace Kernel
{
    public sealed class MmStruct
    {
        public int Users;
    }

    public sealed class VmAreaStruct
    {
        public MmStruct VmMm = new();
        public ulong VmStart;
        public ulong VmEnd;
    }

    public sealed class PageTable
    {
        public int ShareCount;
    }

    public sealed class MmuGather
    {
        public MmStruct Mm = new();
        public ulong Start;
        public ulong End;
        public bool FullMm;
        public bool NeedFlushAll;
        public bool FreedTables;
        public bool ClearedPtes;
        public bool ClearedPmds;
        public bool ClearedPuds;
        public bool ClearedP4ds;
        public bool UnsharedTables;
        public bool FullyUnsharedTables;
        public PageTable?[]? Batch;
    }

    public static class K
    {
        public const ulong TlbFlushAll = ulong.MaxValue;
        public const int PageShift = 12;
        public const ulong PageSize = 1UL << PageShift;
        public const ulong HpagePmdSize = 1UL << 21;

        public static bool IpiBroadcastKey;
        public static int IpisSent;

        public static void FlushTlbMmRange(MmStruct mm, ulong start, ulong end, int strideShift, bool freedTables)
        {
            if (mm.Users > 1)
            {
                IpisSent++;
            }
        }

        public static void FlushTlbMm(MmStruct mm) => FlushTlbMmRange(mm, 0, TlbFlushAll, 0, true);

        public static void FlushTlbRange(VmAreaStruct vma, ulong start, ulong end) =>
            FlushTlbMmRange(vma.VmMm, start, end, PageShift, true);

        public static void FlushTlbPage(VmAreaStruct vma, ulong address) =>
            FlushTlbMmRange(vma.VmMm, address, address + PageSize, PageShift, false);

        public static bool TlbTableFlushImpliesIpiBroadcast() => IpiBroadcastKey;

        /// <summary>Sends an IPI to all CPUs so that concurrent lockless page-table walkers have finished.</summary>
        /// <remarks>Callers must ensure that a TLB flush with freedTables or unsharedTables set has been performed before calling.</remarks>
        public static void TlbRemoveTableSyncOne()
        {
            if (TlbTableFlushImpliesIpiBroadcast())
            {
                return;
            }

            IpisSent++;
        }

        /// <summary>Like <see cref="TlbRemoveTableSyncOne"/> but waits for an RCU grace period.</summary>
        /// <remarks>Callers must ensure that a TLB flush with freedTables or unsharedTables set has been performed before calling.</remarks>
        public static void TlbRemoveTableSyncRcu()
        {
            if (TlbTableFlushImpliesIpiBroadcast())
            {
                return;
            }

            IpisSent++;
        }

        public static ulong PmdpCollapseFlush(VmAreaStruct vma, ulong address, ref ulong pmd)
        {
            ulong old = pmd;
            pmd = 0;
            FlushTlbRange(vma, address, address + HpagePmdSize);
            return old;
        }

        public static void TlbFlush(MmuGather tlb)
        {
            ulong start = 0;
            ulong end = TlbFlushAll;
            if (!tlb.FullMm && !tlb.NeedFlushAll)
            {
                start = tlb.Start;
                end = tlb.End;
            }

            FlushTlbMmRange(tlb.Mm, start, end, PageShift, tlb.FreedTables || tlb.UnsharedTables);
        }

        public static void TlbResetRange(MmuGather tlb)
        {
            tlb.Start = ulong.MaxValue;
            tlb.End = 0;
            tlb.FreedTables = false;
            tlb.ClearedPtes = false;
            tlb.ClearedPmds = false;
            tlb.ClearedPuds = false;
            tlb.ClearedP4ds = false;
            tlb.UnsharedTables = false;
        }

        public static void TlbFlushMmuTlbonly(MmuGather tlb)
        {
            if (!(tlb.FreedTables || tlb.ClearedPtes || tlb.ClearedPmds || tlb.ClearedPuds || tlb.ClearedP4ds ||
                  tlb.UnsharedTables))
            {
                return;
            }

            TlbFlush(tlb);
            TlbResetRange(tlb);
        }

        public static bool TlbNeedsTableInvalidate() => true;

        public static void TlbTableInvalidate(MmuGather tlb)
        {
            if (TlbNeedsTableInvalidate())
            {
                TlbFlushMmuTlbonly(tlb);
            }
        }

        public static void TlbGatherMmu(MmuGather tlb, MmStruct mm)
        {
            tlb.Mm = mm;
            tlb.FullMm = false;
            tlb.NeedFlushAll = false;
            tlb.Batch = null;
            tlb.FullyUnsharedTables = false;
            TlbResetRange(tlb);
        }

        public static void TlbUnsharePmd(MmuGather tlb, PageTable pt, ulong address)
        {
            pt.ShareCount--;
            tlb.ClearedPmds = true;
            if (pt.ShareCount == 0)
            {
                tlb.FullyUnsharedTables = true;
            }

            tlb.UnsharedTables = true;
        }

        public static void FreeTable(PageTable table)
        {
            table.ShareCount = -1;
        }
    }
}
