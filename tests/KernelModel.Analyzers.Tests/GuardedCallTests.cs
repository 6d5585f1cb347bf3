using System.Collections.Generic;
using System.Threading.Tasks;

namespace KernelModel.Analyzers.Tests;

/// <summary>
/// The basic promise of TLB001/TLB002 (SPEC §5–§7) in markup unit tests: a sync dominated by a table-freeing
/// flush is silent, one without is reported at the invocation, a <c>[RequiresCondition]</c> that does not hold is
/// reported at the call, and a sync method named in <c>tlb_analysis.sync_methods</c> is guarded like the default ones.
/// </summary>
public class GuardedCallTests
{
    [Fact]
    public Task Sync_after_a_flush_that_frees_tables_is_silent() =>
        TableFlushVerifier.VerifyAsync("""
            using Kernel;
            using static Kernel.K;

            public static class Sites
            {
                public static void Collapse(MmStruct mm)
                {
                    FlushTlbMm(mm);
                    TlbRemoveTableSyncOne();
                }
            }
            """);

    [Fact]
    public Task Sync_without_any_flush_reports_TLB001_at_the_invocation() =>
        TableFlushVerifier.VerifyAsync("""
            using static Kernel.K;

            public static class Sites
            {
                public static void Collapse()
                {
                    {|TLB001:TlbRemoveTableSyncOne()|};
                }
            }
            """);

    [Fact]
    public Task Call_whose_RequiresCondition_may_not_hold_reports_TLB002_at_the_invocation() =>
        TableFlushVerifier.VerifyAsync("""
            using Kernel;
            using KernelModel.Contracts;

            public static class Sites
            {
                /// <summary>Queues a table; callers must set <c>tlb.FreedTables</c> first.</summary>
                [RequiresCondition("tlb.FreedTables")]
                public static void RemoveTable(MmuGather tlb, PageTable table)
                {
                }

                public static void Forgets(MmuGather tlb, PageTable table)
                {
                    {|TLB002:RemoveTable(tlb, table)|};
                }

                public static void Sets(MmuGather tlb, PageTable table)
                {
                    tlb.FreedTables = true;
                    RemoveTable(tlb, table);
                }
            }
            """);

    [Fact]
    public Task Sync_method_configured_in_editorconfig_is_guarded() =>
        TableFlushVerifier.VerifyAsync(
            """
            using Kernel;
            using static Kernel.K;

            public static class Sites
            {
                /// <summary>An architecture's own sync; callers must have flushed the TLB.</summary>
                public static void ArchSyncTables()
                {
                }

                public static void Unflushed()
                {
                    {|TLB001:ArchSyncTables()|};
                }

                public static void Flushed(MmStruct mm)
                {
                    FlushTlbMm(mm);
                    ArchSyncTables();
                }
            }
            """,
            new Dictionary<string, string> { ["tlb_analysis.sync_methods"] = "TlbRemoveTableSyncOne, TlbRemoveTableSyncRcu, arch_sync_tables" });
}
