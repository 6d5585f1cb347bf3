using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;
using Verify = KernelModel.Analyzers.Tests.CodeFixes.CodeFixVerifier<KernelModel.Analyzers.TableFlushAnalyzer, KernelModel.Analyzers.CodeFixes.PreconditionCodeFixProvider>;

namespace KernelModel.Analyzers.Tests.CodeFixes;

/// <summary>
/// TLB002 "Require the condition from callers" (SPEC §8): the callee's condition rewritten over the caller's
/// parameters, as a <c>[RequiresCondition]</c> with documentation; not offered when it cannot be expressed so.
/// </summary>
public class RequireConditionFixTests
{
    private const string Callee = """
        /// <summary>Queues a table; callers set <c>tlb.FreedTables</c> first.</summary>
        [RequiresCondition("tlb.FreedTables")]
        public static void RemoveTable(MmuGather tlb, PageTable table)
        {
        }

        /// <summary>Frees a table when <c>freed</c> is set.</summary>
        [RequiresCondition("freed || !other")]
        public static void Release(bool freed, bool other)
        {
        }
        """;

    [Fact]
    public Task Requires_the_same_condition_over_the_callers_own_gather() =>
        Verify.VerifyAsync(
            $$"""
            using Kernel;
            using KernelModel.Contracts;

            public static class Sites
            {
                {{Callee}}

                /// <summary>Frees one table.</summary>
                public static void Free(MmuGather tlb, PageTable table)
                {
                    {|TLB002:RemoveTable(tlb, table)|};
                }
            }
            """,
            $$"""
            using Kernel;
            using KernelModel.Contracts;

            public static class Sites
            {
                {{Callee}}

                /// <summary>Frees one table.</summary>
                /// <remarks>
                /// Callers must make sure that <c>tlb.FreedTables</c> holds before calling: <c>RemoveTable</c> requires
                /// it.
                /// </remarks>
                [RequiresCondition("tlb.FreedTables")]
                public static void Free(MmuGather tlb, PageTable table)
                {
                    RemoveTable(tlb, table);
                }
            }
            """);

    [Fact]
    public Task Rewrites_bool_parameters_into_the_callers_member_paths() =>
        Verify.VerifyAsync(
            $$"""
            using Kernel;
            using KernelModel.Contracts;

            public static class Sites
            {
                {{Callee}}

                public static void Free(MmuGather tlb)
                {
                    {|TLB002:Release(tlb.FreedTables, tlb.FullMm)|};
                }
            }
            """,
            $$"""
            using Kernel;
            using KernelModel.Contracts;

            public static class Sites
            {
                {{Callee}}

                /// <summary>
                /// Calls <c>Release</c>, which requires <c>freed || !other</c>.
                /// </summary>
                /// <remarks>
                /// Callers must make sure that <c>tlb.FreedTables || !tlb.FullMm</c> holds before calling: <c>Release</c>
                /// requires it.
                /// </remarks>
                [RequiresCondition("tlb.FreedTables || !tlb.FullMm")]
                public static void Free(MmuGather tlb)
                {
                    Release(tlb.FreedTables, tlb.FullMm);
                }
            }
            """);

    [Fact]
    public Task Is_not_offered_when_the_argument_is_a_local() =>
        Verify.VerifyNotOfferedAsync(
            $$"""
            using Kernel;
            using KernelModel.Contracts;

            public static class Sites
            {
                {{Callee}}

                public static void Free(PageTable table)
                {
                    var tlb = new MmuGather();
                    {|TLB002:RemoveTable(tlb, table)|};
                }
            }
            """);

    [Fact]
    public Task Keeps_the_parentheses_the_rewritten_condition_needs_and_escapes_them_in_the_documentation()
    {
        // Compiler warnings count here, with comments checked as XML (but not required), so an unescaped && in
        // the comment (CS1570) would fail the test.
        var test = new Verify.Test { CompilerDiagnostics = CompilerDiagnostics.Warnings };
        test.SolutionTransforms.Add(static (solution, projectId) =>
        {
            Project project = solution.GetProject(projectId)!;
            var options = (CSharpCompilationOptions)project.CompilationOptions!;
            return solution
                .WithProjectParseOptions(projectId, ((CSharpParseOptions)project.ParseOptions!).WithDocumentationMode(DocumentationMode.Diagnose))
                .WithProjectCompilationOptions(projectId, options.WithSpecificDiagnosticOptions(options.SpecificDiagnosticOptions.SetItem("CS1591", ReportDiagnostic.Suppress)));
        });
        test.TestCode =
            """
            using Kernel;
            using KernelModel.Contracts;

            public static class Sites
            {
                /// <summary>Frees when <c>freed</c>, <c>other</c> and <c>third</c> allow it.</summary>
                [RequiresCondition("freed && (other || !third) && !(freed == other)")]
                public static void Release(bool freed, bool other, bool third)
                {
                }

                /// <summary>Frees the gather's tables.</summary>
                public static void Free(MmuGather tlb)
                {
                    {|TLB002:Release(tlb.FreedTables, tlb.FullMm, tlb.NeedFlushAll)|};
                }
            }
            """;
        test.FixedCode =
            """
            using Kernel;
            using KernelModel.Contracts;

            public static class Sites
            {
                /// <summary>Frees when <c>freed</c>, <c>other</c> and <c>third</c> allow it.</summary>
                [RequiresCondition("freed && (other || !third) && !(freed == other)")]
                public static void Release(bool freed, bool other, bool third)
                {
                }

                /// <summary>Frees the gather's tables.</summary>
                /// <remarks>
                /// Callers must make sure that <c>tlb.FreedTables &amp;&amp; (tlb.FullMm || !tlb.NeedFlushAll) &amp;&amp;
                /// !(tlb.FreedTables == tlb.FullMm)</c> holds before calling: <c>Release</c> requires it.
                /// </remarks>
                [RequiresCondition("tlb.FreedTables && (tlb.FullMm || !tlb.NeedFlushAll) && !(tlb.FreedTables == tlb.FullMm)")]
                public static void Free(MmuGather tlb)
                {
                    Release(tlb.FreedTables, tlb.FullMm, tlb.NeedFlushAll);
                }
            }
            """;
        return test.RunAsync();
    }
}
