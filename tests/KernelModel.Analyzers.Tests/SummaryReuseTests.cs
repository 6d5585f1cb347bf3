using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using KernelModel.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.FlowAnalysis;

namespace KernelModel.Analyzers.Tests;

/// <summary>
/// Callee summaries kept from one compilation to the next (the editor's snapshots, <c>SummaryStore</c>): reused after
/// an edit inside a method body elsewhere, never after an edit that could change what the callee does — its own
/// body, a declaration its body binds to in another file, the configuration. Each test analyses successive
/// compilations that share their unchanged trees, as the IDE's do, and compares with what a fresh analysis reports.
/// </summary>
public class SummaryReuseTests
{
    private const string Api = """
        namespace Reuse;

        public sealed class MmuGather
        {
            public bool FreedTables;
        }

        public static partial class Mm
        {
            public static void FlushTlbMmRange(MmuGather tlb, bool freedTables) { }

            public static void TlbRemoveTableSyncOne() { }
        }
        """;

    private const string Helpers = """
        namespace Reuse;

        public static partial class Helpers
        {
            public static void Flush(MmuGather tlb) => Arch.Flush(tlb, 1);
        }
        """;

    private const string Arch = """
        namespace Reuse;

        public static partial class Arch
        {
            public static void Flush(MmuGather tlb, long level) => Mm.FlushTlbMmRange(tlb, freedTables: true);
        }
        """;

    private const string Caller = """
        namespace Reuse;

        public static class Caller
        {
            public static void Collapse(MmuGather tlb)
            {
                Helpers.Flush(tlb);
                Mm.TlbRemoveTableSyncOne();
            }

            public static void Other()
            {
                int x = 1;
            }
        }
        """;

    [Fact]
    public async Task An_edit_inside_a_body_elsewhere_reuses_the_summaries_of_unchanged_files_and_reports_the_same()
    {
        Snapshot first = await Snapshot.WarmAsync(Api, Helpers, Arch, Caller);

        Snapshot next = first.Edit("Caller.cs", Caller.Replace("int x = 1;", "int x = 3;"));
        Assert.Empty(await next.DiagnosticsOfAsync("Caller.cs"));
    }

    [Fact]
    public void The_engine_computes_no_summary_in_a_snapshot_whose_callees_are_all_in_unchanged_files()
    {
        Snapshot first = Snapshot.Of(Api, Helpers, Arch, Caller);
        Snapshot next = first.Edit("Caller.cs", Caller.Replace("int x = 1;", "int x = 2;"));
        Snapshot another = next.Edit("Caller.cs", Caller.Replace("int x = 1;", "int x = 3;"));

        // The store starts with the second compilation of a project, the first that shares trees with an earlier one (a
        // build never does): the first two snapshots compute their three summaries (Helpers.Flush, Arch.Flush inside it,
        // the sync's own body), the third computes none and takes the two that Collapse calls directly.
        Assert.Equal((3, 0), Engine.Run(first.Compilation, "Collapse").Counts);
        Assert.Equal((3, 0), Engine.Run(next.Compilation, "Collapse").Counts);
        Assert.Equal((0, 2), Engine.Run(another.Compilation, "Collapse").Counts);
    }

    [Fact]
    public async Task An_edit_of_the_callee_body_is_seen_at_once()
    {
        Snapshot first = await Snapshot.WarmAsync(Api, Helpers, Arch, Caller);

        // The flush loses its qualifying flag in Arch.cs; Caller.cs and Helpers.cs are the same trees as before.
        Snapshot next = first.Edit("Arch.cs", Arch.Replace("freedTables: true", "freedTables: false"));
        Assert.Equal(["TLB001"], await next.DiagnosticsOfAsync("Caller.cs"));
    }

    [Fact]
    public async Task A_new_declaration_in_another_file_that_changes_what_an_unchanged_callee_binds_to_is_seen_at_once()
    {
        // Helpers.Flush(tlb) calls Arch.Flush(tlb, 1) with an int argument: an overload taking int, declared in a third
        // file, wins over the one taking long and does not flush. Helpers.cs and Arch.cs stay the same trees.
        Snapshot first = await Snapshot.WarmAsync(Api, Helpers, Arch, Caller, "namespace Reuse;\n\npublic static partial class Arch\n{\n}\n");

        Snapshot next = first.Edit("Extra.cs", "namespace Reuse;\n\npublic static partial class Arch\n{\n    public static void Flush(MmuGather tlb, int level) { }\n}\n");
        Assert.Equal(["TLB001"], await next.DiagnosticsOfAsync("Caller.cs"));
    }

    [Fact]
    public async Task A_change_of_configuration_is_seen_at_once()
    {
        Snapshot first = await Snapshot.WarmAsync(Api, Helpers, Arch, Caller);

        // freedTables is no longer a flag that makes a flush qualify.
        Snapshot next = first.Edit("Caller.cs", Caller.Replace("int x = 1;", "int x = 2;"))
            .With(AnalysisSettings.Default.WithOption("tlb_analysis.flush_flag_parameters", "unsharedTables"));
        Assert.Equal(["TLB001"], await next.DiagnosticsOfAsync("Caller.cs"));
    }

    [Fact]
    public async Task A_callee_in_the_edited_file_whose_body_moved_is_reused_with_its_lines_moved()
    {
        const string same = """
            namespace Reuse;

            public static class Same
            {
                public static void CollapseHere(MmuGather tlb)
                {
                    int x = 1;
                    Weak(tlb);
                    Mm.TlbRemoveTableSyncOne();
                }

                private static void Weak(MmuGather tlb)
                {
                    Mm.FlushTlbMmRange(tlb, freedTables: false);
                }
            }
            """;
        Snapshot first = Snapshot.Of(Api, Helpers, Arch, Caller, same);
        Snapshot warm = first.Edit("Extra.cs", same.Replace("int x = 1;", "int x = 2;"));
        Snapshot next = warm.Edit("Extra.cs", same.Replace("int x = 1;", "int x = 3;\n\n\n// " + new string('-', 120)));
        Assert.Equal((2, 0), Engine.Run(first.Compilation, "CollapseHere").Counts);
        Assert.Equal((2, 0), Engine.Run(warm.Compilation, "CollapseHere").Counts);

        // Weak's body is unchanged but three lines and more than a line's length lower: its summary is reused, and the
        // flush it names is at line 17 now,
        // in the witness as in a fresh analysis and in what the analyzer reports.
        ((int Computed, int Reused) counts, string witness) = Engine.Run(next.Compilation, "CollapseHere");
        Assert.Equal((0, 2), counts);
        Assert.Contains("line 17", witness, System.StringComparison.Ordinal);
        Assert.Equal(Engine.Run(next.Compilation, "CollapseHere", reuse: false).Witness, witness);
        string message = Assert.Single(await next.MessagesOfAsync("Extra.cs", reuse: true));
        Assert.Equal(Assert.Single(await next.MessagesOfAsync("Extra.cs", reuse: false)), message);
        Assert.Contains("line 17", message, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("X86_64")]
    [InlineData("Linux70TlbFlush")]
    public async Task Every_sample_kernel_file_edited_between_bodies_reports_what_a_fresh_analysis_reports(string configuration)
    {
        // Each file in turn gets a long comment line in its middle, so every body after it moves down further than a line
        // is long, and is
        // analysed as the editor would right after the kernel was: with reuse (summaries of unchanged bodies, in this
        // file and the others, from the earlier snapshots, their lines moved), and with reuse switched off. The unsafe
        // mix has witnesses whose lines point into callees, so a line not moved would show.
        SampleKernelConfiguration build = SampleKernelConfiguration.Named(configuration);
        CSharpCompilation kernel = build.Compilation;
        _ = await AnalysisRunner.RunAsync(kernel, build.Settings, includeCompilerDiagnostics: false);
        AnalysisSettings fresh = build.Settings.WithOption(EngineOptions.ReuseSummariesKey, "false");
        var differences = new List<string>();
        int reported = 0;
        foreach (SyntaxTree tree in kernel.SyntaxTrees)
        {
            string text = tree.GetText().ToString();
            int at = text.IndexOf(";\n", text.Length / 2, System.StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }

            SyntaxTree edited = tree.WithChangedText(tree.GetText().Replace(at + 2, 0, "\n// " + new string('-', 120) + "\n"));
            CSharpCompilation next = kernel.ReplaceSyntaxTree(tree, edited);
            string[] reused = Describe(await AnalysisRunner.RunOnDocumentAsync(next, edited, build.Settings, includeCompilerDiagnostics: false));
            string[] computed = Describe(await AnalysisRunner.RunOnDocumentAsync(next, edited, fresh, includeCompilerDiagnostics: false));
            reported += computed.Length;
            if (!reused.SequenceEqual(computed))
            {
                differences.Add($"{tree.FilePath}: reused [{string.Join("; ", reused)}] vs fresh [{string.Join("; ", computed)}]");
            }
        }

        Assert.Empty(differences);
        Assert.True(configuration == "X86_64" ? reported == 0 : reported >= 4, $"{reported} diagnostics");
    }

    private static string[] Describe(AnalysisOutcome outcome)
    {
        Assert.False(outcome.AnalyzerFailed, outcome.DescribeAnalyzerFailures());
        return [.. outcome.RuleDiagnostics.Select(d => $"{d.Id} {d.Location.GetLineSpan()} {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}").Order()];
    }

    /// <summary>One editor snapshot: a compilation whose unchanged trees are the previous snapshot's objects.</summary>
    private sealed record Snapshot(CSharpCompilation Compilation, AnalysisSettings Settings)
    {
        private static readonly string[] _names = ["Api.cs", "Helpers.cs", "Arch.cs", "Caller.cs", "Extra.cs"];

        public static Snapshot Of(params string[] sources)
        {
            AnalysisSettings settings = AnalysisSettings.Default with { AssemblyName = "Reuse" + System.Guid.NewGuid().ToString("N") };
            return new Snapshot(
                AnalysisRunner.Compile(sources.Select((text, i) => AnalysisRunner.Parse(_names[i], text, settings)), settings),
                settings);
        }

        /// <summary>
        /// A snapshot analysed twice, before and after an edit inside Caller.Other's body: the store starts with the second
        /// compilation of a project, so the snapshot returned has its summaries stored for the next one.
        /// </summary>
        public static async Task<Snapshot> WarmAsync(params string[] sources)
        {
            Snapshot first = Of(sources);
            Assert.Empty(await first.DiagnosticsOfAsync("Caller.cs"));
            Snapshot warm = first.Edit("Caller.cs", Caller.Replace("int x = 1;", "int x = 2;"));
            Assert.Empty(await warm.DiagnosticsOfAsync("Caller.cs"));
            return warm;
        }

        public Snapshot Edit(string path, string text)
        {
            SyntaxTree old = Compilation.SyntaxTrees.Single(t => t.FilePath == path);
            return this with { Compilation = Compilation.ReplaceSyntaxTree(old, AnalysisRunner.Parse(path, text, Settings)) };
        }

        public Snapshot With(AnalysisSettings settings) => this with { Settings = settings with { AssemblyName = Settings.AssemblyName } };

        public async Task<string[]> MessagesOfAsync(string path, bool reuse)
        {
            SyntaxTree tree = Compilation.SyntaxTrees.Single(t => t.FilePath == path);
            AnalysisSettings settings = Settings.WithOption(EngineOptions.ReuseSummariesKey, reuse ? "true" : "false");
            AnalysisOutcome outcome = await AnalysisRunner.RunOnDocumentAsync(Compilation, tree, settings, includeCompilerDiagnostics: false);
            Assert.False(outcome.AnalyzerFailed, outcome.DescribeAnalyzerFailures());
            return [.. outcome.RuleDiagnostics.Where(d => d.Id == "TLB001").Select(d => $"{d.Location.GetLineSpan()}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}")];
        }

        public async Task<string[]> DiagnosticsOfAsync(string path)
        {
            SyntaxTree tree = Compilation.SyntaxTrees.Single(t => t.FilePath == path);
            AnalysisOutcome outcome = await AnalysisRunner.RunOnDocumentAsync(Compilation, tree, Settings, includeCompilerDiagnostics: false);
            Assert.False(outcome.AnalyzerFailed, outcome.DescribeAnalyzerFailures());
            Assert.DoesNotContain(Compilation.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);
            return [.. outcome.RuleDiagnostics.Where(d => d.Id != "TLB003" && d.Id != "TLB007").Select(d => d.Id)];
        }
    }

    /// <summary>The engine run directly on one method, to count the summaries a session took from an earlier compilation.</summary>
    private static class Engine
    {
        public static ((int Computed, int Reused) Counts, string Witness) Run(Compilation compilation, string methodName, bool reuse = true)
        {
            IMethodSymbol method = compilation.GetSymbolsWithName(methodName).OfType<IMethodSymbol>().Single();
            SyntaxNode declaration = method.DeclaringSyntaxReferences.Single().GetSyntax();
            EngineOptions options = EngineOptions.Read(key => key == EngineOptions.ReuseSummariesKey ? (reuse ? "true" : "false") : null, []);
            var session = new AnalysisSession(compilation, options);
            var body = (Microsoft.CodeAnalysis.Operations.IMethodBodyOperation)compilation.GetSemanticModel(declaration.SyntaxTree).GetOperation(declaration)!;
            MethodVerdicts verdicts = MethodAnalysis.Analyze(session, ControlFlowGraph.Create(body), method, default);
            string witness = string.Join(" | ", verdicts.GuardedCalls.Select(v => v.Witness?.Sentence ?? "proved"));
            return ((session.Summaries.Computed, session.SummariesReused), witness);
        }
    }
}
