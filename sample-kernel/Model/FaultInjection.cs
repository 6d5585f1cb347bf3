namespace KernelModel.SampleKernel.Model;

/// <summary>Failures a scenario forces on the kernel's fallible steps, to reach its early exits and fallbacks.</summary>
public sealed class FaultInjection
{
    /// <summary>The non-sleeping allocation of a page-table batch page fails (tlb_remove_table()'s fallback).</summary>
    public bool TableBatchAllocationFails { get; set; }

    /// <summary>khugepaged cannot allocate or charge the huge folio (alloc_charge_folio()).</summary>
    public bool FolioAllocationFails { get; set; }

    /// <summary>The VMA changed while khugepaged dropped mmap_lock (hugepage_vma_revalidate()).</summary>
    public bool VmaRevalidationFails { get; set; }

    /// <summary>A small page could not be isolated (__collapse_huge_page_isolate()).</summary>
    public bool PteIsolationFails { get; set; }

    /// <summary>The PMD changed while the PTE lock was dropped (try_collapse_pte_mapped_thp()'s recheck).</summary>
    public bool PmdChangesDuringCollapse { get; set; }
}
