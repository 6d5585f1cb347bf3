
namespace KernelModel.SampleKernel;

/// <summary>
/// mm/rmap.c: reverse-map unmapping and migration. Only the hugetlb branch that may unshare a PMD table is
/// ported; the walk over the folio's mappings is one address, the one the caller names.
/// </summary>
public static partial class Kernel
{
    /// <summary>
    /// Ports the hugetlb branch of <c>try_to_unmap_one()</c> (Linux 7.0 and the mm tree): for a file-backed
    /// hugetlb folio, first tries to unshare the PMD table mapping it with a gather of its own; if that unmapped
    /// the folio, completes the unshare with <c>huge_pmd_unshare_flush()</c>, which flushes the gather itself,
    /// and is done. Otherwise it clears the huge PTE with <c>huge_ptep_clear_flush()</c>.
    /// </summary>
    /// <remarks>The caller holds i_mmap_rwsem for writing (TTU_RMAP_LOCKED).</remarks>
    /// <param name="vma">The hugetlb VMA mapping the folio.</param>
    /// <param name="address">Where it maps it.</param>
    /// <returns>False when the walk had to give up (the VMA lock was contended).</returns>
    public static bool TryToUnmapOne(VmAreaStruct vma, ulong address)
    {
        bool ret = true;
        MmStruct mm = vma.VmMm;
        var range = new MmuNotifierRange(mm, address & PudMask, (address & PudMask) + PudSize);
        MmuNotifierInvalidateRangeStart(range);

        PmdPointer? pte = HugetlbWalk(vma, address);
        if (pte is null || pte.Value.Get().IsNone)
        {
            goto walkDone;
        }

        if (vma.Mapping is not null)
        {
            if (!HugetlbVmaTrylockWrite(vma))
            {
                ret = false;
                goto walkDone;
            }

            var tlb = new MmuGather();
            TlbGatherMmuVma(tlb, vma);
            if (HugePmdUnshare(tlb, vma, address, pte.Value) != 0)
            {
                HugetlbVmaUnlockWrite(vma);
                HugePmdUnshareFlush(tlb, vma);
                TlbFinishMmu(tlb);

                // The PMD table was unmapped, and with it the folio.
                goto walkDone;
            }

            HugetlbVmaUnlockWrite(vma);
            TlbFinishMmu(tlb);
        }

        HugePtepClearFlush(vma, address, pte.Value);

    walkDone:
        MmuNotifierInvalidateRangeEnd(range);
        return ret;
    }

    /// <summary>
    /// Ports the hugetlb branch of <c>try_to_migrate_one()</c> (Linux 7.0 and the mm tree): the same unshare
    /// attempt as <see cref="TryToUnmapOne"/>; when nothing was unshared, the huge PTE is cleared and replaced by
    /// a migration entry.
    /// </summary>
    /// <remarks>The caller holds i_mmap_rwsem for writing (TTU_RMAP_LOCKED).</remarks>
    /// <param name="vma">The hugetlb VMA mapping the folio.</param>
    /// <param name="address">Where it maps it.</param>
    /// <returns>False when the walk had to give up (the VMA lock was contended).</returns>
    public static bool TryToMigrateOne(VmAreaStruct vma, ulong address)
    {
        bool ret = true;
        MmStruct mm = vma.VmMm;
        var range = new MmuNotifierRange(mm, address & PudMask, (address & PudMask) + PudSize);
        MmuNotifierInvalidateRangeStart(range);

        PmdPointer? pte = HugetlbWalk(vma, address);
        if (pte is null || pte.Value.Get().IsNone)
        {
            goto walkDone;
        }

        if (vma.Mapping is not null)
        {
            if (!HugetlbVmaTrylockWrite(vma))
            {
                ret = false;
                goto walkDone;
            }

            var tlb = new MmuGather();
            TlbGatherMmuVma(tlb, vma);
            if (HugePmdUnshare(tlb, vma, address, pte.Value) != 0)
            {
                HugetlbVmaUnlockWrite(vma);
                HugePmdUnshareFlush(tlb, vma);
                TlbFinishMmu(tlb);
                goto walkDone;
            }

            HugetlbVmaUnlockWrite(vma);
            TlbFinishMmu(tlb);
        }

        Pmd old = HugePtepClearFlush(vma, address, pte.Value);

        // The migration entry stands where the huge page was; the model marks it with the old frame number.
        pte.Value.Set(Pmd.Leaf(old.LeafPfn));

    walkDone:
        MmuNotifierInvalidateRangeEnd(range);
        return ret;
    }

    /// <summary>Ports <c>hugetlb_vma_trylock_write()</c>.</summary>
    /// <param name="vma">The hugetlb VMA.</param>
    /// <returns>Whether the VMA lock was taken.</returns>
    public static bool HugetlbVmaTrylockWrite(VmAreaStruct vma) => vma.VmaLock.TryWriteLock();

    /// <summary>Ports <c>hugetlb_vma_unlock_write()</c>.</summary>
    /// <param name="vma">The hugetlb VMA.</param>
    public static void HugetlbVmaUnlockWrite(VmAreaStruct vma) => vma.VmaLock.WriteUnlock();

    /// <summary>
    /// Ports <c>huge_ptep_clear_flush()</c>: clears the huge PTE and flushes its page with
    /// <c>flush_tlb_page()</c>, a flush that frees no page tables.
    /// </summary>
    /// <param name="vma">The hugetlb VMA.</param>
    /// <param name="address">The address.</param>
    /// <param name="ptep">The huge PTE.</param>
    /// <returns>The old entry.</returns>
    public static Pmd HugePtepClearFlush(VmAreaStruct vma, ulong address, PmdPointer ptep)
    {
        Pmd old = ptep.Get();
        ptep.Set(Pmd.None);
        FlushTlbPage(vma, address);
        return old;
    }
}
