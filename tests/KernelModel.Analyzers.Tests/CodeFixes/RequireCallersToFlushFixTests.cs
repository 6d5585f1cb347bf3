using System.Threading.Tasks;
using Verify = KernelModel.Analyzers.Tests.CodeFixes.CodeFixVerifier<KernelModel.Analyzers.TableFlushAnalyzer, KernelModel.Analyzers.CodeFixes.RequireCallersToFlushCodeFixProvider>;

namespace KernelModel.Analyzers.Tests.CodeFixes;

/// <summary>
/// TLB001 "Require callers to flush" (SPEC §8): <c>[RequiresTableFlush]</c> plus documentation in words on the
/// enclosing method; the attribute type is imported when not in scope; never offered in lambdas or in a sync
/// method itself.
/// </summary>
public class RequireCallersToFlushFixTests
{
    private const string Key = "TLB001.RequireCallersToFlush";

    [Fact]
    public Task Adds_the_attribute_the_using_and_a_documentation_comment() =>
        Verify.VerifyAsync(
            """
            using static Kernel.K;

            public static class Sites
            {
                public static void FreeNow()
                {
                    {|TLB001:TlbRemoveTableSyncOne()|};
                }
            }
            """,
            """
            using KernelModel.Contracts;
            using static Kernel.K;

            public static class Sites
            {
                /// <summary>
                /// Calls <c>TlbRemoveTableSyncOne</c>, which relies on a preceding TLB flush that frees or unshares page
                /// tables.
                /// </summary>
                /// <remarks>
                /// Callers must have performed a TLB flush with freedTables or unsharedTables set before calling:
                /// <c>TlbRemoveTableSyncOne</c> relies on that flush having reached every CPU that may walk the page
                /// tables.
                /// </remarks>
                [RequiresTableFlush]
                public static void FreeNow()
                {
                    TlbRemoveTableSyncOne();
                }
            }
            """,
            Key);

    [Fact]
    public Task Completes_an_existing_comment_with_remarks_and_keeps_other_attributes() =>
        Verify.VerifyAsync(
            """
            using System.Diagnostics.CodeAnalysis;
            using KernelModel.Contracts;
            using static Kernel.K;

            public static class Sites
            {
                /// <summary>Frees a page table right away.</summary>
                [SuppressMessage("Design", "CA1000", Justification = "Test")]
                public static void FreeNow()
                {
                    {|TLB001:TlbRemoveTableSyncOne()|};
                }
            }
            """,
            """
            using System.Diagnostics.CodeAnalysis;
            using KernelModel.Contracts;
            using static Kernel.K;

            public static class Sites
            {
                /// <summary>Frees a page table right away.</summary>
                /// <remarks>
                /// Callers must have performed a TLB flush with freedTables or unsharedTables set before calling:
                /// <c>TlbRemoveTableSyncOne</c> relies on that flush having reached every CPU that may walk the page
                /// tables.
                /// </remarks>
                [RequiresTableFlush]
                [SuppressMessage("Design", "CA1000", Justification = "Test")]
                public static void FreeNow()
                {
                    TlbRemoveTableSyncOne();
                }
            }
            """,
            Key);

    [Fact]
    public Task Moves_the_obligation_to_callers_which_are_then_reported() =>
        Verify.VerifyAsync(
            """
            using KernelModel.Contracts;
            using static Kernel.K;

            public static class Sites
            {
                /// <summary>Frees a page table right away.</summary>
                public static void FreeNow()
                {
                    {|TLB001:TlbRemoveTableSyncOne()|};
                }

                public static System.Action Later() => () => FreeNow();
            }
            """,
            """
            using KernelModel.Contracts;
            using static Kernel.K;

            public static class Sites
            {
                /// <summary>Frees a page table right away.</summary>
                /// <remarks>
                /// Callers must have performed a TLB flush with freedTables or unsharedTables set before calling:
                /// <c>TlbRemoveTableSyncOne</c> relies on that flush having reached every CPU that may walk the page
                /// tables.
                /// </remarks>
                [RequiresTableFlush]
                public static void FreeNow()
                {
                    TlbRemoveTableSyncOne();
                }

                public static System.Action Later() => () => {|TLB001:FreeNow()|};
            }
            """,
            Key);

    [Fact]
    public Task Is_not_offered_inside_a_lambda() =>
        Verify.VerifyNotOfferedAsync(
            """
            using System;
            using static Kernel.K;

            public static class Sites
            {
                public static Action Later() => () => {|TLB001:TlbRemoveTableSyncOne()|};
            }
            """,
            Key);

    [Fact]
    public Task Is_not_offered_in_the_sync_method_itself() =>
        Verify.VerifyNotOfferedAsync(
            """
            public static class Sites
            {
                /// <summary>Waits for walkers after a flush.</summary>
                public static void TlbRemoveTableSyncRcu()
                {
                    {|TLB001:Kernel.K.TlbRemoveTableSyncOne()|};
                }
            }
            """,
            Key);
}
