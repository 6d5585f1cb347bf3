using KernelModel.SampleKernel.Model;

namespace KernelModel.SampleKernel;

/// <summary>
/// arch/powerpc/include/asm/tlb.h and book3s/64/tlbflush.h for the hash MMU: how a 64-bit Book3S powerpc with
/// the hashed page table flushes an mmu_gather. Nothing here interrupts another CPU.
/// </summary>
public static partial class Kernel
{
    /// <summary>
    /// Ports <c>tlb_flush()</c> (powerpc's), which on the hash MMU is <c>hash__tlb_flush()</c>: pushes out the
    /// hash-table invalidations this CPU batched. They go out as <c>tlbie</c>, which the hardware broadcasts; no
    /// CPU is interrupted, so no lockless walker is waited for.
    /// </summary>
    /// <param name="tlb">The gather.</param>
    public static void TlbFlush(MmuGather tlb) => FlushTlbPending(tlb.Mm);

    /// <summary>
    /// Ports <c>tlb_needs_table_invalidate()</c> (powerpc's): <c>radix_enabled()</c>. The hash MMU has no page walk
    /// cache of the Linux page tables, so freeing a table needs no invalidation of its own.
    /// </summary>
    /// <returns>False in the hash configuration.</returns>
    public static bool TlbNeedsTableInvalidate() => KernelConfig.PpcRadixMmu;

    /// <summary>
    /// Ports <c>__flush_tlb_pending()</c>: invalidates the batched hash-table entries with <c>tlbie</c>, which
    /// every CPU's TLB obeys without an interrupt.
    /// </summary>
    /// <param name="mm">The address space whose entries were batched.</param>
    public static void FlushTlbPending(MmStruct mm) => Machine.Current.BroadcastTlbInvalidate(mm);
}
