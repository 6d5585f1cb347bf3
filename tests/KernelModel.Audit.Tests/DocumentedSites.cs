using System.Collections.Immutable;

namespace KernelModel.Audit.Tests;

/// <summary>
/// The guarded call sites of docs/sample-kernel.md that the default configuration (X86_64, the mm tree)
/// compiles, and what proves each there. Site #3 is Linux 7.0's sync_one, and site #6 sits behind PT_RECLAIM,
/// which x86 always has: neither appears in this build's report.
/// </summary>
public static class DocumentedSites
{
    private const string Khugepaged = "sample-kernel/Mm/Khugepaged.cs";
    private const string MmuGather = "sample-kernel/Mm/MmuGather.cs";
    private const string GenericTlb = "sample-kernel/Include/AsmGeneric/Tlb.cs";
    private const string UnshareContract = "[RequiresTableFlush(Unless = \"tlb.UnsharedTables || !tlb.FullyUnsharedTables\")]";

    /// <summary>Sites 1, 2, 4 and 5, in the order of docs/sample-kernel.md.</summary>
    public static ImmutableArray<DocumentedSite> All { get; } =
    [
        new(1, Khugepaged, "CollapseHugePage", "TlbRemoveTableSyncOne();", "TlbRemoveTableSyncOne", Collapse("PmdpCollapseFlush(vma!, address, pmd)"), null, []),
        new(2, GenericTlb, "TlbFlushUnsharedTables", "TlbRemoveTableSyncOne();", "TlbRemoveTableSyncOne", [], UnshareContract, ["HugePmdUnshareFlush"]),
        new(4, Khugepaged, "TryCollapsePteMappedThp", "PmdpGetLocklessSync();", "PmdpGetLocklessSync", Collapse("PmdpCollapseFlush(vma, haddr, pmd)"), null, []),
        new(5, Khugepaged, "RetractPageTables", "PmdpGetLocklessSync();", "PmdpGetLocklessSync", Collapse("PmdpCollapseFlush(vma, addr, pmd)"), null, []),
    ];

    /// <summary>TlbRemoveTable's fallback flush of the gather, which discharges TlbRemoveTableOne's contract.</summary>
    public static ImmutableArray<string> GatherFallbackChain { get; } =
        ["TlbTableInvalidate(tlb)", "TlbFlushMmuTlbonly(tlb)", "TlbFlush(tlb)", "FlushTlbMmRange(..., wakeLazyCpus: wakeLazyCpus)"];

    /// <summary>Where TlbRemoveTable's fallback calls TlbRemoveTableOne.</summary>
    public static DocumentedSite GatherFallback { get; } =
        new(0, MmuGather, "TlbRemoveTable", "TlbRemoveTableOne(table);", "TlbRemoveTableOne", [], null, []);

    /// <summary>The collapse's chain, as the kernel thread wrote it: pmdp_collapse_flush -> flush_tlb_range -> flush_tlb_mm_range(freed_tables = true).</summary>
    private static ImmutableArray<string> Collapse(string call) =>
        [call, "FlushTlbRange(vma, address, address + HpagePmdSize)", "FlushTlbMmRange(..., wakeLazyCpus: true)"];
}
