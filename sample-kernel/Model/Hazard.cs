namespace KernelModel.SampleKernel.Model;

/// <summary>What the kernel did to a page table.</summary>
public enum TableAction
{
    /// <summary>The table's memory was returned to the allocator.</summary>
    Freed,

    /// <summary>The table was repurposed or rewritten (deposited, copied over, or became exclusive to another mm).</summary>
    Reused,
}

/// <summary>A page table freed or reused while a lockless walker was still inside it: the bug the sync prevents.</summary>
/// <param name="Table">The table's name.</param>
/// <param name="Action">What happened to it.</param>
/// <param name="WalkerCpu">The CPU whose walker was inside.</param>
/// <param name="WalkerCpuWasLazy">Whether that CPU was in lazy-TLB mode.</param>
public sealed record Hazard(string Table, TableAction Action, int WalkerCpu, bool WalkerCpuWasLazy);

/// <summary>One IPI.</summary>
/// <param name="From">The sending CPU.</param>
/// <param name="To">The receiving CPU.</param>
/// <param name="Handler">The kernel function it ran.</param>
public sealed record IpiRecord(int From, int To, string Handler);
