using System;
using System.Collections.Immutable;
using System.Text;
using System.Threading.Tasks;

namespace KernelModel.Analyzers.Tests;

/// <summary>
/// Inputs built to break a path-sensitive, interprocedural analysis: very long and very deeply nested bodies, more
/// independent flags than any state bound, recursion rings, call chains far deeper than the summary bound, goto
/// mazes and deeply nested lambdas. Each must finish without an exception and still report exactly the seeded
/// violations (<c>// expect:</c> comments), which is what shows the engine's bounds — states per point, summary
/// depth, recursion cuts, visits per block — did their job rather than the input being ignored. The timeout is
/// only a safety net against a hang; nothing here measures time.
/// </summary>
public class PathologicalInputTests
{
    private const int SafetyTimeout = 120_000;

    private const string Header = """
        using System;
        using static Cases.K;

        namespace Cases.Pathological;

        """;

    [Fact(Timeout = SafetyTimeout)]
    public Task Method_of_five_thousand_statements()
    {
        var code = new StringBuilder();
        foreach ((string name, bool flush) in new[] { ("LongWithFlush", true), ("LongWithoutFlush", false) })
        {
            code.AppendLine($"public static class {name}");
            code.AppendLine("{");
            code.AppendLine("    public static int Run(MmuGather tlb, VmAreaStruct vma, int n)");
            code.AppendLine("    {");
            code.AppendLine("        int x = n;");
            code.AppendLine(flush ? "        FlushTlbMm(vma.VmMm);" : "        FlushTlbPage(vma, vma.VmStart);");
            for (int i = 0; i < 5000; i++)
            {
                code.AppendLine((i % 4) switch
                {
                    0 => $"        x += {i};",
                    1 => $"        if (x > {i}) {{ x--; }}",
                    2 => $"        tlb.ClearedPtes = x > {i};",
                    _ => $"        tlb.Start += (ulong)x;",
                });
            }

            code.AppendLine(flush ? "        TlbRemoveTableSyncOne();" : "        TlbRemoveTableSyncOne(); // expect: TLB001");
            code.AppendLine("        return x;");
            code.AppendLine("    }");
            code.AppendLine("}");
        }

        return AssertExactlyExpectedAsync(code.ToString());
    }

    [Fact(Timeout = SafetyTimeout)]
    public Task Two_hundred_nested_ifs()
    {
        const int Depth = 200;
        var code = new StringBuilder("public static class Nested\n{\n    public static void Run(MmStruct mm, int n)\n    {\n");
        for (int i = 0; i < Depth; i++)
        {
            code.AppendLine($"        bool b{i} = n > {i};");
        }

        for (int i = 0; i < Depth; i++)
        {
            code.AppendLine($"{Indent(i)}if (b{i})");
            code.AppendLine($"{Indent(i)}{{");
        }

        code.AppendLine($"{Indent(Depth)}FlushTlbMm(mm);");
        code.AppendLine($"{Indent(Depth)}TlbRemoveTableSyncOne();");
        for (int i = Depth - 1; i >= 0; i--)
        {
            code.AppendLine($"{Indent(i)}}}");
        }

        code.AppendLine("        TlbRemoveTableSyncOne(); // expect: TLB001");
        code.AppendLine("    }\n}");
        return AssertExactlyExpectedAsync(code.ToString());

        static string Indent(int level) => new(' ', 8 + Math.Min(level, 40));
    }

    [Fact(Timeout = SafetyTimeout)]
    public Task Sixty_four_independent_flags_on_one_gather()
    {
        const int Flags = 64;
        var code = new StringBuilder("public sealed class WideGather\n{\n    public MmStruct Mm = new();\n    public bool FreedTables;\n");
        for (int i = 0; i < Flags; i++)
        {
            code.AppendLine($"    public bool F{i};");
        }

        code.AppendLine("}\n\npublic static class Wide\n{");
        code.AppendLine("    private static void Flush(WideGather g) => FlushTlbMmRange(g.Mm, 0, TlbFlushAll, 0, g.FreedTables);\n");

        // 2^64 paths: only the state bound keeps this finite. Whether FreedTables is known must survive the joins.
        foreach ((string name, string before, string after, string? expect) in new[]
        {
            ("SetBefore", "g.FreedTables = true;", string.Empty, (string?)null),
            ("SetAfter", string.Empty, "g.FreedTables = true;", null),
            ("SetOnOnePath", "if (n > 100) { g.FreedTables = true; }", string.Empty, "TLB001"),
            ("NeverSet", "g.FreedTables = false;", string.Empty, "TLB001"),
        })
        {
            code.AppendLine($"    public static void {name}(WideGather g, int n)");
            code.AppendLine("    {");
            code.AppendLine($"        {before}");
            for (int i = 0; i < Flags; i++)
            {
                code.AppendLine($"        if (n > {i}) {{ g.F{i} = true; }} else {{ g.F{i} = false; }}");
            }

            code.AppendLine($"        {after}");
            code.AppendLine("        Flush(g);");
            code.AppendLine(expect is null ? "        TlbRemoveTableSyncOne();" : $"        TlbRemoveTableSyncOne(); // expect: {expect}");
            code.AppendLine("    }\n");
        }

        code.AppendLine("}");
        return AssertExactlyExpectedAsync(code.ToString());
    }

    [Fact(Timeout = SafetyTimeout)]
    public Task Ring_of_fifty_mutually_recursive_helpers()
    {
        const int Ring = 50;
        var code = new StringBuilder("public static class Rings\n{\n");
        for (int i = 0; i < Ring; i++)
        {
            int next = (i + 1) % Ring;
            int skip = (i + 2) % Ring;

            // Flushes only at the bottom of the recursion: through the ring, that is not provable.
            code.AppendLine($"    private static void Late{i}(MmStruct mm, int n) {{ if (n > 0) {{ Late{next}(mm, n - 1); }} else {{ FlushTlbMm(mm); }} }}");

            // Flushes first, then recurses twice: every path flushes, whatever the recursion does.
            code.AppendLine($"    private static void Early{i}(MmStruct mm, int n) {{ FlushTlbMm(mm); if (n > 0) {{ Early{next}(mm, n - 1); Early{skip}(mm, n - 2); }} }}");

            // Three recursive calls each: recomputing stack-dependent summaries per call would take 3^16 runs.
            code.AppendLine($"    private static void Triple{i}(MmStruct mm, int n) {{ if (n > 0) {{ Triple{next}(mm, n - 1); Triple{skip}(mm, n - 2); Triple{(i + 3) % Ring}(mm, n - 3); }} FlushTlbMm(mm); }}");
        }

        code.AppendLine("    public static void CallsLate(MmStruct mm) { Late0(mm, 10); TlbRemoveTableSyncOne(); } // expect: TLB001");
        code.AppendLine("    public static void CallsEarly(MmStruct mm) { Early0(mm, 10); TlbRemoveTableSyncOne(); }");
        code.AppendLine("    public static void CallsEarlyMidRing(MmStruct mm) { Early25(mm, 3); TlbRemoveTableSyncRcu(); }");
        code.AppendLine("    public static void CallsTriple(MmStruct mm) { Triple0(mm, 10); TlbRemoveTableSyncOne(); }");
        code.AppendLine("}");
        return AssertExactlyExpectedAsync(code.ToString());
    }

    [Theory(Timeout = SafetyTimeout)]
    [InlineData(null)]
    [InlineData("64")]
    public Task Summary_chain_ten_thousand_calls_deep(string? maxSummaryDepth)
    {
        const int Length = 10_000;
        var code = new StringBuilder("public static class Chain\n{\n");
        for (int i = 0; i < Length - 1; i++)
        {
            code.AppendLine($"    private static void C{i}(MmStruct mm) => C{i + 1}(mm);");
        }

        code.AppendLine($"    private static void C{Length - 1}(MmStruct mm) => FlushTlbMm(mm);");

        // The flush is 10,000 calls away, far past any summary depth: the call is unknown, so the sync is reported.
        code.AppendLine("    public static void Deep(MmStruct mm) { C0(mm); TlbRemoveTableSyncOne(); } // expect: TLB001");

        // Near the end of the chain the flush is within the bound and proves the sync.
        code.AppendLine($"    public static void Shallow(MmStruct mm) {{ C{Length - 4}(mm); TlbRemoveTableSyncOne(); }}");
        code.AppendLine("}");
        AnalysisSettings settings = maxSummaryDepth is null ? CaseSettings : CaseSettings.WithOption("tlb_analysis.max_summary_depth", maxSummaryDepth);
        return AssertExactlyExpectedAsync(code.ToString(), settings);
    }

    [Fact(Timeout = SafetyTimeout)]
    public Task Method_full_of_goto_loops()
    {
        const int Labels = 60;
        var random = new Random(60);
        var code = new StringBuilder();
        foreach ((string name, bool flushFirst) in new[] { ("MazeFlushedFirst", true), ("MazeFlushedInside", false) })
        {
            code.AppendLine($"public static class {name}\n{{\n    public static int Run(MmStruct mm, int n)\n    {{\n        int i = 0;\n        bool seen = false;");
            if (flushFirst)
            {
                code.AppendLine("        FlushTlbMm(mm);");
            }

            for (int label = 0; label < Labels; label++)
            {
                int forward = random.Next(Labels);
                int backward = random.Next(label + 1);
                code.AppendLine($"    L{label}:");
                code.AppendLine("        i++;");
                code.AppendLine($"        seen = !seen;");
                if (label == Labels / 2)
                {
                    code.AppendLine("        FlushTlbMm(mm);");
                }

                code.AppendLine($"        if (i > n) goto Done;");
                code.AppendLine($"        if (seen) goto L{backward};");
                code.AppendLine($"        if (i % 3 == 0) goto L{forward};");
            }

            code.AppendLine("        goto L0;");
            code.AppendLine("    Done:");
            code.AppendLine(flushFirst ? "        TlbRemoveTableSyncOne();" : "        TlbRemoveTableSyncOne(); // expect: TLB001");
            code.AppendLine("        return i;\n    }\n}");
        }

        return AssertExactlyExpectedAsync(code.ToString());
    }

    [Fact(Timeout = SafetyTimeout)]
    public Task Lambda_nested_fifty_deep()
    {
        const int Depth = 50;
        var code = new StringBuilder("public static class Lambdas\n{\n    public static void Run(MmStruct mm)\n    {\n        FlushTlbMm(mm);\n");
        for (int i = 0; i < Depth; i++)
        {
            code.AppendLine($"        Action a{i} = () =>");
            code.AppendLine("        {");
        }

        // Lambdas may run at any time, so the flush outside does not count; the one inside does.
        code.AppendLine("        TlbRemoveTableSyncOne(); // expect: TLB001");
        code.AppendLine("        FlushTlbMm(mm);");
        code.AppendLine("        TlbRemoveTableSyncRcu();");
        for (int i = Depth - 1; i >= 0; i--)
        {
            code.AppendLine("        };");
            code.AppendLine($"        a{i}();");
        }

        code.AppendLine("        TlbRemoveTableSyncOne();\n    }\n}");
        return AssertExactlyExpectedAsync(code.ToString());
    }

    private static AnalysisSettings CaseSettings { get; } = (AnalysisSettings.Default with { AssemblyName = "Cases" }).WithoutPromiseSuggestions();

    private static async Task AssertExactlyExpectedAsync(string body, AnalysisSettings? settings = null)
    {
        const string Path = "Pathological.cs";
        string text = Header + body;
        AnalysisOutcome outcome = await AnalysisRunner.RunAsync(
            [(ConformanceCases.ApiFile, ConformanceCases.Text(ConformanceCases.ApiFile)), (Path, text)],
            settings ?? CaseSettings);

        ImmutableHashSet<ExpectedDiagnostic> expected = ExpectComments.Parse(text);
        Assert.NotEmpty(expected);
        FileDiagnostics.AssertExactly(outcome, Path, expected);
        Assert.DoesNotContain(outcome.RuleDiagnostics, d => d.Location.SourceTree?.FilePath != Path);
    }
}
