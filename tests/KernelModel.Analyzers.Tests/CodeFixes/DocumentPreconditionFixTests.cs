using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;
using Verify = KernelModel.Analyzers.Tests.CodeFixes.CodeFixVerifier<KernelModel.Analyzers.FlushDocumentationAnalyzer, KernelModel.Analyzers.CodeFixes.DocumentationCodeFixProvider>;

namespace KernelModel.Analyzers.Tests.CodeFixes;

/// <summary>
/// TLB003 and its fix "Document the precondition" (SPEC §6, §8): the rule reads the comment from syntax, so it
/// holds with and without a documentation file; the fix writes the kerneldoc the review asked for — what the
/// method does, that callers must have flushed with freedTables or unsharedTables set, that a flush which
/// already broadcast IPIs makes the sync unnecessary — or completes the comment that is there.
/// </summary>
public class DocumentPreconditionFixTests
{
    [Fact]
    public Task Writes_a_whole_comment_for_an_undocumented_guarded_method() =>
        Verify.VerifyAsync(
            """
            using Kernel;
            using KernelModel.Contracts;
            using static Kernel.K;

            public static class Sites
            {
                [RequiresTableFlush]
                public static void {|TLB003:FreeNow|}(PageTable table)
                {
                    TlbRemoveTableSyncOne();
                    FreeTable(table);
                }
            }
            """,
            """
            using Kernel;
            using KernelModel.Contracts;
            using static Kernel.K;

            public static class Sites
            {
                /// <summary>
                /// Calls <c>TlbRemoveTableSyncOne</c>, which waits for lockless page-table walkers before a page table is
                /// freed or reused.
                /// </summary>
                /// <remarks>
                /// Callers must have performed a TLB flush with freedTables or unsharedTables set before calling. A
                /// preceding flush that already broadcast IPIs to every CPU makes the sync unnecessary, so it is skipped;
                /// without such a flush, a lockless walker could still be inside a table that is then freed or reused.
                /// </remarks>
                [RequiresTableFlush]
                public static void FreeNow(PageTable table)
                {
                    TlbRemoveTableSyncOne();
                    FreeTable(table);
                }
            }
            """);

    [Fact]
    public Task Documents_a_sync_method_of_the_port() =>
        Verify.VerifyAsync(
            """
            public static class Sync
            {
                public static void {|TLB003:TlbRemoveTableSyncOne|}()
                {
                }
            }
            """,
            """
            public static class Sync
            {
                /// <summary>
                /// Makes sure that concurrent lockless page-table walkers (GUP-fast) have finished before a page table is
                /// freed or reused.
                /// </summary>
                /// <remarks>
                /// Callers must have performed a TLB flush with freedTables or unsharedTables set before calling. When
                /// that flush already broadcast IPIs to every CPU (tlb_table_flush_implies_ipi_broadcast()), the walkers
                /// are gone and this sync returns at once; without that flush, skipping the IPIs would leave a walker
                /// inside a table that is then freed or reused.
                /// </remarks>
                public static void TlbRemoveTableSyncOne()
                {
                }
            }
            """);

    [Fact]
    public Task Adds_remarks_to_a_comment_that_never_mentions_a_flush_and_names_the_Unless_condition() =>
        Verify.VerifyAsync(
            """
            using Kernel;
            using KernelModel.Contracts;

            public static class Sites
            {
                /// <summary>Drops an unshared table.</summary>
                [RequiresTableFlush(Unless = "tlb.UnsharedTables")]
                public static void {|TLB003:Drop|}(MmuGather tlb)
                {
                }
            }
            """,
            """
            using Kernel;
            using KernelModel.Contracts;

            public static class Sites
            {
                /// <summary>Drops an unshared table.</summary>
                /// <remarks>
                /// Callers must have performed a TLB flush with freedTables or unsharedTables set before calling, unless
                /// <c>tlb.UnsharedTables</c> holds. A preceding flush that already broadcast IPIs to every CPU makes the
                /// sync unnecessary, so it is skipped; without such a flush, a lockless walker could still be inside a
                /// table that is then freed or reused.
                /// </remarks>
                [RequiresTableFlush(Unless = "tlb.UnsharedTables")]
                public static void Drop(MmuGather tlb)
                {
                }
            }
            """);

    [Fact]
    public Task Completes_existing_remarks_with_the_condition_it_does_not_name() =>
        Verify.VerifyAsync(
            """
            using Kernel;
            using KernelModel.Contracts;

            public static class Sites
            {
                /// <summary>Queues a table.</summary>
                /// <remarks>
                /// The table is freed after the next flush.
                /// </remarks>
                [RequiresCondition("tlb.FreedTables")]
                public static void {|TLB003:Queue|}(MmuGather tlb)
                {
                }
            }
            """,
            """
            using Kernel;
            using KernelModel.Contracts;

            public static class Sites
            {
                /// <summary>Queues a table.</summary>
                /// <remarks>
                /// The table is freed after the next flush.
                /// Callers must make sure that <c>tlb.FreedTables</c> holds before calling.
                /// </remarks>
                [RequiresCondition("tlb.FreedTables")]
                public static void Queue(MmuGather tlb)
                {
                }
            }
            """);

    [Fact]
    public Task Keeps_CRLF_line_endings_and_tab_indentation() =>
        Verify.VerifyAsync(
            "using KernelModel.Contracts;\r\n\r\npublic static class Sites\r\n{\r\n\t/// <summary>Frees a table.</summary>\r\n\t[RequiresTableFlush]\r\n\tpublic static void {|TLB003:Free|}()\r\n\t{\r\n\t}\r\n}\r\n",
            "using KernelModel.Contracts;\r\n\r\npublic static class Sites\r\n{\r\n\t/// <summary>Frees a table.</summary>\r\n\t/// <remarks>\r\n" +
            "\t/// Callers must have performed a TLB flush with freedTables or unsharedTables set before calling. A\r\n" +
            "\t/// preceding flush that already broadcast IPIs to every CPU makes the sync unnecessary, so it is skipped;\r\n" +
            "\t/// without such a flush, a lockless walker could still be inside a table that is then freed or reused.\r\n" +
            "\t/// </remarks>\r\n\t[RequiresTableFlush]\r\n\tpublic static void Free()\r\n\t{\r\n\t}\r\n}\r\n");

    [Fact]
    public Task Is_reported_without_a_documentation_file_too()
    {
        var test = new Verify.Test
        {
            TestCode = """
                using KernelModel.Contracts;

                public static class Sites
                {
                    /// <summary>Frees a table.</summary>
                    [RequiresTableFlush]
                    public static void {|TLB003:Free|}()
                    {
                    }

                    /// <summary>Frees a table after the caller's flush.</summary>
                    [RequiresTableFlush]
                    public static void Documented()
                    {
                    }
                }
                """,
            TestBehaviors = TestBehaviors.SkipGeneratedCodeCheck,
        };
        test.FixedCode = """
            using KernelModel.Contracts;

            public static class Sites
            {
                /// <summary>Frees a table.</summary>
                /// <remarks>
                /// Callers must have performed a TLB flush with freedTables or unsharedTables set before calling. A
                /// preceding flush that already broadcast IPIs to every CPU makes the sync unnecessary, so it is skipped;
                /// without such a flush, a lockless walker could still be inside a table that is then freed or reused.
                /// </remarks>
                [RequiresTableFlush]
                public static void Free()
                {
                }

                /// <summary>Frees a table after the caller's flush.</summary>
                [RequiresTableFlush]
                public static void Documented()
                {
                }
            }
            """;
        test.SolutionTransforms.Add(static (solution, projectId) =>
            solution.WithProjectParseOptions(projectId, ((CSharpParseOptions)solution.GetProject(projectId)!.ParseOptions!).WithDocumentationMode(DocumentationMode.None)));
        return test.RunAsync();
    }

    [Fact]
    public Task Is_silent_for_a_malformed_contract_which_TLB006_reports() =>
        Verify.VerifyNotOfferedAsync(
            """
            using Kernel;
            using KernelModel.Contracts;

            public static class Sites
            {
                [RequiresCondition("tlb.NoSuchFlag")]
                public static void Queue(MmuGather tlb)
                {
                }
            }
            """);
}
