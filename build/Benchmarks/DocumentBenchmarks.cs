using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using KernelModel.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KernelModel.Benchmarks;

/// <summary>
/// The per-keystroke cost in the IDE: after an edit of the largest sample-kernel document, the compiler's
/// diagnostics for it, and the analyzer's, each on a fresh compilation (nothing cached from the previous
/// keystroke). The difference between the two is what the analyzer adds.
/// </summary>
[MemoryDiagnoser]
public class DocumentBenchmarks
{
    private static readonly string[] _excluded = ["Run", "Configurations", "Linux70TlbFlush", "bin", "obj"];

    // The default configuration, sample-kernel/Configurations/X86_64: x86-64, the mm tree.
    private readonly CSharpParseOptions _parseOptions = new(
        LanguageVersion.Latest, DocumentationMode.Diagnose, SourceCodeKind.Regular, ["ARCH_HAS_TLB_TABLE_FLUSH_IMPLIES_IPI_BROADCAST", "CONFIG_X86_64"]);
    private Compilation _compilation = null!;
    private SyntaxTree _document = null!;
    private string _text = null!;

    /// <summary>The document, relative to sample-kernel/.</summary>
    public string Document { get; private set; } = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        string root = Path.Combine(BenchmarkCompilation.RepositoryRoot(), "sample-kernel");
        (string Path, string Text)[] sources = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(relative => !_excluded.Contains(relative.Split('/')[0]) && !relative.StartsWith("Arch/Powerpc/", System.StringComparison.Ordinal))
            .OrderBy(relative => relative, System.StringComparer.Ordinal)
            .Select(relative => (relative, File.ReadAllText(Path.Combine(root, relative))))
            .ToArray();
        (Document, _text) = sources.MaxBy(source => source.Text.Length);
        _compilation = BenchmarkCompilation.Create(sources, _parseOptions, "CS0162");
        _document = _compilation.SyntaxTrees.Single(tree => tree.FilePath == Document);
    }

    /// <summary>The compiler's own diagnostics for the edited document.</summary>
    /// <returns>How many.</returns>
    [Benchmark(Baseline = true)]
    public int CompilerDiagnostics() => Edited().GetSemanticModel(EditedTree).GetDiagnostics().Length;

    /// <summary>The analyzer's diagnostics for the edited document (TLB001/002/005/006).</summary>
    /// <returns>How many.</returns>
    [Benchmark]
    public async Task<int> AnalyzerDiagnostics()
    {
        Compilation compilation = Edited();
        CompilationWithAnalyzers analyzers = compilation.WithAnalyzers(
            ImmutableArray.Create<DiagnosticAnalyzer>(new TableFlushAnalyzer()),
            new CompilationWithAnalyzersOptions(new AnalyzerOptions([]), null, concurrentAnalysis: true, logAnalyzerExecutionTime: false));
        ImmutableArray<Diagnostic> diagnostics = await analyzers.GetAnalyzerSemanticDiagnosticsAsync(compilation.GetSemanticModel(EditedTree), null, default);
        return diagnostics.Length;
    }

    private SyntaxTree EditedTree { get; set; } = null!;

    /// <summary>The compilation after a keystroke: the document parsed anew, so no earlier binding is reused.</summary>
    private Compilation Edited()
    {
        EditedTree = CSharpSyntaxTree.ParseText(_text, _parseOptions, Document);
        return _compilation.ReplaceSyntaxTree(_document, EditedTree);
    }
}
