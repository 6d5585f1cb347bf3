namespace KernelModel.SampleKernel;

/// <summary>
/// The kernel configuration the port is built with, as compile-time constants so that code a switch turns
/// off is dead code to the compiler and to the analyzers, exactly as <c>IS_ENABLED(CONFIG_…)</c> makes it
/// in C. Each project under Configurations/ picks its architecture with one symbol (<c>CONFIG_X86_64</c>,
/// <c>CONFIG_X86_32_PAE</c> or <c>CONFIG_PPC_BOOK3S_64_HASH</c>); the values below follow from it as the
/// architectures' Kconfig selects them, so no configuration has all six guarded sites live at once.
/// </summary>
public static class KernelConfig
{
    /// <summary>
    /// CONFIG_MMU_GATHER_RCU_TABLE_FREE: page tables are freed through RCU in batches, so lockless walkers
    /// that disable interrupts are waited for by an RCU grace period or an IPI. Selected by x86 and by
    /// powerpc and sparc64 alike.
    /// </summary>
    public const bool MmuGatherRcuTableFree = true;

    /// <summary>
    /// CONFIG_PT_RECLAIM: when set, a table that cannot be batched is freed through call_rcu() and needs no
    /// sync. mm/Kconfig turns it on wherever the architecture has no <c>HAVE_ARCH_TLB_REMOVE_TABLE</c>: on x86,
    /// always, so the sync in <c>__tlb_remove_table_one()</c> (sites #3/#6) never compiles there. powerpc and
    /// sparc64 have their own tlb_remove_table and keep it off.
    /// </summary>
#if CONFIG_PPC_BOOK3S_64_HASH
    public const bool PtReclaim = false;
#else
    public const bool PtReclaim = true;
#endif

    /// <summary>
    /// CONFIG_GUP_GET_PXX_LOW_HIGH: a PMD is read in two halves, so <c>pmdp_get_lockless_sync()</c> must wait
    /// for lockless readers (sites #4/#5). Only x86-32 with PAE (and a few other 32-bit configurations) reads
    /// page-table entries that way.
    /// </summary>
#if CONFIG_X86_32_PAE
    public const bool GupGetPxxLowHigh = true;
#else
    public const bool GupGetPxxLowHigh = false;
#endif

    /// <summary>
    /// CONFIG_HUGETLB_PMD_PAGE_TABLE_SHARING: hugetlb mappings of a file may share PMD tables between mms
    /// (site #2). x86 selects ARCH_WANT_HUGE_PMD_SHARE on 64-bit only; powerpc does not.
    /// </summary>
#if CONFIG_X86_64
    public const bool HugetlbPmdPageTableSharing = true;
#else
    public const bool HugetlbPmdPageTableSharing = false;
#endif

    /// <summary>
    /// CONFIG_PPC_RADIX_MMU: a 64-bit Book3S powerpc kernel that can run the radix MMU. The hash configuration
    /// is built without it, so <c>radix_enabled()</c> is constant false: the hashed page table is the only MMU,
    /// and no hardware walker caches the Linux page tables.
    /// </summary>
    public const bool PpcRadixMmu = false;
}
