using KernelModel.Contracts;
using KernelModel.SampleKernel.Model;

namespace KernelModel.SampleKernel;

/// <summary>mm/hugetlb.c: the PMD-sharing paths that reach <c>tlb_remove_table_sync_one()</c>.</summary>
public static partial class Kernel
{
    /// <summary>
    /// Ports <c>huge_pmd_unshare()</c>: if the PMD table mapping <paramref name="addr"/> is shared with other
    /// mms, clears this mm's PUD entry and records the unshare in the gather.
    /// </summary>
    /// <param name="tlb">The gather.</param>
    /// <param name="vma">The hugetlb VMA.</param>
    /// <param name="addr">The address.</param>
    /// <param name="ptep">The huge PTE (an entry of the PMD table).</param>
    /// <returns>1 when the table was unshared, else 0.</returns>
    public static int HugePmdUnshare(MmuGather tlb, VmAreaStruct vma, ulong addr, PmdPointer ptep)
    {
        if (!KernelConfig.HugetlbPmdPageTableSharing)
        {
            return 0;
        }

        Ptdesc table = ptep.Table;
        if (table.PtShareCount == 0)
        {
            return 0;
        }

        PudClear(vma.VmMm, addr);
        TlbUnsharePmdPtdesc(tlb, table, addr);
        MmDecNrPmds(vma.VmMm);
        return 1;
    }

    /// <summary>
    /// Ports <c>huge_pmd_unshare_flush()</c>: completes the unshares recorded in the gather before the caller
    /// drops the locks that keep an unshared table from being reused.
    /// </summary>
    /// <remarks>
    /// The sync it may perform relies on a TLB flush with unsharedTables set: callers must have flushed,
    /// unless <c>tlb.UnsharedTables || !tlb.FullyUnsharedTables</c> or <c>tlb_table_flush_implies_ipi_broadcast()</c> is always false (the sync then sends its own IPI) (see <see cref="TlbFlushUnsharedTables"/>).
    /// </remarks>
    /// <param name="tlb">The gather.</param>
    /// <param name="vma">The hugetlb VMA.</param>
#if ARCH_HAS_TLB_TABLE_FLUSH_IMPLIES_IPI_BROADCAST
    [RequiresTableFlush(Unless = "tlb.UnsharedTables || !tlb.FullyUnsharedTables")]
#else
    [RequiresTableFlush(Unless = "tlb.UnsharedTables || !tlb.FullyUnsharedTables || !TlbTableFlushImpliesIpiBroadcast()")]
#endif
    public static void HugePmdUnshareFlush(MmuGather tlb, VmAreaStruct vma) => TlbFlushUnsharedTables(tlb);

    /// <summary>
    /// Ports <c>__unmap_hugepage_range()</c> (Linux 7.0 and the mm tree): unmaps hugetlb pages in a range through
    /// the caller's gather, unsharing shared PMD tables on the way, then completes the unshares. Each page goes
    /// to <c>tlb_remove_page_size()</c>, which flushes the whole gather in the middle of the loop when its batch
    /// is full; such a flush clears <c>unshared_tables</c>, so the unshare-flush at the end may find only
    /// <c>fully_unshared_tables</c> and rely on that earlier flush.
    /// </summary>
    /// <remarks>
    /// Requires <c>!tlb.FullyUnsharedTables</c>: the gather must not carry a table that became exclusive
    /// without its flush and sync, or the unshare-flush at the end could sync without a qualifying flush.
    /// </remarks>
    /// <param name="tlb">The gather; FullyUnsharedTables must be clear.</param>
    /// <param name="vma">The hugetlb VMA.</param>
    /// <param name="start">First address.</param>
    /// <param name="end">One past the last address.</param>
    [RequiresCondition("!tlb.FullyUnsharedTables")]
    public static void UnmapHugepageRangeLocked(MmuGather tlb, VmAreaStruct vma, ulong start, ulong end)
    {
        MmStruct mm = vma.VmMm;
        TlbChangePageSize(tlb, PmdSize);
        for (ulong address = start; address < end; address += PmdSize)
        {
            PmdPointer? ptep = HugetlbWalk(vma, address);
            if (ptep is null)
            {
                continue;
            }

            Spinlock ptl = HugePteLock(mm, ptep.Value);
            if (HugePmdUnshare(tlb, vma, address, ptep.Value) != 0)
            {
                ptl.Unlock();
                continue;
            }

            if (ptep.Value.Get().IsNone)
            {
                ptl.Unlock();
                continue;
            }

            ptep.Value.Set(Pmd.None);
            TlbRemoveHugeTlbEntry(tlb, address);
            ptl.Unlock();
            TlbRemovePageSize(tlb, PmdSize);
        }

        HugePmdUnshareFlush(tlb, vma);
    }

    /// <summary>Ports <c>unmap_hugepage_range()</c>: unmaps a hugetlb range with its own gather.</summary>
    /// <param name="vma">The hugetlb VMA.</param>
    /// <param name="start">First address.</param>
    /// <param name="end">One past the last address.</param>
    public static void UnmapHugepageRange(VmAreaStruct vma, ulong start, ulong end)
    {
        var tlb = new MmuGather();
        TlbGatherMmu(tlb, vma.VmMm);
        IMmapLockWrite(vma.Mapping);
        UnmapHugepageRangeLocked(tlb, vma, start, end);
        IMmapUnlockWrite(vma.Mapping);
        TlbFinishMmu(tlb);
    }

    /// <summary>
    /// Ports <c>move_hugetlb_page_tables()</c> (mremap of a hugetlb range; Linux 7.0 and the mm tree): moves huge
    /// PTEs to the new range, unsharing shared tables instead of moving them. Each moved entry is recorded in
    /// the gather; after the loop <c>tlb_flush_mmu_tlbonly()</c> flushes it (clearing <c>unshared_tables</c>),
    /// and only then does <c>huge_pmd_unshare_flush()</c> complete the unshares, relying on that flush.
    /// </summary>
    /// <param name="vma">The old hugetlb VMA.</param>
    /// <param name="newVma">The new hugetlb VMA.</param>
    /// <param name="oldAddr">First old address.</param>
    /// <param name="newAddr">First new address.</param>
    /// <param name="len">Length in bytes.</param>
    /// <returns>The number of bytes moved.</returns>
    public static ulong MoveHugetlbPageTables(VmAreaStruct vma, VmAreaStruct newVma, ulong oldAddr, ulong newAddr, ulong len)
    {
        MmStruct mm = vma.VmMm;
        ulong oldEnd = oldAddr + len;
        var tlb = new MmuGather();
        TlbGatherMmuVma(tlb, vma);

        var range = new MmuNotifierRange(mm, oldAddr, oldEnd);
        MmuNotifierInvalidateRangeStart(range);
        IMmapLockWrite(vma.Mapping);

        for (; oldAddr < oldEnd; oldAddr += PmdSize, newAddr += PmdSize)
        {
            PmdPointer? srcPte = HugetlbWalk(vma, oldAddr);
            if (srcPte is null)
            {
                continue;
            }

            Pmd entry = srcPte.Value.Get();
            if (entry.IsNone)
            {
                continue;
            }

            if (HugePmdUnshare(tlb, vma, oldAddr, srcPte.Value) != 0)
            {
                continue;
            }

            TlbRemoveHugeTlbEntry(tlb, oldAddr);
            PmdPointer dstPte = HugePteAlloc(mm, newAddr);
            srcPte.Value.Set(Pmd.None);
            dstPte.Set(entry);
        }

        TlbFlushMmuTlbonly(tlb);
        HugePmdUnshareFlush(tlb, vma);
        MmuNotifierInvalidateRangeEnd(range);
        IMmapUnlockWrite(vma.Mapping);
        TlbFinishMmu(tlb);
        return len + oldAddr - oldEnd;
    }

    /// <summary>
    /// Ports <c>hugetlb_unshare_pmds()</c> (Linux 7.0 and the mm tree): unshares every shared PMD table in a
    /// PUD-aligned range, as when a VMA split or madvise leaves part of it unable to share. It flushes nothing
    /// itself: <c>huge_pmd_unshare_flush()</c> does, because <c>unshared_tables</c> is still set.
    /// </summary>
    /// <param name="vma">The hugetlb VMA.</param>
    /// <param name="start">First PUD-aligned address.</param>
    /// <param name="end">One past the last address.</param>
    public static void HugetlbUnsharePmds(VmAreaStruct vma, ulong start, ulong end)
    {
        MmStruct mm = vma.VmMm;
        var tlb = new MmuGather();
        TlbGatherMmuVma(tlb, vma);
        var range = new MmuNotifierRange(mm, start, end);
        MmuNotifierInvalidateRangeStart(range);
        IMmapLockWrite(vma.Mapping);

        for (ulong address = start; address < end; address += PudSize)
        {
            PmdPointer? ptep = HugetlbWalk(vma, address);
            if (ptep is null)
            {
                continue;
            }

            Spinlock ptl = HugePteLock(mm, ptep.Value);
            HugePmdUnshare(tlb, vma, address, ptep.Value);
            ptl.Unlock();
        }

        HugePmdUnshareFlush(tlb, vma);
        IMmapUnlockWrite(vma.Mapping);
        MmuNotifierInvalidateRangeEnd(range);
        TlbFinishMmu(tlb);
    }

    /// <summary>
    /// Ports <c>hugetlb_change_protection()</c> (mprotect of a hugetlb range): changes protection of each huge
    /// PTE, unsharing shared tables. It flushes the gather explicitly, then completes the unshares.
    /// </summary>
    /// <param name="vma">The hugetlb VMA.</param>
    /// <param name="address">First address.</param>
    /// <param name="end">One past the last address.</param>
    /// <returns>The number of huge pages changed or unshared.</returns>
    public static long HugetlbChangeProtection(VmAreaStruct vma, ulong address, ulong end)
    {
        MmStruct mm = vma.VmMm;
        long pages = 0;
        var tlb = new MmuGather();
        TlbGatherMmu(tlb, mm);

        var range = new MmuNotifierRange(mm, address, end);
        MmuNotifierInvalidateRangeStart(range);
        IMmapLockWrite(vma.Mapping);

        for (; address < end; address += PmdSize)
        {
            PmdPointer? ptep = HugetlbWalk(vma, address);
            if (ptep is null)
            {
                continue;
            }

            Spinlock ptl = HugePteLock(mm, ptep.Value);
            if (HugePmdUnshare(tlb, vma, address, ptep.Value) != 0)
            {
                pages++;
                ptl.Unlock();
                continue;
            }

            if (!ptep.Value.Get().IsNone)
            {
                // The new protection lives in bits the model does not keep; what matters is the flush it needs.
                TlbFlushPmdRange(tlb, address, PmdSize);
                pages++;
            }

            ptl.Unlock();
        }

        TlbFlushMmuTlbonly(tlb);
        HugePmdUnshareFlush(tlb, vma);
        IMmapUnlockWrite(vma.Mapping);
        MmuNotifierInvalidateRangeEnd(range);
        TlbFinishMmu(tlb);
        return pages;
    }

    /// <summary>
    /// Ports <c>huge_pmd_share()</c>: maps <paramref name="addr"/> in <paramref name="vma"/> through the PMD table
    /// another mm already uses for the same file range, if one exists.
    /// </summary>
    /// <param name="vma">The hugetlb VMA that wants the table.</param>
    /// <param name="addr">The PUD-aligned address.</param>
    /// <param name="svma">A VMA of another mm mapping the same file range.</param>
    /// <returns>The shared table, or null when nothing could be shared.</returns>
    public static Ptdesc? HugePmdShare(VmAreaStruct vma, ulong addr, VmAreaStruct svma)
    {
        if (!KernelConfig.HugetlbPmdPageTableSharing || !vma.WantPmdShare)
        {
            return null;
        }

        ulong saddr = svma.VmStart + (addr - vma.VmStart);
        Ptdesc? table = svma.VmMm.Puds[PudIndex(svma.VmMm, saddr)].Table;
        if (table is null)
        {
            return null;
        }

        table.PtShareCount++;
        vma.VmMm.Puds[PudIndex(vma.VmMm, addr)] = new Pud(table);
        vma.VmMm.NrPmds++;
        return table;
    }

    /// <summary>Ports <c>hugetlb_walk()</c>: the huge PTE for <paramref name="addr"/>, if its PMD table exists.</summary>
    /// <param name="vma">The hugetlb VMA.</param>
    /// <param name="addr">The address.</param>
    /// <returns>A pointer to the entry, or null.</returns>
    public static PmdPointer? HugetlbWalk(VmAreaStruct vma, ulong addr) => PmdOffset(vma.VmMm, addr);

    /// <summary>Ports <c>huge_pte_alloc()</c>: the huge PTE for <paramref name="addr"/>, allocating its PMD table.</summary>
    /// <param name="mm">The address space.</param>
    /// <param name="addr">The address.</param>
    /// <returns>A pointer to the entry.</returns>
    public static PmdPointer HugePteAlloc(MmStruct mm, ulong addr)
    {
        int index = PudIndex(mm, addr);
        if (mm.Puds[index].IsNone)
        {
            mm.Puds[index] = new Pud(Ptdesc.NewPmdTable($"{mm.Name}.pmd[{index}]"));
            mm.NrPmds++;
        }

        return PmdOffset(mm, addr)!.Value;
    }

    /// <summary>Ports <c>huge_pte_lock()</c>: takes the lock of the PMD table holding the huge PTE.</summary>
    /// <param name="mm">The address space.</param>
    /// <param name="ptep">The huge PTE.</param>
    /// <returns>The lock taken.</returns>
    public static Spinlock HugePteLock(MmStruct mm, PmdPointer ptep) => PmdLock(mm, ptep);

    /// <summary>Ports <c>tlb_remove_huge_tlb_entry()</c>: records the cleared huge PTE in the gather.</summary>
    /// <param name="tlb">The gather.</param>
    /// <param name="address">The address it mapped.</param>
    public static void TlbRemoveHugeTlbEntry(MmuGather tlb, ulong address) => TlbFlushPmdRange(tlb, address, PmdSize);

    /// <summary>Ports <c>i_mmap_lock_write()</c>, which keeps shared PMD tables from being shared or reused meanwhile.</summary>
    /// <param name="mapping">The page cache, or null for anonymous memory.</param>
    public static void IMmapLockWrite(AddressSpace? mapping) => mapping?.IMmapRwsem.WriteLock();

    /// <summary>Ports <c>i_mmap_unlock_write()</c>.</summary>
    /// <param name="mapping">The page cache, or null for anonymous memory.</param>
    public static void IMmapUnlockWrite(AddressSpace? mapping) => mapping?.IMmapRwsem.WriteUnlock();
}
