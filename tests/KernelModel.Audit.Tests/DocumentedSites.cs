using System.Collections.Immutable;

namespace KernelModel.Audit.Tests;

/// <summary>The six guarded call sites of docs/sample-kernel.md and what proves each.</summary>
public static class DocumentedSites
{
    private const string Khugepaged = "sample-kernel/Mm/Khugepaged.cs";
    private const string MmuGather = "sample-kernel/Mm/MmuGather.cs";
    private const string GenericTlb = "sample-kernel/Include/AsmGeneric/Tlb.cs";
    private const string UnshareContract = "[RequiresTableFlush(Unless = \"tlb.UnsharedTables || !tlb.FullyUnsharedTables\")]";

    /// <summary>The six sites, in the order of docs/sample-kernel.md.</summary>
    public static ImmutableArray<DocumentedSite> All { get; } =
    [
        new(1, Khugepaged, "CollapseHugePage", "TlbRemoveTableSyncOne();", "TlbRemoveTableSyncOne", Collapse("PmdpCollapseFlush(vma!, address, pmd)"), null, []),
        new(2, GenericTlb, "TlbFlushUnsharedTables", "TlbRemoveTableSyncOne();", "TlbRemoveTableSyncOne", [], UnshareContract, ["HugePmdUnshareFlush"]),
        new(3, MmuGather, "TlbRemoveTableOneNow", "TlbRemoveTableSyncOne();", "TlbRemoveTableSyncOne", [], "[RequiresTableFlush]", ["TlbRemoveTableOne"]),
        new(4, Khugepaged, "TryCollapsePteMappedThp", "PmdpGetLocklessSync();", "PmdpGetLocklessSync", Collapse("PmdpCollapseFlush(vma, haddr, pmd)"), null, []),
        new(5, Khugepaged, "RetractPageTables", "PmdpGetLocklessSync();", "PmdpGetLocklessSync", Collapse("PmdpCollapseFlush(vma, addr, pmd)"), null, []),
        new(6, MmuGather, "TlbRemoveTableOneNow", "TlbRemoveTableSyncRcu();", "TlbRemoveTableSyncRcu", [], "[RequiresTableFlush]", ["TlbRemoveTableOne"]),
    ];

    /// <summary>Sites 3 and 6 are discharged, through TlbRemoveTableOne, by TlbRemoveTable's fallback flush of the gather.</summary>
    public static ImmutableArray<string> GatherFallbackChain { get; } =
        ["TlbTableInvalidate(tlb)", "TlbFlushMmuTlbonly(tlb)", "TlbFlush(tlb)", "FlushTlbMmRange(..., freedTables: tlb.FreedTables || tlb.UnsharedTables)"];

    /// <summary>The collapse's chain, as the kernel thread wrote it: pmdp_collapse_flush -> flush_tlb_range -> flush_tlb_mm_range(freed_tables = true).</summary>
    private static ImmutableArray<string> Collapse(string call) =>
        [call, "FlushTlbRange(vma, address, address + HpagePmdSize)", "FlushTlbMmRange(..., freedTables: true)"];
}
