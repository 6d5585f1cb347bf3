using KernelModel.Contracts;

namespace KernelModel.SampleKernel;

/// <summary>include/asm-generic/tlb.h: the inline half of the mmu_gather API.</summary>
public static partial class Kernel
{
    /// <summary>TASK_SIZE: the end of the model's user address space.</summary>
    public const ulong TaskSize = PtrsPerPud * PudSize;

    /// <summary>Ports <c>__tlb_adjust_range()</c>: widens the gather's range to cover the given one.</summary>
    /// <param name="tlb">The gather.</param>
    /// <param name="address">Start of the range.</param>
    /// <param name="rangeSize">Its size in bytes.</param>
    public static void TlbAdjustRange(MmuGather tlb, ulong address, ulong rangeSize)
    {
        if (address < tlb.Start)
        {
            tlb.Start = address;
        }

        if (address + rangeSize > tlb.End)
        {
            tlb.End = address + rangeSize;
        }
    }

    /// <summary>Ports <c>tlb_flush_pte_range()</c>: records that PTEs in the range were cleared.</summary>
    /// <param name="tlb">The gather.</param>
    /// <param name="address">Start of the range.</param>
    /// <param name="size">Its size in bytes.</param>
    public static void TlbFlushPteRange(MmuGather tlb, ulong address, ulong size)
    {
        TlbAdjustRange(tlb, address, size);
        tlb.ClearedPtes = true;
    }

    /// <summary>Ports <c>tlb_flush_pmd_range()</c>: records that PMD entries in the range were cleared.</summary>
    /// <param name="tlb">The gather.</param>
    /// <param name="address">Start of the range.</param>
    /// <param name="size">Its size in bytes.</param>
    public static void TlbFlushPmdRange(MmuGather tlb, ulong address, ulong size)
    {
        TlbAdjustRange(tlb, address, size);
        tlb.ClearedPmds = true;
    }

    /// <summary>Ports <c>tlb_flush_pud_range()</c>: records that PUD entries in the range were cleared.</summary>
    /// <param name="tlb">The gather.</param>
    /// <param name="address">Start of the range.</param>
    /// <param name="size">Its size in bytes.</param>
    public static void TlbFlushPudRange(MmuGather tlb, ulong address, ulong size)
    {
        TlbAdjustRange(tlb, address, size);
        tlb.ClearedPuds = true;
    }

    /// <summary>Ports <c>tlb_flush_p4d_range()</c>: records that P4D entries in the range were cleared.</summary>
    /// <param name="tlb">The gather.</param>
    /// <param name="address">Start of the range.</param>
    /// <param name="size">Its size in bytes.</param>
    public static void TlbFlushP4dRange(MmuGather tlb, ulong address, ulong size)
    {
        TlbAdjustRange(tlb, address, size);
        tlb.ClearedP4ds = true;
    }

    /// <summary>
    /// Ports <c>__tlb_reset_range()</c>: empties the range and clears <c>freed_tables</c>, every
    /// <c>cleared_*</c> and <c>unshared_tables</c> after a flush. <c>fully_unshared_tables</c> survives: the
    /// sync it asks for is still owed.
    /// </summary>
    /// <param name="tlb">The gather.</param>
    public static void TlbResetRange(MmuGather tlb)
    {
        if (tlb.FullMm)
        {
            tlb.Start = TlbFlushAll;
            tlb.End = TlbFlushAll;
        }
        else
        {
            tlb.Start = TaskSize;
            tlb.End = 0;
        }

        tlb.FreedTables = false;
        tlb.ClearedPtes = false;
        tlb.ClearedPmds = false;
        tlb.ClearedPuds = false;
        tlb.ClearedP4ds = false;
        tlb.UnsharedTables = false;
    }

    /// <summary>
    /// Ports <c>tlb_flush_mmu_tlbonly()</c>: flushes the TLB for what the gather recorded, if it recorded
    /// anything, and resets the range. The flush frees or unshares tables when the gather says so.
    /// </summary>
    /// <param name="tlb">The gather.</param>
    public static void TlbFlushMmuTlbonly(MmuGather tlb)
    {
        // Anything that widened the range also set one of these bits.
        if (!(tlb.FreedTables || tlb.ClearedPtes || tlb.ClearedPmds || tlb.ClearedPuds || tlb.ClearedP4ds ||
              tlb.UnsharedTables))
        {
            return;
        }

        TlbFlush(tlb);
        TlbResetRange(tlb);
    }

    /// <summary>
    /// Ports <c>tlb_remove_page_size()</c>: queues a page for freeing after the flush, and flushes the gather at
    /// once (<c>tlb_flush_mmu()</c>) when the batch is full — in the middle of whatever loop is unmapping.
    /// </summary>
    /// <param name="tlb">The gather.</param>
    /// <param name="pageSize">The page's size.</param>
    public static void TlbRemovePageSize(MmuGather tlb, ulong pageSize)
    {
        if (TlbRemovePageSizeBatched(tlb, pageSize))
        {
            TlbFlushMmu(tlb);
        }
    }

    /// <summary>
    /// Ports <c>pte_free_tlb()</c>: frees a PTE table through the gather. Sets <c>freed_tables</c> first, so
    /// that any flush the free triggers also reaches lazy-TLB CPUs.
    /// </summary>
    /// <param name="tlb">The gather.</param>
    /// <param name="pte">The PTE table.</param>
    /// <param name="address">An address the table mapped.</param>
    public static void PteFreeTlb(MmuGather tlb, Ptdesc pte, ulong address)
    {
        TlbFlushPmdRange(tlb, address, PageSize);
        tlb.FreedTables = true;
        ArchPteFreeTlb(tlb, pte, address);
    }

    /// <summary>Ports <c>pmd_free_tlb()</c>: frees a PMD table through the gather, setting <c>freed_tables</c> first.</summary>
    /// <param name="tlb">The gather.</param>
    /// <param name="pmd">The PMD table.</param>
    /// <param name="address">An address the table mapped.</param>
    public static void PmdFreeTlb(MmuGather tlb, Ptdesc pmd, ulong address)
    {
        TlbFlushPudRange(tlb, address, PageSize);
        tlb.FreedTables = true;
        ArchPmdFreeTlb(tlb, pmd, address);
    }

    /// <summary>Ports <c>pud_free_tlb()</c>: frees a PUD table through the gather, setting <c>freed_tables</c> first.</summary>
    /// <param name="tlb">The gather.</param>
    /// <param name="pud">The PUD table.</param>
    /// <param name="address">An address the table mapped.</param>
    public static void PudFreeTlb(MmuGather tlb, Ptdesc pud, ulong address)
    {
        TlbFlushP4dRange(tlb, address, PageSize);
        tlb.FreedTables = true;
        ArchPudFreeTlb(tlb, pud, address);
    }

    /// <summary>
    /// Ports <c>p4d_free_tlb()</c> (Linux 7.0 and the mm tree): widens the range and sets <c>freed_tables</c>
    /// like the other levels, then calls the arch's <c>__p4d_free_tlb()</c>, which has nothing to free where the
    /// P4D level is folded into the PGD (four-level paging, as the model has).
    /// </summary>
    /// <param name="tlb">The gather.</param>
    /// <param name="address">An address the level mapped.</param>
    public static void P4dFreeTlb(MmuGather tlb, ulong address)
    {
        TlbAdjustRange(tlb, address, PageSize);
        tlb.FreedTables = true;
    }

    /// <summary>Ports <c>tlb_remove_ptdesc()</c>: hands a page-table page to the gather for freeing.</summary>
    /// <remarks>
    /// Requires <c>tlb.FreedTables</c>: if no batch page can be allocated the table is freed at once, after a
    /// flush of the gather that must free tables and a <c>tlb_remove_table_sync_one()</c> that relies on it.
    /// </remarks>
    /// <param name="tlb">The gather; FreedTables must be set.</param>
    /// <param name="pt">The page-table page.</param>
    [RequiresCondition("tlb.FreedTables")]
    public static void TlbRemovePtdesc(MmuGather tlb, Ptdesc pt) => TlbRemoveTable(tlb, pt);

    /// <summary>
    /// Ports <c>tlb_unshare_pmd_ptdesc()</c>: drops this mm's share of a hugetlb PMD table, records a flush of
    /// the PUD-sized range at PMD level and sets <c>unshared_tables</c>; sets <c>fully_unshared_tables</c>
    /// when nobody else shares the table any more, so it may be reused once walkers are gone.
    /// </summary>
    /// <param name="tlb">The gather.</param>
    /// <param name="pt">The shared PMD table.</param>
    /// <param name="address">An address the table maps.</param>
    public static void TlbUnsharePmdPtdesc(MmuGather tlb, Ptdesc pt, ulong address)
    {
        VmWarnOnOnce(pt.PtShareCount == 0, "tlb_unshare_pmd_ptdesc() on a PMD table that is not shared");
        pt.PtShareCount--;

        // The PUD entry pointed at a PMD table full of PMD leaves.
        TlbFlushPmdRange(tlb, address & PudMask, PudSize);

        if (pt.PtShareCount == 0)
        {
            tlb.FullyUnsharedTables = true;
        }

        tlb.UnsharedTables = true;
    }

    /// <summary>
    /// Ports <c>tlb_flush_unshared_tables()</c>: flushes the TLB for tables unshared since the last flush, and,
    /// when a table became exclusive, waits with <c>tlb_remove_table_sync_one()</c> for lockless walkers that
    /// may still see it through the old sharing.
    /// </summary>
    /// <remarks>
    /// The sync relies on a TLB flush with unsharedTables set. While <c>tlb.UnsharedTables</c> is still set this
    /// method performs that flush itself; a caller that already flushed the gather (which clears
    /// UnsharedTables but leaves FullyUnsharedTables) must have done so with a flush that frees or unshares
    /// tables, so callers must have flushed unless <c>tlb.UnsharedTables || !tlb.FullyUnsharedTables</c> or <c>tlb_table_flush_implies_ipi_broadcast()</c> is always false (the sync then sends its own IPI).
    /// If the flush already broadcast IPIs to every CPU, the sync skips its own.
    /// </remarks>
    /// <param name="tlb">The gather.</param>
#if ARCH_HAS_TLB_TABLE_FLUSH_IMPLIES_IPI_BROADCAST
    [RequiresTableFlush(Unless = "tlb.UnsharedTables || !tlb.FullyUnsharedTables")]
#else
    [RequiresTableFlush(Unless = "tlb.UnsharedTables || !tlb.FullyUnsharedTables || !TlbTableFlushImpliesIpiBroadcast()")]
#endif
    public static void TlbFlushUnsharedTables(MmuGather tlb)
    {
        // Once the caller drops its locks, an unshared table may be modified or reused elsewhere; every TLB
        // and walker of this mm must stop using it first, even if the table is still shared by others.
        if (tlb.UnsharedTables)
        {
            TlbFlushMmuTlbonly(tlb);
        }

        // Only the last sharer's unshare makes the table reusable, so only then wait for GUP-fast.
        if (tlb.FullyUnsharedTables)
        {
            TlbRemoveTableSyncOne();
            tlb.FullyUnsharedTables = false;
        }
    }

#if !ARCH_HAS_TLB_TABLE_FLUSH_IMPLIES_IPI_BROADCAST
    /// <summary>
    /// Ports <c>tlb_table_flush_implies_ipi_broadcast()</c> (the generic one) of the mm tree: without an arch
    /// override, no flush is known to have interrupted every CPU, so the syncs always send their own IPI.
    /// </summary>
    /// <remarks>
    /// Linux 7.0 has no such hook; its syncs send their IPI unconditionally. The Linux 7.0 configuration keeps
    /// this constant <c>false</c> anyway, called by nothing in that tree: it is how the port states that
    /// tree's truth to the analyzers, whose sync contract (SPEC §4) is vacuous exactly where the broadcast
    /// check is definitely false.
    /// </remarks>
    /// <returns>False.</returns>
    public static bool TlbTableFlushImpliesIpiBroadcast() => false;
#endif

#if !ARCH_HAS_TLB_NEEDS_TABLE_INVALIDATE
    /// <summary>
    /// Ports <c>tlb_needs_table_invalidate()</c> (the generic one): whether hardware walkers cache page-table
    /// entries, so freed tables need a TLB invalidation before they are freed. The generic default, kept by x86,
    /// is true.
    /// </summary>
    /// <returns>True.</returns>
    public static bool TlbNeedsTableInvalidate() => true;
#endif

    /// <summary>
    /// Ports <c>tlb_get_unmap_shift()</c>: the stride of the flush, from the lowest page-table level whose
    /// entries were cleared.
    /// </summary>
    /// <param name="tlb">The gather.</param>
    /// <returns>A page shift.</returns>
    public static int TlbGetUnmapShift(MmuGather tlb)
    {
        if (tlb.ClearedPtes)
        {
            return PageShift;
        }

        if (tlb.ClearedPmds)
        {
            return PmdShift;
        }

        if (tlb.ClearedPuds)
        {
            return PudShift;
        }

        if (tlb.ClearedP4ds)
        {
            return P4dShift;
        }

        return PageShift;
    }
}
