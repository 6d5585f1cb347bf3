using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KernelModel.AnalyzerShare;

/// <summary>
/// The per-keystroke cost in the editor: a one-character edit inside a method body of a sample-kernel document, then on
/// a fresh compilation (the edited tree replacing the old one, as the IDE's next snapshot) the semantic diagnostics
/// of that document — the compiler's, an empty analyzer's with the product's registrations, and the product's. Each
/// is timed on its own fresh compilation, so none reuses another's binding (the product's summaries of unchanged
/// bodies are kept from its previous keystroke, as in the editor). Times are the process's CPU time (the kernel's process
/// clock), which a busy machine inflates far less than wall time; the analyzer's own time is the product's minus the empty analyzer's, per edit.
/// Prints one markdown row per document.
/// </summary>
internal sealed class Keystrokes(ProductAnalyzers product, string sampleKernel, int edits, int memoryEdits, AnalyzerOptions options)
{
    private static readonly string[] _documents = ["Mm/Khugepaged.cs", "Mm/MmuGather.cs", "Mm/Hugetlb.cs"];

    public void Run()
    {
        // The x86-64 configuration, as Configurations/X86_64 builds it (SampleKernel.props): every source but the
        // projects' folders and the powerpc architecture, with its defines.
        var inputs = new Inputs(
            sampleKernel, references: true, ["CONFIG_X86_64", "ARCH_HAS_TLB_TABLE_FLUSH_IMPLIES_IPI_BROADCAST"], product.Generators,
            ["Run", "Configurations", "Linux70TlbFlush", "Powerpc"], "CS0162");
        Compilation baseline = inputs.Fresh();
        Diagnostic? error = baseline.GetDiagnostics().FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error);
        if (error is not null)
        {
            // A keystroke loop over code that does not compile measures nothing the editor would show.
            throw new InvalidOperationException($"the sample kernel does not compile as the keystroke loop builds it: {error}");
        }
        foreach (string document in _documents)
        {
            SyntaxTree original = baseline.SyntaxTrees.Single(tree => tree.FilePath == document);
            var compiler = new List<double>();
            var empty = new List<double>();
            var analyzer = new List<double>();
            var own = new List<double>();
            var wall = new List<double>();
            int reported = 0;
            for (int edit = 0; edit < edits; edit++)
            {
                compiler.Add(Cost.Of(() => Edited(baseline, original, inputs, edit, out SyntaxTree tree).GetSemanticModel(tree).GetDiagnostics()).ClockMs);
                Cost alone = Cost.Of(() => Analyze(baseline, original, inputs, edit, EmptyAnalyzers.PerTree, options));
                Cost with = Cost.Of(() => reported = Analyze(baseline, original, inputs, edit, product.Analyzers, options).Count(d => d.Id.StartsWith("TLB", StringComparison.Ordinal)));
                empty.Add(alone.ClockMs);
                analyzer.Add(with.ClockMs);
                own.Add(with.ClockMs - alone.ClockMs);
                wall.Add(with.WallMs);
            }

            // The first edits warm the JIT; the figures are over the rest.
            int skip = Math.Min(5, edits / 4);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {document} | {compiler.Skip(skip).Median():F1} | {empty.Skip(skip).Median():F1} | {analyzer.Skip(skip).Median():F1} | {own.Skip(skip).Median():F1} | {own.Skip(skip).Max():F1} | {wall.Skip(skip).Median():F1} | {reported} |"));
        }

        if (memoryEdits > 0)
        {
            SyntaxTree original = baseline.SyntaxTrees.Single(tree => tree.FilePath == _documents[0]);
            long after10 = 0;
            for (int edit = 0; edit < memoryEdits; edit++)
            {
                Analyze(baseline, original, inputs, edit, product.Analyzers, options);
                if (edit == 9)
                {
                    after10 = GC.GetTotalMemory(forceFullCollection: true);
                }
            }

            long end = GC.GetTotalMemory(forceFullCollection: true);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"memory after 10 edits of {_documents[0]}: {after10 / 1048576.0:F1} MB; after {memoryEdits}: {end / 1048576.0:F1} MB"));
        }
    }

    private static ImmutableArray<Diagnostic> Analyze(Compilation baseline, SyntaxTree original, Inputs inputs, int edit, ImmutableArray<DiagnosticAnalyzer> analyzers, AnalyzerOptions options)
    {
        Compilation compilation = Edited(baseline, original, inputs, edit, out SyntaxTree tree);
        return compilation
            .WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(options, null, concurrentAnalysis: false, logAnalyzerExecutionTime: false))
            .GetAnalyzerSemanticDiagnosticsAsync(compilation.GetSemanticModel(tree), null, default)
            .GetAwaiter().GetResult();
    }

    /// <summary>The compilation after keystroke <paramref name="edit"/>: a space typed after a statement in the middle of the file, or removed again.</summary>
    private static Compilation Edited(Compilation baseline, SyntaxTree original, Inputs inputs, int edit, out SyntaxTree tree)
    {
        string text = original.GetText().ToString();
        int at = text.IndexOf(";\n", text.Length / 2, StringComparison.Ordinal) + 1;
        string edited = edit % 2 == 0 ? text.Insert(at, " ") : text.Insert(at, "  ");
        tree = CSharpSyntaxTree.ParseText(edited, inputs.ParseOptions, original.FilePath);
        return baseline.ReplaceSyntaxTree(original, tree);
    }
}
