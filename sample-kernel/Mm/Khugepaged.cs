using KernelModel.SampleKernel.Model;

namespace KernelModel.SampleKernel;

/// <summary>Results of khugepaged's scans and collapses (enum scan_result).</summary>
public enum ScanResult
{
    /// <summary>SCAN_FAIL.</summary>
    Fail,

    /// <summary>SCAN_SUCCEED.</summary>
    Succeed,

    /// <summary>SCAN_PMD_NULL: no PMD table.</summary>
    PmdNull,

    /// <summary>SCAN_PMD_NONE: the PMD entry is empty.</summary>
    PmdNone,

    /// <summary>SCAN_PMD_MAPPED: already mapped by a huge PMD.</summary>
    PmdMapped,

    /// <summary>SCAN_VMA_CHECK: the VMA is gone or unsuitable.</summary>
    VmaCheck,

    /// <summary>SCAN_ALLOC_HUGE_PAGE_FAIL.</summary>
    AllocHugePageFail,

    /// <summary>SCAN_DEL_PAGE_LRU: a small page could not be isolated.</summary>
    DelPageLru,

    /// <summary>SCAN_PAGE_NULL: no folio in the page cache.</summary>
    PageNull,

    /// <summary>SCAN_PAGE_COMPOUND: the folio is not PMD-sized, or a PTE maps something else.</summary>
    PageCompound,
}

/// <summary>mm/khugepaged.c: collapsing small pages into huge pages and retracting emptied page tables.</summary>
public static partial class Kernel
{
    /// <summary>
    /// Ports <c>collapse_huge_page()</c>: replaces the PTE table under a PMD with one huge page. Under the PMD
    /// lock the PMD is cleared and flushed with <c>pmdp_collapse_flush()</c>; then
    /// <c>tlb_remove_table_sync_one()</c> waits for GUP-fast walkers that saw the old PMD before the PTEs they
    /// may be reading are isolated and copied.
    /// </summary>
    /// <param name="mm">The address space; its mmap_lock is held for reading on entry and released.</param>
    /// <param name="address">The PMD-aligned address.</param>
    /// <param name="unmapped">How many PTEs were swapped out and need swapping in.</param>
    /// <returns>The scan result.</returns>
    public static ScanResult CollapseHugePage(MmStruct mm, ulong address, int unmapped)
    {
        ScanResult result;
        Folio? folio;
        VmAreaStruct? vma;
        PmdPointer pmd;

        MmapReadUnlock(mm);

        result = AllocChargeFolio(out folio);
        if (result != ScanResult.Succeed)
        {
            goto outNolock;
        }

        MmapReadLock(mm);
        result = HugepageVmaRevalidate(mm, address, out vma);
        if (result != ScanResult.Succeed)
        {
            MmapReadUnlock(mm);
            goto outNolock;
        }

        result = FindPmdOrThpOrNone(mm, address, out pmd);
        if (result != ScanResult.Succeed)
        {
            MmapReadUnlock(mm);
            goto outNolock;
        }

        if (unmapped > 0)
        {
            result = CollapseHugePageSwapin(mm, vma!, address, pmd);
            if (result != ScanResult.Succeed)
            {
                goto outNolock;
            }
        }

        MmapReadUnlock(mm);

        // Prevent all access to the page tables, except GUP-fast and hardware walkers, which only the flush
        // and the sync below keep out.
        MmapWriteLock(mm);
        result = HugepageVmaRevalidate(mm, address, out vma);
        if (result != ScanResult.Succeed)
        {
            goto outUpWrite;
        }

        result = CheckPmdStillValid(mm, address, pmd);
        if (result != ScanResult.Succeed)
        {
            goto outUpWrite;
        }

        var range = new MmuNotifierRange(mm, address, address + HpagePmdSize);
        MmuNotifierInvalidateRangeStart(range);

        Spinlock pmdPtl = PmdLock(mm, pmd);

        // Removes the PTE-table mapping and its TLB entries, so no new walker can reach the old table.
        Pmd oldPmd = PmdpCollapseFlush(vma!, address, pmd);
        pmdPtl.Unlock();
        MmuNotifierInvalidateRangeEnd(range);
        TlbRemoveTableSyncOne();

        Ptdesc pte = PmdPgtable(oldPmd);
        Spinlock ptePtl = PteLockptr(mm, oldPmd);
        ptePtl.Lock();
        result = CollapseHugePageIsolate(vma!, address, pte);
        ptePtl.Unlock();

        if (result != ScanResult.Succeed)
        {
            // Put the old page table back: pmd_populate(), never set_pmd_at(), for a non-huge entry.
            pmdPtl.Lock();
            VmWarnOnOnce(!pmd.Get().IsNone, "collapse_huge_page(): PMD repopulated under us");
            PmdPopulate(mm, pmd, pte);
            pmdPtl.Unlock();
            goto outUpWrite;
        }

        result = CollapseHugePageCopy(pte, folio!, vma!, address);
        if (result != ScanResult.Succeed)
        {
            goto outUpWrite;
        }

        folio!.Uptodate = true;
        pmdPtl.Lock();
        PgtableTransHugeDeposit(mm, pmd, pte);
        SetPmdAt(mm, address, pmd, Pmd.Leaf(folio.Pfn));
        pmdPtl.Unlock();

        folio = null;
        result = ScanResult.Succeed;

    outUpWrite:
        MmapWriteUnlock(mm);
    outNolock:
        if (folio is not null)
        {
            FolioPut(folio);
        }

        return result;
    }

    /// <summary>
    /// Ports <c>try_collapse_pte_mapped_thp()</c>: when a file's PMD-sized folio is mapped by PTEs, clears those
    /// PTEs and retracts the page table so the folio can be mapped by one PMD. If the PMD changed while the
    /// PTE lock was dropped, it flushes the whole mm and gives up (no sync needed: the table stays). Otherwise
    /// <c>pmdp_collapse_flush()</c> then <c>pmdp_get_lockless_sync()</c>, and the table is freed after RCU.
    /// </summary>
    /// <param name="mm">The address space; its mmap_lock is held.</param>
    /// <param name="addr">An address in the range.</param>
    /// <param name="installPmd">Whether to map the folio with a PMD afterwards.</param>
    /// <returns>The scan result.</returns>
    public static ScanResult TryCollapsePteMappedThp(MmStruct mm, ulong addr, bool installPmd)
    {
        ulong haddr = addr & HpagePmdMask;
        VmAreaStruct? vma = VmaLookup(mm, haddr);
        ScanResult result;
        PmdPointer pmd;
        Pmd pgtPmd;
        Spinlock? pml = null;
        Spinlock? ptl = null;
        MmuNotifierRange? range = null;

        if (vma?.Mapping is null || !vma.Contains(haddr, haddr + HpagePmdSize))
        {
            return ScanResult.VmaCheck;
        }

        // Fast check before locking the folio, in case it is already PMD-mapped.
        result = FindPmdOrThpOrNone(mm, haddr, out pmd);
        if (result == ScanResult.PmdMapped)
        {
            return result;
        }

        Folio? folio = FilemapLockFolio(vma.Mapping, LinearPageIndex(vma, haddr));
        if (folio is null)
        {
            return ScanResult.PageNull;
        }

        if (folio.Order != HpagePmdOrder)
        {
            result = ScanResult.PageCompound;
            goto dropFolio;
        }

        result = FindPmdOrThpOrNone(mm, haddr, out pmd);
        switch (result)
        {
            case ScanResult.Succeed:
                break;
            case ScanResult.PmdNull:
            case ScanResult.PmdNone:
                goto maybeInstallPmd;
            default:
                goto dropFolio;
        }

        result = ScanResult.Fail;
        pgtPmd = PmdpGetLockless(pmd);
        Ptdesc startPte = PmdPgtable(pgtPmd);

        // Step 1: every mapped PTE must map the matching page of this folio.
        ulong[] ptes = startPte.Ptes!;
        for (int i = 0; i < ptes.Length; i++)
        {
            if (ptes[i] != 0 && ptes[i] != folio.Pfn + (ulong)i)
            {
                result = ScanResult.PageCompound;
                goto dropFolio;
            }
        }

        range = new MmuNotifierRange(mm, haddr, haddr + HpagePmdSize);
        MmuNotifierInvalidateRangeStart(range);

        // Step 2: clear the page table under the PTE lock. No TLB flush yet: the PMD flush below covers it.
        ptl = PteLockptr(mm, pgtPmd);
        ptl.Lock();
        for (int i = 0; i < ptes.Length; i++)
        {
            ptes[i] = 0;
        }

        ptl.Unlock();
        ptl = null;

        // Step 4: remove the now empty page table, rechecking the PMD under both locks.
        pml = PmdLock(mm, pmd);
        ptl = PteLockptr(mm, pgtPmd);
        ptl.Lock();
        if (!PmdSame(pgtPmd, PmdpGetLockless(pmd)) || Machine.Current.Faults.PmdChangesDuringCollapse)
        {
            FlushTlbMm(mm);
            goto unlock;
        }

        pgtPmd = PmdpCollapseFlush(vma, haddr, pmd);
        PmdpGetLocklessSync();
        ptl.Unlock();
        pml.Unlock();
        MmuNotifierInvalidateRangeEnd(range);
        MmDecNrPtes(mm);
        PteFreeDefer(mm, PmdPgtable(pgtPmd));

    maybeInstallPmd:
        // Step 5: map the folio with one PMD.
        result = installPmd ? SetHugePmd(vma, haddr, pmd, folio) : ScanResult.Succeed;
        goto dropFolio;

    unlock:
        ptl?.Unlock();
        pml?.Unlock();
        if (range is not null)
        {
            MmuNotifierInvalidateRangeEnd(range);
        }

    dropFolio:
        FolioUnlock(folio);
        FolioPut(folio);
        return result;
    }

    /// <summary>
    /// Ports <c>retract_page_tables()</c>: after a file range became one huge page, removes the now empty PTE
    /// tables of every VMA mapping it. Misaligned or unsuitable VMAs are skipped; under the locks, a VMA that
    /// is still retractable gets <c>pmdp_collapse_flush()</c> then <c>pmdp_get_lockless_sync()</c>, others jump
    /// to <c>drop_pml</c>. Retracted tables are freed after RCU.
    /// </summary>
    /// <param name="mapping">The file's page cache.</param>
    /// <param name="pgoff">The huge page's index in the file.</param>
    /// <returns>How many page tables were retracted.</returns>
    public static int RetractPageTables(AddressSpace mapping, ulong pgoff)
    {
        int retracted = 0;
        mapping.IMmapRwsem.ReadLock();
        foreach (VmAreaStruct vma in mapping.IMmap)
        {
            bool success = false;
            Pmd pgtPmd = Pmd.None;
            ulong vmaPages = (vma.VmEnd - vma.VmStart) >> PageShift;
            if (pgoff < vma.VmPgoff || pgoff >= vma.VmPgoff + vmaPages)
            {
                continue;
            }

            ulong addr = vma.VmStart + ((pgoff - vma.VmPgoff) << PageShift);
            if ((addr & ~HpagePmdMask) != 0 || vma.VmEnd < addr + HpagePmdSize)
            {
                continue;
            }

            MmStruct mm = vma.VmMm;
            if (FindPmdOrThpOrNone(mm, addr, out PmdPointer pmd) != ScanResult.Succeed)
            {
                continue;
            }

            if (HpageCollapseTestExit(mm))
            {
                continue;
            }

            // Page faults and uffd-wp markers may refill the table: leave those to collapse later.
            if (vma.UffdWp)
            {
                continue;
            }

            var range = new MmuNotifierRange(mm, addr, addr + HpagePmdSize);
            MmuNotifierInvalidateRangeStart(range);

            Spinlock pml = PmdLock(mm, pmd);
            Spinlock ptl = PteLockptr(mm, pmd.Get());
            ptl.Lock();

            // With the huge folio locked the table must stay empty, unless anonymous pages or uffd-wp
            // markers were inserted meanwhile.
            if (vma.HasAnonVma || vma.UffdWp)
            {
                ptl.Unlock();
                goto dropPml;
            }

            pgtPmd = PmdpCollapseFlush(vma, addr, pmd);
            PmdpGetLocklessSync();
            success = true;
            ptl.Unlock();

        dropPml:
            pml.Unlock();
            MmuNotifierInvalidateRangeEnd(range);
            if (success)
            {
                MmDecNrPtes(mm);
                PteFreeDefer(mm, PmdPgtable(pgtPmd));
                retracted++;
            }
        }

        mapping.IMmapRwsem.ReadUnlock();
        return retracted;
    }

    /// <summary>Ports <c>alloc_charge_folio()</c>: allocates the huge folio and charges it to the memcg.</summary>
    /// <param name="folio">The new folio, or null on failure.</param>
    /// <returns>Succeed, or AllocHugePageFail.</returns>
    public static ScanResult AllocChargeFolio(out Folio? folio)
    {
        if (Machine.Current.Faults.FolioAllocationFails)
        {
            folio = null;
            return ScanResult.AllocHugePageFail;
        }

        folio = new Folio(0x200000, HpagePmdOrder);
        return ScanResult.Succeed;
    }

    /// <summary>
    /// Ports <c>hugepage_vma_revalidate()</c>: after mmap_lock was dropped, finds the VMA again and checks that
    /// it still covers the PMD-sized range.
    /// </summary>
    /// <param name="mm">The address space.</param>
    /// <param name="address">The PMD-aligned address.</param>
    /// <param name="vma">The VMA, when found.</param>
    /// <returns>Succeed, or VmaCheck.</returns>
    public static ScanResult HugepageVmaRevalidate(MmStruct mm, ulong address, out VmAreaStruct? vma)
    {
        vma = HpageCollapseTestExit(mm) || Machine.Current.Faults.VmaRevalidationFails ? null : VmaLookup(mm, address);
        if (vma is null || !vma.Contains(address, address + HpagePmdSize))
        {
            vma = null;
            return ScanResult.VmaCheck;
        }

        return ScanResult.Succeed;
    }

    /// <summary>Ports <c>find_pmd_or_thp_or_none()</c>: classifies the PMD entry covering <paramref name="address"/>.</summary>
    /// <param name="mm">The address space.</param>
    /// <param name="address">The address.</param>
    /// <param name="pmd">The entry, when a PMD table exists.</param>
    /// <returns>Succeed when it points to a PTE table; PmdNull, PmdNone or PmdMapped otherwise.</returns>
    public static ScanResult FindPmdOrThpOrNone(MmStruct mm, ulong address, out PmdPointer pmd)
    {
        PmdPointer? found = PmdOffset(mm, address);
        pmd = found.GetValueOrDefault();
        if (found is null)
        {
            return ScanResult.PmdNull;
        }

        Pmd value = pmd.Get();
        if (value.IsNone)
        {
            return ScanResult.PmdNone;
        }

        return value.IsLeaf ? ScanResult.PmdMapped : ScanResult.Succeed;
    }

    /// <summary>Ports <c>check_pmd_still_valid()</c>: the PMD entry found earlier still points to a PTE table.</summary>
    /// <param name="mm">The address space.</param>
    /// <param name="address">The address.</param>
    /// <param name="pmd">The entry found earlier.</param>
    /// <returns>Succeed, or the new classification.</returns>
    public static ScanResult CheckPmdStillValid(MmStruct mm, ulong address, PmdPointer pmd)
    {
        ScanResult result = FindPmdOrThpOrNone(mm, address, out PmdPointer now);
        if (result != ScanResult.Succeed)
        {
            return result;
        }

        return now == pmd ? ScanResult.Succeed : ScanResult.Fail;
    }

    /// <summary>Ports <c>__collapse_huge_page_swapin()</c>: the model has no swap, so every page is present.</summary>
    /// <param name="mm">The address space.</param>
    /// <param name="vma">The VMA.</param>
    /// <param name="address">The PMD-aligned address.</param>
    /// <param name="pmd">The PMD entry.</param>
    /// <returns>Succeed.</returns>
    public static ScanResult CollapseHugePageSwapin(MmStruct mm, VmAreaStruct vma, ulong address, PmdPointer pmd) =>
        ScanResult.Succeed;

    /// <summary>
    /// Ports <c>__collapse_huge_page_isolate()</c>: takes every small page off the LRU; fails if one cannot be
    /// isolated, and the caller then puts the PTE table back.
    /// </summary>
    /// <param name="vma">The VMA.</param>
    /// <param name="address">The PMD-aligned address.</param>
    /// <param name="pte">The PTE table, detached from its PMD.</param>
    /// <returns>Succeed, or DelPageLru.</returns>
    public static ScanResult CollapseHugePageIsolate(VmAreaStruct vma, ulong address, Ptdesc pte) =>
        Machine.Current.Faults.PteIsolationFails ? ScanResult.DelPageLru : ScanResult.Succeed;

    /// <summary>
    /// Ports <c>__collapse_huge_page_copy()</c>: copies the small pages into the huge folio and clears the old
    /// PTEs. Rewriting the table is where a walker still inside it would read garbage.
    /// </summary>
    /// <param name="pte">The PTE table.</param>
    /// <param name="folio">The huge folio.</param>
    /// <param name="vma">The VMA.</param>
    /// <param name="address">The PMD-aligned address.</param>
    /// <returns>Succeed.</returns>
    public static ScanResult CollapseHugePageCopy(Ptdesc pte, Folio folio, VmAreaStruct vma, ulong address)
    {
        pte.Reuse();
        System.Array.Clear(pte.Ptes!);
        return ScanResult.Succeed;
    }

    /// <summary>Ports <c>pgtable_trans_huge_deposit()</c>: keeps the emptied PTE table for a later split of the huge PMD.</summary>
    /// <param name="mm">The address space.</param>
    /// <param name="pmd">The PMD entry.</param>
    /// <param name="pgtable">The PTE table.</param>
    public static void PgtableTransHugeDeposit(MmStruct mm, PmdPointer pmd, Ptdesc pgtable) => mm.DepositedPgtables.Add(pgtable);

    /// <summary>Ports <c>set_huge_pmd()</c>: maps a PMD-sized folio with one PMD entry.</summary>
    /// <param name="vma">The VMA.</param>
    /// <param name="haddr">The PMD-aligned address.</param>
    /// <param name="pmd">The PMD entry.</param>
    /// <param name="folio">The folio.</param>
    /// <returns>Succeed.</returns>
    public static ScanResult SetHugePmd(VmAreaStruct vma, ulong haddr, PmdPointer pmd, Folio folio)
    {
        Spinlock pml = PmdLock(vma.VmMm, pmd);
        SetPmdAt(vma.VmMm, haddr, pmd, Pmd.Leaf(folio.Pfn));
        pml.Unlock();
        return ScanResult.Succeed;
    }

    /// <summary>Ports <c>hpage_collapse_test_exit()</c>: whether the mm is exiting.</summary>
    /// <param name="mm">The address space.</param>
    /// <returns>True when it is.</returns>
    public static bool HpageCollapseTestExit(MmStruct mm) => mm.Exiting;
}
