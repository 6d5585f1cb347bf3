using KernelModel.Contracts;
using KernelModel.SampleKernel.Model;

namespace KernelModel.SampleKernel;

/// <summary>mm/mmu_gather.c: batching TLB shootdowns and page-table freeing.</summary>
public static partial class Kernel
{
    /// <summary>Ports <c>tlb_remove_table_smp_sync()</c>: the empty IPI handler; delivering it is the point.</summary>
    /// <param name="cpu">The interrupted CPU.</param>
    public static void TlbRemoveTableSmpSync(Cpu cpu)
    {
    }

    /// <summary>
    /// Ports <c>tlb_remove_table_sync_one()</c>: interrupts every other online CPU and waits, so that lockless
    /// page-table walkers running with interrupts off (GUP-fast) have finished before a table is freed or
    /// reused. Follows Linux 7.0 (no early return) and the mm tree of May 2026 (the series' early return).
    /// </summary>
    /// <remarks>
    /// Callers must ensure that a TLB flush with freedTables or unsharedTables set has been performed before
    /// calling. If that flush already broadcast IPIs to every CPU that could be walking
    /// (<c>tlb_table_flush_implies_ipi_broadcast()</c>), the redundant IPI is skipped. Linux 7.0 has no such
    /// check: there the IPI is always sent.
    /// </remarks>
    public static void TlbRemoveTableSyncOne()
    {
#if !LINUX_7_0
        if (TlbTableFlushImpliesIpiBroadcast())
        {
            return;
        }
#endif

        // Not an RCU grace period, so the tables cannot be assumed RCU-freed; but enough for software walkers
        // that rely on disabling interrupts.
        SmpCallFunction(TlbRemoveTableSmpSync);
    }

#if !LINUX_7_0
    /// <summary>
    /// Ports <c>tlb_remove_table_sync_rcu()</c> (v7.1 and the mm tree; Linux 7.0 has none): waits for an RCU
    /// grace period instead of sending IPIs, which ends interrupts-off walkers just as well.
    /// </summary>
    /// <remarks>
    /// Callers must ensure that a TLB flush with freedTables or unsharedTables set has been performed before
    /// calling; like <see cref="TlbRemoveTableSyncOne"/>, it returns at once when that flush already broadcast
    /// IPIs to every CPU.
    /// </remarks>
    public static void TlbRemoveTableSyncRcu()
    {
        if (TlbTableFlushImpliesIpiBroadcast())
        {
            return;
        }

        SynchronizeRcu();
    }
#endif

    /// <summary>Ports <c>__tlb_remove_table()</c>: returns a page-table page to the allocator.</summary>
    /// <param name="table">The table.</param>
    public static void FreePageTable(Ptdesc table) => table.Free();

    /// <summary>Ports <c>__tlb_remove_table_free()</c>: frees every table of a batch.</summary>
    /// <param name="batch">The batch.</param>
    public static void TlbRemoveTableFreeBatch(MmuTableBatch batch)
    {
        for (int i = 0; i < batch.Nr; i++)
        {
            FreePageTable(batch.Tables[i]);
        }
    }

    /// <summary>
    /// Ports <c>tlb_remove_table_free()</c>: frees a batch after an RCU grace period (or at once without
    /// RCU table freeing, where the flush's IPIs were the wait).
    /// </summary>
    /// <param name="batch">The batch.</param>
    public static void TlbRemoveTableFree(MmuTableBatch batch)
    {
        if (KernelConfig.MmuGatherRcuTableFree)
        {
            CallRcu(() => TlbRemoveTableFreeBatch(batch));
        }
        else
        {
            TlbRemoveTableFreeBatch(batch);
        }
    }

    /// <summary>
    /// Ports <c>tlb_table_invalidate()</c>: invalidates the page-table caches of hardware walkers by flushing
    /// the gather, before tables are freed. Software walkers may still be in flight afterwards.
    /// </summary>
    /// <param name="tlb">The gather.</param>
    public static void TlbTableInvalidate(MmuGather tlb)
    {
        if (TlbNeedsTableInvalidate())
        {
            TlbFlushMmuTlbonly(tlb);
        }
    }

    /// <summary>
    /// Ports <c>__tlb_remove_table_one()</c>: frees one table at once, without a batch. With PT_RECLAIM it goes
    /// through RCU; otherwise it syncs against lockless walkers and frees it. The sync is
    /// <c>tlb_remove_table_sync_one()</c> in Linux 7.0 (site #3) and <c>tlb_remove_table_sync_rcu()</c> in v7.1
    /// and the mm tree (site #6).
    /// </summary>
    /// <remarks>
    /// Callers must have performed a TLB flush with freedTables set (tlb_table_invalidate() with FreedTables):
    /// the sync relies on it, and skips its own IPIs when it already interrupted every CPU. Where
    /// <c>tlb_table_flush_implies_ipi_broadcast()</c> is always false (powerpc, sparc64, Linux 7.0) the sync
    /// sends its own IPI and needs no flush before it, as on powerpc hash, where tlb_table_invalidate() does not
    /// flush at all.
    /// </remarks>
    /// <param name="table">The table.</param>
#if ARCH_HAS_TLB_TABLE_FLUSH_IMPLIES_IPI_BROADCAST
    [RequiresTableFlush]
#else
    [RequiresTableFlush(Unless = "!TlbTableFlushImpliesIpiBroadcast()")]
#endif
    public static void TlbRemoveTableOneNow(Ptdesc table)
    {
        if (KernelConfig.PtReclaim)
        {
            CallRcu(() => FreePageTable(table));
            return;
        }

#if LINUX_7_0
        TlbRemoveTableSyncOne();
#else
        TlbRemoveTableSyncRcu();
#endif
        FreePageTable(table);
    }

    /// <summary>Ports <c>tlb_remove_table_one()</c>.</summary>
    /// <remarks>
    /// Callers must have performed a TLB flush with freedTables set, unless no flush implies the broadcast; see
    /// <see cref="TlbRemoveTableOneNow"/>.
    /// </remarks>
    /// <param name="table">The table.</param>
#if ARCH_HAS_TLB_TABLE_FLUSH_IMPLIES_IPI_BROADCAST
    [RequiresTableFlush]
#else
    [RequiresTableFlush(Unless = "!TlbTableFlushImpliesIpiBroadcast()")]
#endif
    public static void TlbRemoveTableOne(Ptdesc table) => TlbRemoveTableOneNow(table);

    /// <summary>Ports <c>tlb_table_flush()</c>: invalidates, then hands the current batch to RCU.</summary>
    /// <param name="tlb">The gather.</param>
    public static void TlbTableFlush(MmuGather tlb)
    {
        MmuTableBatch? batch = tlb.Batch;
        if (batch is not null)
        {
            TlbTableInvalidate(tlb);
            TlbRemoveTableFree(batch);
            tlb.Batch = null;
        }
    }

    /// <summary>
    /// Ports <c>tlb_remove_table()</c>: queues a table in the gather's batch. When no batch page can be
    /// allocated without sleeping, it flushes the gather and frees this one table at once.
    /// </summary>
    /// <remarks>
    /// Requires <c>tlb.FreedTables</c>: the fallback's <c>tlb_table_invalidate()</c> must be a flush that frees
    /// tables, because <c>tlb_remove_table_sync_one()</c> relies on it. The pXd_free_tlb() helpers set it.
    /// </remarks>
    /// <param name="tlb">The gather; FreedTables must be set.</param>
    /// <param name="table">The table.</param>
    [RequiresCondition("tlb.FreedTables")]
    public static void TlbRemoveTable(MmuGather tlb, Ptdesc table)
    {
        if (tlb.Batch is null)
        {
            tlb.Batch = AllocateTableBatchNoWait();
            if (tlb.Batch is null)
            {
                TlbTableInvalidate(tlb);
                TlbRemoveTableOne(table);
                return;
            }

            tlb.Batch.Nr = 0;
        }

        tlb.Batch.Tables[tlb.Batch.Nr++] = table;
        if (tlb.Batch.Nr == MmuTableBatch.MaxTableBatch)
        {
            TlbTableFlush(tlb);
        }
    }

    /// <summary>
    /// Ports <c>__get_free_page(GFP_NOWAIT | __GFP_NOWARN)</c> for a table batch: may fail under memory pressure.
    /// </summary>
    /// <returns>A new batch, or null when the allocation fails.</returns>
    public static MmuTableBatch? AllocateTableBatchNoWait() =>
        Machine.Current.Faults.TableBatchAllocationFails ? null : new MmuTableBatch();

    /// <summary>Ports <c>tlb_flush_mmu_free()</c>: frees what the gather batched, tables first, then pages.</summary>
    /// <param name="tlb">The gather.</param>
    public static void TlbFlushMmuFree(MmuGather tlb)
    {
        TlbTableFlush(tlb);
        TlbBatchPagesFlush(tlb);
    }

    /// <summary>Ports <c>tlb_batch_pages_flush()</c>: frees the pages the gather batched, now that the TLB is flushed.</summary>
    /// <param name="tlb">The gather.</param>
    public static void TlbBatchPagesFlush(MmuGather tlb) => tlb.PagesBatched = 0;

    /// <summary>
    /// Ports <c>__tlb_remove_page_size()</c> (<c>__tlb_remove_folio_pages_size()</c>): queues a page to be freed
    /// after the flush.
    /// </summary>
    /// <param name="tlb">The gather.</param>
    /// <param name="pageSize">The page's size.</param>
    /// <returns>True when the batch is full and no next batch can be had: the caller must flush now.</returns>
    public static bool TlbRemovePageSizeBatched(MmuGather tlb, ulong pageSize)
    {
        TlbChangePageSize(tlb, pageSize);
        tlb.PagesBatched++;
        return tlb.PagesBatched >= MmuGather.MaxGatherPages;
    }

    /// <summary>Ports <c>tlb_change_page_size()</c>: the model keeps one page size per gather, so there is nothing to do.</summary>
    /// <param name="tlb">The gather.</param>
    /// <param name="pageSize">The page size of what follows.</param>
    public static void TlbChangePageSize(MmuGather tlb, ulong pageSize)
    {
    }

    /// <summary>Ports <c>tlb_flush_mmu()</c>: flushes the TLB, then frees the batches.</summary>
    /// <param name="tlb">The gather.</param>
    public static void TlbFlushMmu(MmuGather tlb)
    {
        TlbFlushMmuTlbonly(tlb);
        TlbFlushMmuFree(tlb);
    }

    /// <summary>Ports <c>__tlb_gather_mmu()</c>: starts a gather on <paramref name="mm"/>.</summary>
    /// <param name="tlb">The gather to initialise.</param>
    /// <param name="mm">The address space.</param>
    /// <param name="fullmm">Whether the whole address space is being torn down.</param>
    public static void TlbGatherMmuCommon(MmuGather tlb, MmStruct mm, bool fullmm)
    {
        tlb.Mm = mm;
        tlb.FullMm = fullmm;
        tlb.NeedFlushAll = false;
        tlb.Batch = null;
        tlb.PagesBatched = 0;
        tlb.FullyUnsharedTables = false;
        TlbResetRange(tlb);
        IncTlbFlushPending(mm);
    }

    /// <summary>Ports <c>tlb_gather_mmu()</c>: starts a gather for part of an address space.</summary>
    /// <param name="tlb">The gather to initialise.</param>
    /// <param name="mm">The address space.</param>
    public static void TlbGatherMmu(MmuGather tlb, MmStruct mm) => TlbGatherMmuCommon(tlb, mm, false);

    /// <summary>
    /// Ports <c>tlb_gather_mmu_vma()</c>: starts a gather for one VMA; for a hugetlb VMA every entry has the huge
    /// page size.
    /// </summary>
    /// <param name="tlb">The gather to initialise.</param>
    /// <param name="vma">The VMA.</param>
    public static void TlbGatherMmuVma(MmuGather tlb, VmAreaStruct vma)
    {
        TlbGatherMmu(tlb, vma.VmMm);
        if (vma.IsHugetlb)
        {
            TlbChangePageSize(tlb, PmdSize);
        }
    }

    /// <summary>Ports <c>tlb_gather_mmu_fullmm()</c>: starts a gather that tears down a whole address space.</summary>
    /// <param name="tlb">The gather to initialise.</param>
    /// <param name="mm">The address space.</param>
    public static void TlbGatherMmuFullmm(MmuGather tlb, MmStruct mm) => TlbGatherMmuCommon(tlb, mm, true);

    /// <summary>
    /// Ports <c>tlb_finish_mmu()</c>: finishes a gather. If another gather on the mm batched flushes
    /// concurrently, it forces a full flush that frees tables, since either may have seen the other's changes.
    /// </summary>
    /// <param name="tlb">The gather.</param>
    public static void TlbFinishMmu(MmuGather tlb)
    {
        // An earlier huge_pmd_unshare_flush() must have performed the sync for unshared tables.
        VmWarnOnOnce(tlb.FullyUnsharedTables, "tlb_finish_mmu() with fully_unshared_tables still set");

        if (MmTlbFlushNested(tlb.Mm))
        {
            tlb.FullMm = true;
            TlbResetRange(tlb);
            tlb.FreedTables = true;
        }

        TlbFlushMmu(tlb);
        DecTlbFlushPending(tlb.Mm);
    }

    /// <summary>Ports <c>inc_tlb_flush_pending()</c>.</summary>
    /// <param name="mm">The address space.</param>
    public static void IncTlbFlushPending(MmStruct mm) => mm.TlbFlushPending++;

    /// <summary>Ports <c>dec_tlb_flush_pending()</c>.</summary>
    /// <param name="mm">The address space.</param>
    public static void DecTlbFlushPending(MmStruct mm) => mm.TlbFlushPending--;

    /// <summary>Ports <c>mm_tlb_flush_nested()</c>: whether another gather on the mm is batching flushes too.</summary>
    /// <param name="mm">The address space.</param>
    /// <returns>True when more than one gather is pending.</returns>
    public static bool MmTlbFlushNested(MmStruct mm) => mm.TlbFlushPending > 1;
}
