using KernelModel.Contracts;
using KernelModel.SampleKernel.Model;

namespace KernelModel.SampleKernel;

/// <summary>arch/x86/include/asm/tlb.h: how x86 flushes an mmu_gather.</summary>
public static partial class Kernel
{
#if LINUX_7_0_TLB_FLUSH
    /// <summary>
    /// Ports <c>tlb_flush()</c> (x86's) as in Linux 7.0: flushes the gathered range (or everything for fullmm or
    /// need_flush_all) with the stride of the lowest cleared level, and passes <c>freed_tables</c> alone, so a
    /// flush that only unshared tables skips lazy-TLB CPUs.
    /// </summary>
    /// <param name="tlb">The gather.</param>
    [EnsuresTableFlush(When = "tlb.FreedTables")]
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

        FlushTlbMmRange(tlb.Mm, start, end, strideShift, tlb.FreedTables);
    }
#else
    /// <summary>
    /// Ports <c>tlb_flush()</c> (x86's) as in the mm tree of May 2026: flushes the gathered range (or everything
    /// for fullmm or need_flush_all) with the stride of the lowest cleared level, and wakes lazy-TLB CPUs when
    /// tables were freed or unshared, so that the broadcast check may rely on the flush's IPIs.
    /// </summary>
    /// <param name="tlb">The gather.</param>
    [EnsuresTableFlush(When = "tlb.FreedTables || tlb.UnsharedTables")]
    public static void TlbFlush(MmuGather tlb)
    {
        ulong start = 0;
        ulong end = TlbFlushAll;
        int strideShift = TlbGetUnmapShift(tlb);

        // Both freed and unshared tables must reach lazy-TLB CPUs before the tables are freed or reused.
        bool wakeLazyCpus = tlb.FreedTables || tlb.UnsharedTables;

        if (!tlb.FullMm && !tlb.NeedFlushAll)
        {
            start = tlb.Start;
            end = tlb.End;
        }

        FlushTlbMmRange(tlb.Mm, start, end, strideShift, wakeLazyCpus);
    }
#endif

#if ARCH_HAS_TLB_TABLE_FLUSH_IMPLIES_IPI_BROADCAST
    /// <summary>
    /// Ports <c>tlb_table_flush_implies_ipi_broadcast()</c> (x86's) (the series; Linux 7.0 has none): true when
    /// every table-freeing flush sends IPIs to all CPUs that may walk the tables, which boot code decides once
    /// (see <see cref="NativePvTlbInit"/>).
    /// </summary>
    /// <returns>Whether the key is enabled.</returns>
    public static bool TlbTableFlushImpliesIpiBroadcast() =>
        StaticBranchLikely(Machine.Current.TlbTableFlushImpliesIpiBroadcastKey);
#endif

    /// <summary>Ports <c>static_branch_likely()</c>.</summary>
    /// <param name="key">The static key.</param>
    /// <returns>Whether it is enabled.</returns>
    public static bool StaticBranchLikely(StaticKey key) => key.Enabled;
}
