namespace KernelModel.SampleKernel.Model;

/// <summary>What the kernel did to a page table.</summary>
public enum TableAction
{
    /// <summary>The table's memory was returned to the allocator.</summary>
    Freed,

    /// <summary>The table was repurposed or rewritten (deposited, copied over, or became exclusive to another mm).</summary>
    Reused,

    /// <summary>One of its entries was rewritten under a lockless reader.</summary>
    EntryRewritten,
}

/// <summary>What was still using a page table when it was freed or reused.</summary>
public enum HazardKind
{
    /// <summary>A lockless walker with interrupts off was inside it: the bug the sync (or a flush's IPIs) prevents.</summary>
    LocklessWalker,

    /// <summary>
    /// The CPU's paging-structure caches still led into it: the bug a flush that wakes lazy-TLB CPUs prevents,
    /// and that no empty IPI or grace period cures.
    /// </summary>
    PagingStructureCache,

    /// <summary>
    /// A lockless reader of a PMD read in two halves (PAE) was still reading it when the entry changed a second
    /// time: the bug <c>pmdp_get_lockless_sync()</c> prevents.
    /// </summary>
    TornPmdRead,
}

/// <summary>A page table freed or reused while something on another CPU could still use it.</summary>
/// <param name="Table">The table's name.</param>
/// <param name="Action">What happened to it.</param>
/// <param name="Cpu">The CPU that could still use it.</param>
/// <param name="CpuWasLazy">Whether that CPU was in lazy-TLB mode.</param>
/// <param name="Kind">What on that CPU was still using it.</param>
public sealed record Hazard(string Table, TableAction Action, int Cpu, bool CpuWasLazy, HazardKind Kind);

/// <summary>One IPI.</summary>
/// <param name="From">The sending CPU.</param>
/// <param name="To">The receiving CPU.</param>
/// <param name="Handler">The kernel function it ran.</param>
public sealed record IpiRecord(int From, int To, string Handler);
