namespace KernelModel.SampleKernel;

/// <summary>A range being invalidated for secondary MMUs (struct mmu_notifier_range).</summary>
/// <param name="Mm">The address space.</param>
/// <param name="Start">First address.</param>
/// <param name="End">One past the last address.</param>
public sealed record MmuNotifierRange(MmStruct Mm, ulong Start, ulong End)
{
    /// <summary>Whether the invalidation has started and not yet ended.</summary>
    public bool Active { get; set; }
}

/// <summary>include/linux/mmu_notifier.h: telling secondary MMUs (KVM, IOMMUs) about page-table changes.</summary>
public static partial class Kernel
{
    /// <summary>Ports <c>mmu_notifier_invalidate_range_start()</c>.</summary>
    /// <param name="range">The range.</param>
    public static void MmuNotifierInvalidateRangeStart(MmuNotifierRange range) => range.Active = true;

    /// <summary>Ports <c>mmu_notifier_invalidate_range_end()</c>.</summary>
    /// <param name="range">The range.</param>
    public static void MmuNotifierInvalidateRangeEnd(MmuNotifierRange range) => range.Active = false;
}
