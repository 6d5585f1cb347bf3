namespace KernelModel.SampleKernel;

/// <summary>
/// The kernel configuration the port is built with, as compile-time constants so that code a switch turns
/// off is dead code to the compiler and to the analyzers, exactly as <c>IS_ENABLED(CONFIG_…)</c> makes it
/// in C. The values make every guarded call site of KERNEL.md live.
/// </summary>
public static class KernelConfig
{
    /// <summary>
    /// CONFIG_MMU_GATHER_RCU_TABLE_FREE: page tables are freed through RCU in batches, so lockless walkers
    /// that disable interrupts are waited for by an RCU grace period or an IPI.
    /// </summary>
    public const bool MmuGatherRcuTableFree = true;

    /// <summary>
    /// CONFIG_PT_RECLAIM: when set, a table that cannot be batched is freed through call_rcu() and needs no
    /// sync. Off here, so the fallback in <c>__tlb_remove_table_one()</c> syncs.
    /// </summary>
    public const bool PtReclaim = false;

    /// <summary>
    /// Newer trees: a table freed directly (not through a batch) also waits for an RCU grace period with
    /// <c>tlb_remove_table_sync_rcu()</c>, for walkers that hold only <c>rcu_read_lock()</c>.
    /// </summary>
    public const bool TableFreeSyncRcu = true;

    /// <summary>
    /// CONFIG_GUP_GET_PXX_LOW_HIGH: a PMD is read in two halves (32-bit PAE), so
    /// <c>pmdp_get_lockless_sync()</c> must wait for lockless readers.
    /// </summary>
    public const bool GupGetPxxLowHigh = true;

    /// <summary>CONFIG_HUGETLB_PMD_PAGE_TABLE_SHARING: hugetlb mappings of a file may share PMD tables between mms.</summary>
    public const bool HugetlbPmdPageTableSharing = true;
}
