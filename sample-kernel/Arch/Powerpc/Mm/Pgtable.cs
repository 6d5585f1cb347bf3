using KernelModel.SampleKernel.Model;

namespace KernelModel.SampleKernel;

/// <summary>
/// arch/powerpc/mm/book3s64/hash_pgtable.c and pgtable.c: the hash MMU's own <c>pmdp_collapse_flush()</c> and
/// the hooks that free page tables through an mmu_gather.
/// </summary>
public static partial class Kernel
{
    /// <summary>
    /// Ports <c>pmdp_collapse_flush()</c> (powerpc's), which is <c>hash__pmdp_collapse_flush()</c>: clears the PMD,
    /// waits with <c>serialize_against_pte_lookup()</c> for lockless walkers of this mm, then invalidates the
    /// hash-table entries of the old PTE table with <c>tlbie</c>. There is no flush that frees page tables here;
    /// what keeps khugepaged's sync sound on this MMU is that the sync sends its own IPI.
    /// </summary>
    /// <param name="vma">The VMA.</param>
    /// <param name="address">The PMD-aligned address.</param>
    /// <param name="pmdp">The entry.</param>
    /// <returns>The entry's old value.</returns>
    public static Pmd PmdpCollapseFlush(VmAreaStruct vma, ulong address, PmdPointer pmdp)
    {
        Pmd pmd = pmdp.Get();
        pmdp.Set(Pmd.None);
        SerializeAgainstPteLookup(vma.VmMm);
        FlushHashTablePmdRange(vma.VmMm);
        return pmd;
    }

    /// <summary>
    /// Ports <c>serialize_against_pte_lookup()</c>: an empty IPI to every other CPU in the mm's cpumask, so that
    /// a lockless walk of this mm that began before the PMD was cleared has ended.
    /// </summary>
    /// <param name="mm">The address space.</param>
    public static void SerializeAgainstPteLookup(MmStruct mm) => SmpCallFunctionMany(mm.Cpumask, DoSerialize);

    /// <summary>Ports <c>do_serialize()</c>: the empty IPI handler of <c>serialize_against_pte_lookup()</c>.</summary>
    /// <param name="cpu">The interrupted CPU.</param>
    public static void DoSerialize(Cpu cpu)
    {
    }

    /// <summary>
    /// Ports <c>flush_hash_table_pmd_range()</c>: invalidates, with <c>tlbie</c>, the hash-table entries that the
    /// PTE table being collapsed inserted.
    /// </summary>
    /// <param name="mm">The address space.</param>
    public static void FlushHashTablePmdRange(MmStruct mm) => Machine.Current.BroadcastTlbInvalidate(mm);

    /// <summary>
    /// Ports <c>__pte_free_tlb()</c> (powerpc's) (<c>pgtable_free_tlb()</c>): hands the PTE table to the gather.
    /// </summary>
    /// <remarks>Requires <c>tlb.FreedTables</c>, which pte_free_tlb() sets: see <see cref="TlbRemoveTable"/>.</remarks>
    /// <param name="tlb">The gather; FreedTables must be set.</param>
    /// <param name="pte">The PTE table.</param>
    /// <param name="address">An address the table mapped.</param>
    [KernelModel.Contracts.RequiresCondition("tlb.FreedTables")]
    public static void ArchPteFreeTlb(MmuGather tlb, Ptdesc pte, ulong address) => TlbRemovePtdesc(tlb, pte);

    /// <summary>Ports <c>__pmd_free_tlb()</c> (powerpc's): hands the PMD table to the gather.</summary>
    /// <remarks>Requires <c>tlb.FreedTables</c>, which pmd_free_tlb() sets.</remarks>
    /// <param name="tlb">The gather; FreedTables must be set.</param>
    /// <param name="pmd">The PMD table.</param>
    /// <param name="address">An address the table mapped.</param>
    [KernelModel.Contracts.RequiresCondition("tlb.FreedTables")]
    public static void ArchPmdFreeTlb(MmuGather tlb, Ptdesc pmd, ulong address) => TlbRemovePtdesc(tlb, pmd);

    /// <summary>Ports <c>__pud_free_tlb()</c> (powerpc's): hands the PUD table to the gather.</summary>
    /// <remarks>Requires <c>tlb.FreedTables</c>, which pud_free_tlb() sets.</remarks>
    /// <param name="tlb">The gather; FreedTables must be set.</param>
    /// <param name="pud">The PUD table.</param>
    /// <param name="address">An address the table mapped.</param>
    [KernelModel.Contracts.RequiresCondition("tlb.FreedTables")]
    public static void ArchPudFreeTlb(MmuGather tlb, Ptdesc pud, ulong address) => TlbRemovePtdesc(tlb, pud);
}
