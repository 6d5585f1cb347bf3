namespace KernelModel.CorpusGenerator;

/// <summary>
/// The kernel model every corpus file compiles against: the x86 flush primitives after the "skip redundant sync
/// IPI" series (FlushTlbMm and FlushTlbRange free tables, FlushTlbPage does not, TlbFlush passes
/// FreedTables || UnsharedTables), the mmu_gather and its helpers, and the two sync methods. It must itself stay
/// silent.
/// </summary>
internal static class KernelModelApi
{
    /// <summary>The file's path in the corpus.</summary>
    public const string Path = "Model/Api.cs";

    /// <summary>The file's text.</summary>
    public const string Text = """
        // The kernel model of the generated corpus (build/CorpusGenerator): flush primitives, the mmu_gather and
        // the sync methods, with the shape of the repository's sample kernel.
        using System;

        namespace Corpus.Model;

        /// <summary>struct mm_struct.</summary>
        public sealed class MmStruct
        {
            /// <summary>How many users share the address space.</summary>
            public int Users;
        }

        /// <summary>struct vm_area_struct.</summary>
        public sealed class VmAreaStruct
        {
            /// <summary>The address space.</summary>
            public MmStruct VmMm = new();

            /// <summary>First address.</summary>
            public ulong VmStart;

            /// <summary>Address after the last.</summary>
            public ulong VmEnd;
        }

        /// <summary>A page-table page.</summary>
        public sealed class PageTable
        {
            /// <summary>How many address spaces share it.</summary>
            public int ShareCount;
        }

        /// <summary>struct mmu_gather.</summary>
        public sealed class MmuGather
        {
            /// <summary>The address space.</summary>
            public MmStruct Mm = new();

            /// <summary>Start of the gathered range.</summary>
            public ulong Start;

            /// <summary>End of the gathered range.</summary>
            public ulong End;

            /// <summary>Tearing down the whole address space.</summary>
            public bool FullMm;

            /// <summary>Flush everything.</summary>
            public bool NeedFlushAll;

            /// <summary>Page tables were freed.</summary>
            public bool FreedTables;

            /// <summary>PTEs were cleared.</summary>
            public bool ClearedPtes;

            /// <summary>PMDs were cleared.</summary>
            public bool ClearedPmds;

            /// <summary>Shared page tables were unshared.</summary>
            public bool UnsharedTables;

            /// <summary>A shared page table lost its last sharer.</summary>
            public bool FullyUnsharedTables;
        }

        /// <summary>The kernel functions, as static methods.</summary>
        public static class K
        {
            /// <summary>TLB_FLUSH_ALL.</summary>
            public const ulong TlbFlushAll = ulong.MaxValue;

            /// <summary>PAGE_SHIFT.</summary>
            public const int PageShift = 12;

            /// <summary>PAGE_SIZE.</summary>
            public const ulong PageSize = 1UL << PageShift;

            /// <summary>HPAGE_PMD_SIZE.</summary>
            public const ulong HpagePmdSize = 1UL << 21;

            /// <summary>The static key of tlb_table_flush_implies_ipi_broadcast().</summary>
            public static bool IpiBroadcastKey;

            /// <summary>How many IPIs were sent.</summary>
            public static int IpisSent;

            /// <summary>flush_tlb_mm_range().</summary>
            /// <param name="mm">The address space.</param>
            /// <param name="start">First address.</param>
            /// <param name="end">Address after the last.</param>
            /// <param name="strideShift">Stride.</param>
            /// <param name="freedTables">Whether page tables were freed.</param>
            public static void FlushTlbMmRange(MmStruct mm, ulong start, ulong end, int strideShift, bool freedTables)
            {
                if (mm.Users > 1 && start <= end && strideShift >= 0)
                {
                    IpisSent++;
                }
            }

            /// <summary>flush_tlb_mm().</summary>
            /// <param name="mm">The address space.</param>
            public static void FlushTlbMm(MmStruct mm) => FlushTlbMmRange(mm, 0, TlbFlushAll, 0, true);

            /// <summary>flush_tlb_range().</summary>
            /// <param name="vma">The area.</param>
            /// <param name="start">First address.</param>
            /// <param name="end">Address after the last.</param>
            public static void FlushTlbRange(VmAreaStruct vma, ulong start, ulong end) =>
                FlushTlbMmRange(vma.VmMm, start, end, PageShift, true);

            /// <summary>flush_tlb_page().</summary>
            /// <param name="vma">The area.</param>
            /// <param name="address">The page.</param>
            public static void FlushTlbPage(VmAreaStruct vma, ulong address) =>
                FlushTlbMmRange(vma.VmMm, address, address + PageSize, PageShift, false);

            /// <summary>tlb_table_flush_implies_ipi_broadcast().</summary>
            /// <returns>Whether a table flush already interrupted every CPU.</returns>
            public static bool TlbTableFlushImpliesIpiBroadcast() => IpiBroadcastKey;

            /// <summary>tlb_remove_table_sync_one(): waits until lockless page-table walkers are done.</summary>
            /// <remarks>Callers must have performed a TLB flush with freedTables or unsharedTables set.</remarks>
            public static void TlbRemoveTableSyncOne()
            {
                if (TlbTableFlushImpliesIpiBroadcast())
                {
                    return;
                }

                IpisSent++;
            }

            /// <summary>tlb_remove_table_sync_rcu(): like the IPI sync, through an RCU grace period.</summary>
            /// <remarks>Callers must have performed a TLB flush with freedTables or unsharedTables set.</remarks>
            public static void TlbRemoveTableSyncRcu()
            {
                if (TlbTableFlushImpliesIpiBroadcast())
                {
                    return;
                }

                IpisSent++;
            }

            /// <summary>tlb_flush().</summary>
            /// <param name="tlb">The gather.</param>
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

            /// <summary>__tlb_reset_range().</summary>
            /// <param name="tlb">The gather.</param>
            public static void TlbResetRange(MmuGather tlb)
            {
                tlb.Start = ulong.MaxValue;
                tlb.End = 0;
                tlb.FreedTables = false;
                tlb.ClearedPtes = false;
                tlb.ClearedPmds = false;
                tlb.UnsharedTables = false;
            }

            /// <summary>tlb_flush_mmu_tlbonly().</summary>
            /// <param name="tlb">The gather.</param>
            public static void TlbFlushMmuTlbonly(MmuGather tlb)
            {
                if (!(tlb.FreedTables || tlb.ClearedPtes || tlb.ClearedPmds || tlb.UnsharedTables))
                {
                    return;
                }

                TlbFlush(tlb);
                TlbResetRange(tlb);
            }

            /// <summary>tlb_table_invalidate().</summary>
            /// <param name="tlb">The gather.</param>
            public static void TlbTableInvalidate(MmuGather tlb) => TlbFlushMmuTlbonly(tlb);

            /// <summary>tlb_gather_mmu().</summary>
            /// <param name="tlb">The gather.</param>
            /// <param name="mm">The address space.</param>
            public static void TlbGatherMmu(MmuGather tlb, MmStruct mm)
            {
                tlb.Mm = mm;
                tlb.FullMm = false;
                tlb.NeedFlushAll = false;
                tlb.FullyUnsharedTables = false;
                TlbResetRange(tlb);
            }

            /// <summary>Frees a page-table page.</summary>
            /// <param name="table">The page.</param>
            public static void FreeTable(PageTable table) => table.ShareCount = -1;
        }

        """;
}
