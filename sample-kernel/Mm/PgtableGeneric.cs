#if !ARCH_HAS_PMDP_COLLAPSE_FLUSH
using KernelModel.Contracts;
#endif

namespace KernelModel.SampleKernel;

/// <summary>mm/pgtable-generic.c: generic page-table helpers.</summary>
public static partial class Kernel
{
#if !ARCH_HAS_PMDP_COLLAPSE_FLUSH
    /// <summary>
    /// Ports <c>pmdp_collapse_flush()</c> (the generic one), which x86 keeps: reads and clears a PMD entry that points to a PTE table, then
    /// flushes the PMD-sized range with <c>flush_tlb_range()</c>, a flush that frees page tables. Returns the
    /// old entry. This is the flush every khugepaged sync relies on.
    /// </summary>
    /// <param name="vma">The VMA.</param>
    /// <param name="address">The PMD-aligned address.</param>
    /// <param name="pmdp">The entry.</param>
    /// <returns>The entry's old value.</returns>
    [EnsuresTableFlush]
    public static Pmd PmdpCollapseFlush(VmAreaStruct vma, ulong address, PmdPointer pmdp)
    {
        Pmd pmd = pmdp.Get();
        pmdp.Set(Pmd.None);
        FlushTlbRange(vma, address, address + HpagePmdSize);
        return pmd;
    }
#endif

    /// <summary>
    /// Ports <c>pte_free_defer()</c>: frees a PTE table after an RCU grace period, so that walkers that
    /// still see it finish first.
    /// </summary>
    /// <param name="mm">The address space.</param>
    /// <param name="pgtable">The PTE table.</param>
    public static void PteFreeDefer(MmStruct mm, Ptdesc pgtable) => CallRcu(pgtable.Free);

    /// <summary>Ports <c>mm_dec_nr_ptes()</c>.</summary>
    /// <param name="mm">The address space.</param>
    public static void MmDecNrPtes(MmStruct mm) => mm.NrPtes--;

    /// <summary>Ports <c>mm_dec_nr_pmds()</c>.</summary>
    /// <param name="mm">The address space.</param>
    public static void MmDecNrPmds(MmStruct mm) => mm.NrPmds--;
}
