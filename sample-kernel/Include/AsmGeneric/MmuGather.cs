namespace KernelModel.SampleKernel;

/// <summary>
/// The TLB shootdown batch (struct mmu_gather in include/asm-generic/tlb.h): the range and page-table levels
/// to flush, whether page tables were freed or unshared, and the page-table batch awaiting freeing.
/// </summary>
/// <remarks>The one-bit C flags are public fields, as in the C struct, so the analyzers can track them.</remarks>
public sealed class MmuGather
{
    /// <summary>The address space being torn down or changed (mm).</summary>
    public MmStruct Mm = null!;

    /// <summary>Page tables queued for RCU freeing (batch).</summary>
    public MmuTableBatch? Batch;

    /// <summary>
    /// How many pages wait in the gather's page batches (local, active) to be freed after the flush; at
    /// <see cref="MaxGatherPages"/> the batch is full and <c>tlb_remove_page_size()</c> flushes the gather.
    /// </summary>
    public int PagesBatched;

    /// <summary>The pages the model's batches hold before <c>__tlb_remove_page_size()</c> reports them full.</summary>
    public const int MaxGatherPages = 2;

    /// <summary>Lowest address to flush (start).</summary>
    public ulong Start;

    /// <summary>One past the highest address to flush (end).</summary>
    public ulong End;

    /// <summary>The whole address space is being torn down (fullmm).</summary>
    public bool FullMm;

    /// <summary>Flush everything rather than the range (need_flush_all).</summary>
    public bool NeedFlushAll;

    /// <summary>Page tables were freed; the flush must also reach lazy-TLB CPUs (freed_tables).</summary>
    public bool FreedTables;

    /// <summary>PTE entries were cleared (cleared_ptes).</summary>
    public bool ClearedPtes;

    /// <summary>PMD entries were cleared (cleared_pmds).</summary>
    public bool ClearedPmds;

    /// <summary>PUD entries were cleared (cleared_puds).</summary>
    public bool ClearedPuds;

    /// <summary>P4D entries were cleared (cleared_p4ds).</summary>
    public bool ClearedP4ds;

    /// <summary>A shared PMD table was unshared and the flush for it is pending (unshared_tables).</summary>
    public bool UnsharedTables;

    /// <summary>
    /// An unshared PMD table became exclusive to its last sharer and may be reused once lockless walkers are
    /// gone (fully_unshared_tables). Implies <see cref="UnsharedTables"/> until the flush; a flush does not clear it.
    /// </summary>
    public bool FullyUnsharedTables;
}

/// <summary>A page of page tables awaiting RCU freeing (struct mmu_table_batch).</summary>
public sealed class MmuTableBatch
{
    /// <summary>How many tables fit in one batch page (MAX_TABLE_BATCH, small in the model).</summary>
    public const int MaxTableBatch = 8;

    /// <summary>The queued tables.</summary>
    public Ptdesc[] Tables { get; } = new Ptdesc[MaxTableBatch];

    /// <summary>How many tables are queued (nr).</summary>
    public int Nr { get; set; }
}
