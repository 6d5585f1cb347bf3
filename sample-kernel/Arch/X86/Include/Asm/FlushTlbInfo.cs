namespace KernelModel.SampleKernel;

#if LINUX_7_0_TLB_FLUSH
/// <summary>
/// What a TLB flush covers: <c>struct flush_tlb_info</c> of arch/x86/include/asm/tlbflush.h as in Linux 7.0,
/// whose flag is <c>freed_tables</c>.
/// </summary>
/// <param name="Mm">The address space.</param>
/// <param name="Start">First address.</param>
/// <param name="End">One past the last address, or TLB_FLUSH_ALL.</param>
/// <param name="StrideShift">The page shift of the entries flushed.</param>
/// <param name="FreedTables">Page tables were freed: lazy-TLB CPUs must be interrupted too.</param>
/// <param name="NewTlbGen">The mm's TLB generation this flush brings CPUs to.</param>
public sealed record FlushTlbInfo(MmStruct Mm, ulong Start, ulong End, int StrideShift, bool FreedTables, ulong NewTlbGen)
{
    /// <summary>Whether CPUs that merely have the mm in their mask should flush too, to be trimmed from it.</summary>
    public bool TrimCpumask { get; init; }

    /// <summary>Whether lazy-TLB CPUs are interrupted too: in this tree, only when tables were freed.</summary>
    public bool WakesLazyCpus => FreedTables;
}
#else
/// <summary>
/// What a TLB flush covers: <c>struct flush_tlb_info</c> of arch/x86/include/asm/tlbflush.h as in the mm tree
/// of May 2026, whose final series renames the flag <c>wake_lazy_cpus</c>.
/// </summary>
/// <param name="Mm">The address space.</param>
/// <param name="Start">First address.</param>
/// <param name="End">One past the last address, or TLB_FLUSH_ALL.</param>
/// <param name="StrideShift">The page shift of the entries flushed.</param>
/// <param name="WakeLazyCpus">Page tables were freed or unshared: lazy-TLB CPUs must be interrupted too.</param>
/// <param name="NewTlbGen">The mm's TLB generation this flush brings CPUs to.</param>
public sealed record FlushTlbInfo(MmStruct Mm, ulong Start, ulong End, int StrideShift, bool WakeLazyCpus, ulong NewTlbGen)
{
    /// <summary>Whether CPUs that merely have the mm in their mask should flush too, to be trimmed from it.</summary>
    public bool TrimCpumask { get; init; }

    /// <summary>Whether lazy-TLB CPUs are interrupted too.</summary>
    public bool WakesLazyCpus => WakeLazyCpus;
}
#endif
