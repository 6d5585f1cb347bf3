namespace KernelModel.SampleKernel.Model;

/// <summary>Which configuration and kernel tree this assembly was built as (see sample-kernel/Configurations/).</summary>
public static class KernelTree
{
#if LINUX_7_0
    /// <summary>The configuration's name: Linux 7.0 as released, x86-64.</summary>
    public const string Name = "Linux70X86_64";
#elif LINUX_7_0_TLB_FLUSH
    /// <summary>The configuration's name: the series' generic half with Linux 7.0's x86 <c>tlb_flush()</c> (unsafe).</summary>
    public const string Name = "Linux70TlbFlush";
#elif CONFIG_X86_32_PAE
    /// <summary>The configuration's name: the mm tree of May 2026, x86-32 with PAE.</summary>
    public const string Name = "X86_32Pae";
#elif CONFIG_PPC_BOOK3S_64_HASH
    /// <summary>The configuration's name: the mm tree of May 2026, 64-bit Book3S powerpc with the hash MMU.</summary>
    public const string Name = "PowerpcHash";
#else
    /// <summary>The configuration's name: the mm tree of May 2026, x86-64.</summary>
    public const string Name = "X86_64";
#endif

#if CONFIG_PPC_BOOK3S_64_HASH
    /// <summary>Whether the MMU caches upper-level page-table entries: the powerpc hash MMU walks its hash table instead.</summary>
    public const bool PagingStructureCaches = false;
#else
    /// <summary>Whether the MMU caches upper-level page-table entries (x86's paging-structure caches).</summary>
    public const bool PagingStructureCaches = true;
#endif

#if ARCH_HAS_TLB_TABLE_FLUSH_IMPLIES_IPI_BROADCAST
    /// <summary>Whether the configuration has x86's broadcast key (the series' <c>tlb_table_flush_implies_ipi_broadcast()</c>).</summary>
    public const bool HasBroadcastKey = true;
#else
    /// <summary>Whether the configuration has x86's broadcast key: not here, so the syncs always send their IPI.</summary>
    public const bool HasBroadcastKey = false;
#endif

#if LINUX_7_0
    /// <summary>Whether this is Linux 7.0's generic mm code (sync_one in <c>__tlb_remove_table_one()</c>, no sync_rcu).</summary>
    public const bool Linux70 = true;
#else
    /// <summary>Whether this is Linux 7.0's generic mm code: no, the mm tree's.</summary>
    public const bool Linux70 = false;
#endif
}
