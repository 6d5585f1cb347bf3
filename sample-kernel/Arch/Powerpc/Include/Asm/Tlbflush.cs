namespace KernelModel.SampleKernel;

/// <summary>
/// arch/powerpc/include/asm/book3s/64/tlbflush-hash.h: the flush entry points of the hash MMU, which are empty.
/// The hash MMU invalidates each hash-table entry with <c>tlbie</c> when the Linux PTE changes, so by the time
/// a range would be flushed there is nothing left to do.
/// </summary>
public static partial class Kernel
{
    /// <summary>Ports <c>flush_tlb_mm()</c>, which is <c>hash__flush_tlb_mm()</c>: empty.</summary>
    /// <param name="mm">The address space.</param>
    public static void FlushTlbMm(MmStruct mm)
    {
    }

    /// <summary>Ports <c>flush_tlb_range()</c>, which is <c>hash__flush_tlb_range()</c>: empty.</summary>
    /// <param name="vma">The VMA.</param>
    /// <param name="start">First address.</param>
    /// <param name="end">One past the last address.</param>
    public static void FlushTlbRange(VmAreaStruct vma, ulong start, ulong end)
    {
    }

    /// <summary>Ports <c>flush_tlb_page()</c>, which is <c>hash__flush_tlb_page()</c>: empty.</summary>
    /// <param name="vma">The VMA.</param>
    /// <param name="address">The page's address.</param>
    public static void FlushTlbPage(VmAreaStruct vma, ulong address)
    {
    }
}
