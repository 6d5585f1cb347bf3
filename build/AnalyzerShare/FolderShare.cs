using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KernelModel.AnalyzerShare;

/// <summary>
/// The analyzers' share of the compiler's own CPU time (declarations and bodies, no emit) on a folder of C#. Each
/// repetition compiles the folder afresh with the compiler alone, then through the analyzer driver with an analyzer
/// that registers nothing, with each set of empty analyzers and with the product, one thread each. A set's share is
/// its CPU time minus the registers-nothing run's, over the compiler's alone, in the same repetition: what the set
/// adds to a build that runs analyzers at all. Warm is the median over the repetitions after the first; cold is the
/// first repetition, in which the set's code and the driver paths it exercises are jitted (the compiler's and the
/// driver's basic paths are jitted by the runs before it). Prints one markdown row.
/// </summary>
internal sealed class FolderShare(ProductAnalyzers product, string folder, string name, bool references, IEnumerable<string> defines, int runs, bool empties = true)
{
    public void Run()
    {
        var inputs = new Inputs(folder, references, defines, product.Generators);
        var sets = new List<(string Name, ImmutableArray<DiagnosticAnalyzer> Analyzers)>
        {
            ("empty, per-member registrations", EmptyAnalyzers.PerMember),
            ("empty, per-tree registration", EmptyAnalyzers.PerTree),
            ("product", product.Analyzers),
        };
        var compiler = new List<double>();
        var nothing = new List<double>();
        var shares = sets.ToDictionary(set => set.Name, _ => new List<double>());
        ImmutableArray<Diagnostic> reported = [];
        if (!empties)
        {
            // Measured once for every version: they do not depend on the product.
            sets.RemoveRange(0, 2);
        }
        for (int run = 0; run < runs; run++)
        {
            Cost alone = Cost.Of(() => inputs.Fresh().GetDiagnostics());
            compiler.Add(alone.CpuMs);
            Cost driver = Cost.Of(() => inputs.Fresh()
                .WithAnalyzers(EmptyAnalyzers.Nothing, new CompilationWithAnalyzersOptions(new AnalyzerOptions([]), null, concurrentAnalysis: false, logAnalyzerExecutionTime: false))
                .GetAllDiagnosticsAsync().GetAwaiter().GetResult());
            nothing.Add(driver.CpuMs);
            Console.Error.Write($"  {name} run {run + 1}: compiler {alone.CpuMs:F0} ms, driver alone {driver.CpuMs:F0} ms");
            foreach ((string setName, ImmutableArray<DiagnosticAnalyzer> analyzers) in sets)
            {
                // The product gets trees parsed afresh, as every build does: with the same tree objects as the previous
                // repetition it would take the callee summaries that repetition kept (SummaryStore), as an editor does.
                ImmutableArray<Diagnostic> diagnostics = [];
                IEnumerable<SyntaxTree>? trees = setName == "product" ? inputs.Reparsed() : null;
                Cost with = Cost.Of(() => diagnostics = inputs.Fresh(trees)
                    .WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(new AnalyzerOptions([]), null, concurrentAnalysis: false, logAnalyzerExecutionTime: false))
                    .GetAllDiagnosticsAsync().GetAwaiter().GetResult());
                shares[setName].Add((with.CpuMs - driver.CpuMs) / alone.CpuMs);
                Console.Error.Write($", {setName} {with.CpuMs:F0} ms");
                if (setName == "product")
                {
                    reported = diagnostics;
                }
            }

            Console.Error.WriteLine();
        }

        string Share(List<double> values) => values.Count == 0 ? "–" : string.Create(
            CultureInfo.InvariantCulture, $"{100 * values[0]:F1}% / {100 * values.Skip(1).Median():F1}%");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {inputs.Trees.Length} | {inputs.Lines} | {compiler.Skip(1).Median():F0} | {100 * nothing.Zip(compiler, (d, c) => (d - c) / c).Skip(1).Median():F1}% | {(empties ? "" : "– | – | ")}{string.Join(" | ", sets.Select(set => Share(shares[set.Name])))} | {Findings(reported)} |"));
    }

    /// <summary>The TLB diagnostics, by rule, and how they compare with a generated corpus's expected.tsv.</summary>
    private string Findings(ImmutableArray<Diagnostic> diagnostics)
    {
        Diagnostic[] tlb = diagnostics.Where(d => d.Id.StartsWith("TLB", StringComparison.Ordinal)).ToArray();
        var crashes = diagnostics.Count(d => d.Id == "AD0001");
        string counts = tlb.Length == 0
            ? "no TLB diagnostics"
            : string.Join(", ", tlb.GroupBy(d => d.Id).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}"));
        if (crashes > 0)
        {
            counts += $", {crashes} AD0001";
        }

        string expectations = Path.Combine(folder, "expected.tsv");
        if (!File.Exists(expectations))
        {
            return counts;
        }

        var expected = File.ReadAllLines(expectations).Where(line => line.Length > 0).ToHashSet(StringComparer.Ordinal);
        var found = tlb.Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .Select(d => $"{d.Location.SourceTree?.FilePath}\t{d.Location.GetLineSpan().StartLinePosition.Line + 1}\t{d.Id}")
            .ToHashSet(StringComparer.Ordinal);
        return $"{counts}; {expected.Count(found.Contains)} of {expected.Count} seeded found, {found.Count(f => !expected.Contains(f))} false";
    }
}
