using KernelModel.Contracts;

namespace KernelModel.SampleKernel;

/// <summary>arch/x86/mm/pgtable.c: x86's hooks for freeing page tables through an mmu_gather.</summary>
public static partial class Kernel
{
    /// <summary>
    /// Ports <c>___pte_free_tlb()</c> (x86's <c>__pte_free_tlb()</c>): releases the PTE table to the paravirt
    /// layer, then to the gather.
    /// </summary>
    /// <remarks>Requires <c>tlb.FreedTables</c>, which pte_free_tlb() sets: see <see cref="TlbRemoveTable"/>.</remarks>
    /// <param name="tlb">The gather; FreedTables must be set.</param>
    /// <param name="pte">The PTE table.</param>
    /// <param name="address">An address the table mapped.</param>
    [RequiresCondition("tlb.FreedTables")]
    public static void ArchPteFreeTlb(MmuGather tlb, Ptdesc pte, ulong address)
    {
        ParavirtReleasePte(pte);
        TlbRemovePtdesc(tlb, pte);
    }

    /// <summary>Ports <c>___pmd_free_tlb()</c>: releases the PMD table to the paravirt layer, then to the gather.</summary>
    /// <remarks>Requires <c>tlb.FreedTables</c>, which pmd_free_tlb() sets.</remarks>
    /// <param name="tlb">The gather; FreedTables must be set.</param>
    /// <param name="pmd">The PMD table.</param>
    /// <param name="address">An address the table mapped.</param>
    [RequiresCondition("tlb.FreedTables")]
    public static void ArchPmdFreeTlb(MmuGather tlb, Ptdesc pmd, ulong address)
    {
        ParavirtReleasePmd(pmd);
        TlbRemovePtdesc(tlb, pmd);
    }

    /// <summary>Ports <c>___pud_free_tlb()</c>: releases the PUD table to the paravirt layer, then to the gather.</summary>
    /// <remarks>Requires <c>tlb.FreedTables</c>, which pud_free_tlb() sets.</remarks>
    /// <param name="tlb">The gather; FreedTables must be set.</param>
    /// <param name="pud">The PUD table.</param>
    /// <param name="address">An address the table mapped.</param>
    [RequiresCondition("tlb.FreedTables")]
    public static void ArchPudFreeTlb(MmuGather tlb, Ptdesc pud, ulong address)
    {
        ParavirtReleasePud(pud);
        TlbRemovePtdesc(tlb, pud);
    }

    /// <summary>Ports <c>paravirt_release_pte()</c>: a hypervisor hook; nothing to do on bare metal.</summary>
    /// <param name="pte">The PTE table.</param>
    public static void ParavirtReleasePte(Ptdesc pte)
    {
    }

    /// <summary>Ports <c>paravirt_release_pmd()</c>: a hypervisor hook; nothing to do on bare metal.</summary>
    /// <param name="pmd">The PMD table.</param>
    public static void ParavirtReleasePmd(Ptdesc pmd)
    {
    }

    /// <summary>Ports <c>paravirt_release_pud()</c>: a hypervisor hook; nothing to do on bare metal.</summary>
    /// <param name="pud">The PUD table.</param>
    public static void ParavirtReleasePud(Ptdesc pud)
    {
    }
}
