using KernelModel.Contracts;
using KernelModel.SampleKernel.Model;

namespace KernelModel.SampleKernel;

/// <summary>arch/x86/include/asm/tlb.h: how x86 flushes an mmu_gather.</summary>
public static partial class Kernel
{
    /// <summary>
    /// Ports x86's <c>tlb_flush()</c>: flushes the gathered range (or everything for fullmm or need_flush_all)
    /// with the stride of the lowest cleared level. The flush counts as freeing page tables when tables were
    /// freed or unshared, so that it also interrupts lazy-TLB CPUs.
    /// </summary>
    /// <param name="tlb">The gather.</param>
#if LINUX_7_0_TLB_FLUSH
    [EnsuresTableFlush(When = "tlb.FreedTables")]
#else
    [EnsuresTableFlush(When = "tlb.FreedTables || tlb.UnsharedTables")]
#endif
    public static void TlbFlush(MmuGather tlb)
    {
        ulong start = 0;
        ulong end = TlbFlushAll;
        int strideShift = TlbGetUnmapShift(tlb);

        if (!tlb.FullMm && !tlb.NeedFlushAll)
        {
            start = tlb.Start;
            end = tlb.End;
        }

#if LINUX_7_0_TLB_FLUSH
        // Linux 7.0: an unshare-only flush skips lazy-TLB CPUs.
        FlushTlbMmRange(tlb.Mm, start, end, strideShift, tlb.FreedTables);
#else
        FlushTlbMmRange(tlb.Mm, start, end, strideShift, tlb.FreedTables || tlb.UnsharedTables);
#endif
    }

    /// <summary>
    /// Ports x86's <c>tlb_table_flush_implies_ipi_broadcast()</c>: true when every table-freeing flush sends
    /// IPIs to all CPUs that may walk the tables, which boot code decides once (see
    /// <see cref="TlbIpiBroadcastInit"/>).
    /// </summary>
    /// <returns>Whether the key is enabled.</returns>
    public static bool TlbTableFlushImpliesIpiBroadcast() =>
        StaticBranchLikely(Machine.Current.TlbTableFlushImpliesIpiBroadcastKey);

    /// <summary>Ports <c>static_branch_likely()</c>.</summary>
    /// <param name="key">The static key.</param>
    /// <returns>Whether it is enabled.</returns>
    public static bool StaticBranchLikely(StaticKey key) => key.Enabled;
}
