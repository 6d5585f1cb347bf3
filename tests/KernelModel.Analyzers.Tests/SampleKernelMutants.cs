using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace KernelModel.Analyzers.Tests;

/// <summary>
/// The mutants of the sample kernel, one or more per guarded call site of docs/sample-kernel.md: the flush
/// removed (replaced by what the code would do without it), its flag flipped, made conditional, moved after the
/// sync, the <c>FreedTables</c> a <c>[RequiresCondition]</c> needs dropped, x86 <c>tlb_flush()</c> reduced to
/// Linux 7.0's <c>freed_tables</c> alone, and contracts that carried a site removed.
/// </summary>
/// <remarks>
/// Each mutant runs in the configuration where its site is live: the khugepaged sites #4/#5 in X86_32Pae, the
/// rest in X86_64, the broadcast hook's own mutant in PowerpcHash. Deliberately absent: removing the explicit
/// flushes in <c>MoveHugetlbPageTables</c> and <c>HugetlbChangeProtection</c> (<c>HugePmdUnshareFlush</c>
/// flushes by itself while <c>UnsharedTables</c> is still set, so those edits leave the kernel correct), and
/// dropping the contract of <c>__tlb_remove_table_one()</c>: its sync compiles only without PT_RECLAIM, which
/// no x86 configuration has, and where it compiles (powerpc) the sync sends its own IPI, so no real
/// configuration makes that edit a bug.
/// </remarks>
public static class SampleKernelMutants
{
    private const string Khugepaged = "Mm/Khugepaged.cs";
    private const string MmuGather = "Mm/MmuGather.cs";
    private const string Hugetlb = "Mm/Hugetlb.cs";
    private const string GenericTlb = "Include/AsmGeneric/Tlb.cs";
    private const string LinuxPgtable = "Include/Linux/Pgtable.cs";
    private const string X86Tlb = "Arch/X86/Include/Asm/Tlb.cs";
    private const string X86Tlbflush = "Arch/X86/Include/Asm/Tlbflush.cs";
    private const string X86Pgtable = "Arch/X86/Mm/Pgtable.cs";
    private const string Rmap = "Mm/Rmap.cs";
    private const string Pae = "X86_32Pae";
    private const string Guarded = "TLB001";
    private const string Precondition = "TLB002";

    private static readonly CallSite _collapseSync = new(Khugepaged, "CollapseHugePage", "TlbRemoveTableSyncOne();");
    private static readonly CallSite _tryCollapseSync = new(Khugepaged, "TryCollapsePteMappedThp", "PmdpGetLocklessSync();");
    private static readonly CallSite _retractSync = new(Khugepaged, "RetractPageTables", "PmdpGetLocklessSync();");
    private static readonly CallSite _unsharedSync = new(GenericTlb, "TlbFlushUnsharedTables", "TlbRemoveTableSyncOne();");
    private static readonly CallSite _removeTableOne = new(MmuGather, "TlbRemoveTable", "TlbRemoveTableOne(table);");
    private static readonly CallSite _unmapUnshareFlush = new(Hugetlb, "UnmapHugepageRangeLocked", "HugePmdUnshareFlush(tlb, vma);");
    private static readonly CallSite _moveUnshareFlush = new(Hugetlb, "MoveHugetlbPageTables", "HugePmdUnshareFlush(tlb, vma);");
    private static readonly CallSite _protectUnshareFlush = new(Hugetlb, "HugetlbChangeProtection", "HugePmdUnshareFlush(tlb, vma);");

    /// <summary>Every mutant.</summary>
    public static ImmutableArray<SampleKernelMutant> All { get; } =
    [
        // Site 1: collapse_huge_page().
        new("CollapseHugePage: no pmdp_collapse_flush()", Khugepaged,
            new("Pmd oldPmd = PmdpCollapseFlush(vma!, address, pmd);", "Pmd oldPmd = pmd.Get();\n        pmd.Set(Pmd.None);"),
            Guarded, [_collapseSync]),
        new("CollapseHugePage: flush only if swapped in", Khugepaged,
            new("Pmd oldPmd = PmdpCollapseFlush(vma!, address, pmd);",
                "Pmd oldPmd = pmd.Get();\n        if (unmapped > 0)\n        {\n            oldPmd = PmdpCollapseFlush(vma!, address, pmd);\n        }\n"),
            Guarded, [_collapseSync]),
        new("CollapseHugePage: sync before the flush", Khugepaged,
            new("        Pmd oldPmd = PmdpCollapseFlush(vma!, address, pmd);\n        pmdPtl.Unlock();\n        MmuNotifierInvalidateRangeEnd(range);\n        TlbRemoveTableSyncOne();\n",
                "        TlbRemoveTableSyncOne();\n        Pmd oldPmd = PmdpCollapseFlush(vma!, address, pmd);\n        pmdPtl.Unlock();\n        MmuNotifierInvalidateRangeEnd(range);\n"),
            Guarded, [_collapseSync]),

        // Site 4: try_collapse_pte_mapped_thp().
        new("TryCollapsePteMappedThp: no pmdp_collapse_flush()", Khugepaged,
            new("pgtPmd = PmdpCollapseFlush(vma, haddr, pmd);", "pgtPmd = pmd.Get();\n        pmd.Set(Pmd.None);"),
            Guarded, [_tryCollapseSync], Pae),
        new("TryCollapsePteMappedThp: flush only if installPmd", Khugepaged,
            new("pgtPmd = PmdpCollapseFlush(vma, haddr, pmd);",
                "if (installPmd)\n        {\n            pgtPmd = PmdpCollapseFlush(vma, haddr, pmd);\n        }\n"),
            Guarded, [_tryCollapseSync], Pae),
        new("TryCollapsePteMappedThp: sync before the flush", Khugepaged,
            new("        pgtPmd = PmdpCollapseFlush(vma, haddr, pmd);\n        PmdpGetLocklessSync();\n",
                "        PmdpGetLocklessSync();\n        pgtPmd = PmdpCollapseFlush(vma, haddr, pmd);\n"),
            Guarded, [_tryCollapseSync], Pae),

        // Site 5: retract_page_tables().
        new("RetractPageTables: no pmdp_collapse_flush()", Khugepaged,
            new("pgtPmd = PmdpCollapseFlush(vma, addr, pmd);", "pgtPmd = pmd.Get();\n            pmd.Set(Pmd.None);"),
            Guarded, [_retractSync], Pae),
        new("RetractPageTables: flush only if NrPtes > 1", Khugepaged,
            new("pgtPmd = PmdpCollapseFlush(vma, addr, pmd);",
                "if (mm.NrPtes > 1)\n            {\n                pgtPmd = PmdpCollapseFlush(vma, addr, pmd);\n            }\n"),
            Guarded, [_retractSync], Pae),
        new("RetractPageTables: sync before the flush", Khugepaged,
            new("            pgtPmd = PmdpCollapseFlush(vma, addr, pmd);\n            PmdpGetLocklessSync();\n",
                "            PmdpGetLocklessSync();\n            pgtPmd = PmdpCollapseFlush(vma, addr, pmd);\n"),
            Guarded, [_retractSync], Pae),

        // The flag every khugepaged site relies on: flush_tlb_range() passing freed_tables = false.
        .. new[] { _collapseSync, _tryCollapseSync, _retractSync }.Select(site => new SampleKernelMutant(
            $"FlushTlbRange(false) at {site.Method}", X86Tlbflush,
            new("vma.IsHugetlb ? PmdShift : PageShift, true);", "vma.IsHugetlb ? PmdShift : PageShift, false);"),
            Guarded, [site], Pae)),

        // Site 2: tlb_flush_unshared_tables(), and the x86 half of the series.
        new("TlbFlushUnsharedTables: reset, no flush", GenericTlb,
            new("TlbFlushMmuTlbonly(tlb);", "TlbResetRange(tlb);"),
            Guarded, [_unsharedSync]),
        new("TlbFlushUnsharedTables: flush only if FreedTables", GenericTlb,
            new("if (tlb.UnsharedTables)", "if (tlb.UnsharedTables && tlb.FreedTables)"),
            Guarded, [_unsharedSync]),
        new("TlbFlushUnsharedTables: sync before the flush", GenericTlb,
            new("        if (tlb.UnsharedTables)\n        {\n            TlbFlushMmuTlbonly(tlb);\n        }\n\n" +
                "        // Only the last sharer's unshare makes the table reusable, so only then wait for GUP-fast.\n" +
                "        if (tlb.FullyUnsharedTables)\n        {\n            TlbRemoveTableSyncOne();\n            tlb.FullyUnsharedTables = false;\n        }\n",
                "        if (tlb.FullyUnsharedTables)\n        {\n            TlbRemoveTableSyncOne();\n            tlb.FullyUnsharedTables = false;\n        }\n\n" +
                "        if (tlb.UnsharedTables)\n        {\n            TlbFlushMmuTlbonly(tlb);\n        }\n"),
            Guarded, [_unsharedSync]),
        new("x86 TlbFlush: FreedTables alone (Linux 7.0)", X86Tlb,
            new("bool wakeLazyCpus = tlb.FreedTables || tlb.UnsharedTables;", "bool wakeLazyCpus = tlb.FreedTables;"),
            Guarded, [_unsharedSync, _unmapUnshareFlush, _moveUnshareFlush, _protectUnshareFlush]),
        new("HugePmdUnshareFlush: no [RequiresTableFlush]", Hugetlb,
            new(Contract("tlb.UnsharedTables || !tlb.FullyUnsharedTables") + "    public static void HugePmdUnshareFlush(",
                "    public static void HugePmdUnshareFlush("),
            Guarded, [new(Hugetlb, "HugePmdUnshareFlush", "TlbFlushUnsharedTables(tlb)")]),

        // Site 2 after the caller's own flush: the three callers that flush the gather first (the mid-loop flush
        // of tlb_remove_page_size() in __unmap_hugepage_range()), each with that flush replaced by a bare reset.
        new("TlbRemovePageSize: reset, no tlb_flush_mmu()", GenericTlb,
            new("            TlbFlushMmu(tlb);\n        }\n    }", "            TlbResetRange(tlb);\n        }\n    }"),
            Guarded, [_unmapUnshareFlush]),
        new("MoveHugetlbPageTables: reset instead of the flush", Hugetlb,
            new("        TlbFlushMmuTlbonly(tlb);\n        HugePmdUnshareFlush(tlb, vma);\n        MmuNotifierInvalidateRangeEnd(range);\n        IMmapUnlockWrite",
                "        TlbResetRange(tlb);\n        HugePmdUnshareFlush(tlb, vma);\n        MmuNotifierInvalidateRangeEnd(range);\n        IMmapUnlockWrite"),
            Guarded, [_moveUnshareFlush]),
        new("HugetlbChangeProtection: reset instead of flush", Hugetlb,
            new("        TlbFlushMmuTlbonly(tlb);\n        HugePmdUnshareFlush(tlb, vma);\n        IMmapUnlockWrite",
                "        TlbResetRange(tlb);\n        HugePmdUnshareFlush(tlb, vma);\n        IMmapUnlockWrite"),
            Guarded, [_protectUnshareFlush]),

        // Site 2 through the helper's own flush: the three callers that leave it to huge_pmd_unshare_flush().
        new("HugetlbUnsharePmds: reset before unshare-flush", Hugetlb,
            new("        HugePmdUnshareFlush(tlb, vma);\n        IMmapUnlockWrite(vma.Mapping);\n        MmuNotifierInvalidateRangeEnd(range);\n        TlbFinishMmu(tlb);\n    }\n",
                "        TlbResetRange(tlb);\n        HugePmdUnshareFlush(tlb, vma);\n        IMmapUnlockWrite(vma.Mapping);\n        MmuNotifierInvalidateRangeEnd(range);\n        TlbFinishMmu(tlb);\n    }\n"),
            Guarded, [new(Hugetlb, "HugetlbUnsharePmds", "HugePmdUnshareFlush(tlb, vma);")]),
        .. new[] { "TryToUnmapOne", "TryToMigrateOne" }.Select(method => new SampleKernelMutant(
            $"{method}: reset before unshare-flush", Rmap,
            new(Once(method), Once(method).Replace("HugetlbVmaUnlockWrite(vma);\n                HugePmdUnshareFlush", "HugetlbVmaUnlockWrite(vma);\n                TlbResetRange(tlb);\n                HugePmdUnshareFlush", System.StringComparison.Ordinal)),
            Guarded, [new(Rmap, method, "HugePmdUnshareFlush(tlb, vma);")])),
        new("UnmapHugepageRange: FullyUnsharedTables set", Hugetlb,
            new("        UnmapHugepageRangeLocked(tlb, vma, start, end);",
                "        tlb.FullyUnsharedTables = true;\n        UnmapHugepageRangeLocked(tlb, vma, start, end);"),
            Precondition, [new(Hugetlb, "UnmapHugepageRange", "UnmapHugepageRangeLocked(tlb, vma, start, end);")]),

        // Sites 3 and 6: __tlb_remove_table_one() behind tlb_remove_table()'s fallback.
        new("TlbRemoveTable: no tlb_table_invalidate()", MmuGather,
            new("                TlbTableInvalidate(tlb);\n                TlbRemoveTableOne(table);", "                TlbRemoveTableOne(table);"),
            Guarded, [_removeTableOne]),
        new("TlbRemoveTable: invalidate only if FullMm", MmuGather,
            new("                TlbTableInvalidate(tlb);\n                TlbRemoveTableOne(table);",
                "                if (tlb.FullMm)\n                {\n                    TlbTableInvalidate(tlb);\n                }\n\n                TlbRemoveTableOne(table);"),
            Guarded, [_removeTableOne]),
        new("TlbRemoveTable: free before the invalidate", MmuGather,
            new("                TlbTableInvalidate(tlb);\n                TlbRemoveTableOne(table);",
                "                TlbRemoveTableOne(table);\n                TlbTableInvalidate(tlb);"),
            Guarded, [_removeTableOne]),

        // An architecture whose hook claims the broadcast although nothing before the syncs interrupts anyone:
        // powerpc hash with tlb_table_flush_implies_ipi_broadcast() returning true.
        new("PowerpcHash: broadcast hook returns true", GenericTlb,
            new("public static bool TlbTableFlushImpliesIpiBroadcast() => false;", "public static bool TlbTableFlushImpliesIpiBroadcast() => true;"),
            Guarded, [_collapseSync, _removeTableOne], "PowerpcHash"),

        // The FreedTables that tlb_remove_table() requires, set by the pXd_free_tlb() helpers.
        .. new[] { (Method: "PteFreeTlb", Call: "ArchPteFreeTlb(tlb, pte, address);"), (Method: "PmdFreeTlb", Call: "ArchPmdFreeTlb(tlb, pmd, address);"), (Method: "PudFreeTlb", Call: "ArchPudFreeTlb(tlb, pud, address);") }
            .Select(helper => new SampleKernelMutant(
                $"{helper.Method}: tlb.FreedTables not set", GenericTlb,
                new($"        tlb.FreedTables = true;\n        {helper.Call}", $"        {helper.Call}"),
                Precondition, [new(GenericTlb, helper.Method, helper.Call)])),
        new("ArchPteFreeTlb: no [RequiresCondition]", X86Pgtable,
            new("    [RequiresCondition(\"tlb.FreedTables\")]\n    public static void ArchPteFreeTlb(", "    public static void ArchPteFreeTlb("),
            Precondition, [new(X86Pgtable, "ArchPteFreeTlb", "TlbRemovePtdesc(tlb, pte);")]),

        // Site 4 and 5's helper: pmdp_get_lockless_sync().
        new("PmdpGetLocklessSync: no [RequiresTableFlush]", LinuxPgtable,
            new(Contract(null) + "    public static void PmdpGetLocklessSync()", "    public static void PmdpGetLocklessSync()"),
            Guarded, [new(LinuxPgtable, "PmdpGetLocklessSync", "TlbRemoveTableSyncOne();")], Pae),
    ];

    /// <summary>
    /// The text of a helper's flush contract: the plain requirement where x86 overrides the broadcast hook, with
    /// <c>!TlbTableFlushImpliesIpiBroadcast()</c> added to its Unless where the generic false applies.
    /// </summary>
    /// <param name="unless">The Unless condition on x86, or null for none.</param>
    /// <returns>The four lines of conditional attributes.</returns>
    private static string Contract(string? unless) =>
        "#if ARCH_HAS_TLB_TABLE_FLUSH_IMPLIES_IPI_BROADCAST\n" +
        (unless is null ? "    [RequiresTableFlush]\n" : $"    [RequiresTableFlush(Unless = \"{unless}\")]\n") +
        "#else\n" +
        (unless is null
            ? "    [RequiresTableFlush(Unless = \"!TlbTableFlushImpliesIpiBroadcast()\")]\n"
            : $"    [RequiresTableFlush(Unless = \"{unless} || !TlbTableFlushImpliesIpiBroadcast()\")]\n") +
        "#endif\n";

    /// <summary>The unshare branch of try_to_unmap_one() or try_to_migrate_one(), which the two share word for word.</summary>
    /// <param name="method">Which of the two, to keep the edit unique to its file position.</param>
    /// <returns>Text that occurs in that method.</returns>
    private static string Once(string method) =>
        method == "TryToUnmapOne"
            ? "                HugetlbVmaUnlockWrite(vma);\n                HugePmdUnshareFlush(tlb, vma);\n                TlbFinishMmu(tlb);\n\n                // The PMD table"
            : "                HugetlbVmaUnlockWrite(vma);\n                HugePmdUnshareFlush(tlb, vma);\n                TlbFinishMmu(tlb);\n                goto walkDone;";

    /// <summary>Every mutant's name, as xUnit theory rows.</summary>
    public static IEnumerable<object[]> Names => All.Select(mutant => new object[] { mutant.Name });

    /// <summary>A mutant by name.</summary>
    /// <param name="name">Its name.</param>
    /// <returns>The mutant.</returns>
    public static SampleKernelMutant Get(string name) => All.Single(mutant => mutant.Name == name);
}
