using KernelModel.Contracts;

namespace KernelModel.SampleKernel;

/// <summary>arch/x86/include/asm/tlbflush.h: the flush entry points built on flush_tlb_mm_range().</summary>
public static partial class Kernel
{
    /// <summary>
    /// Ports <c>flush_tlb_mm()</c>: flushes the whole address space as a flush that frees page tables
    /// (<c>freed_tables</c>, <c>wake_lazy_cpus</c> in the mm tree, true), so it reaches lazy-TLB CPUs as well.
    /// </summary>
    /// <param name="mm">The address space.</param>
    [EnsuresTableFlush]
    public static void FlushTlbMm(MmStruct mm) => FlushTlbMmRange(mm, 0, TlbFlushAll, 0, true);

    /// <summary>
    /// Ports <c>flush_tlb_range()</c>: flushes a range of a VMA, with the huge-page stride for hugetlb VMAs,
    /// as a flush that frees page tables (<c>freed_tables</c>, <c>wake_lazy_cpus</c> in the mm tree, true).
    /// </summary>
    /// <param name="vma">The VMA.</param>
    /// <param name="start">First address.</param>
    /// <param name="end">One past the last address.</param>
    [EnsuresTableFlush]
    public static void FlushTlbRange(VmAreaStruct vma, ulong start, ulong end) =>
        FlushTlbMmRange(vma.VmMm, start, end, vma.IsHugetlb ? PmdShift : PageShift, true);

    /// <summary>
    /// Ports <c>flush_tlb_page()</c>: flushes one page with the flag false, so lazy-TLB CPUs are
    /// skipped. It does not qualify as the flush <c>tlb_remove_table_sync_one()</c> relies on.
    /// </summary>
    /// <param name="vma">The VMA.</param>
    /// <param name="address">The page's address.</param>
    public static void FlushTlbPage(VmAreaStruct vma, ulong address) =>
        FlushTlbMmRange(vma.VmMm, address, address + PageSize, PageShift, false);
}
