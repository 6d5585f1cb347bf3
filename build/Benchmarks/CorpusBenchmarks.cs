using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using KernelModel.Analyzers;
using KernelModel.CorpusGenerator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KernelModel.Benchmarks;

/// <summary>
/// The analyzer against the compiler on whole generated corpora, in one process and on one thread, so that the
/// ratio does not depend on how busy the machine's other cores are (the `-p:ReportAnalyzer=true` figures of
/// build/measure-analyzer.sh sum the time of concurrent callbacks, which a loaded machine inflates). Each
/// iteration compiles a fresh compilation: the compiler's diagnostics of every method body as the baseline, then
/// the same plus the analyzer. Each operation takes seconds, so run it with few iterations:
/// <c>--filter '*CorpusBenchmarks*' --inProcess --launchCount 1 --warmupCount 1 --iterationCount 3</c>.
/// </summary>
[MemoryDiagnoser]
public class CorpusBenchmarks
{
    private ImmutableArray<(string Path, string Text)> _sources;

    /// <summary>Code files in the corpus (about 155 lines each).</summary>
    [Params(250, 1000)]
    public int Files { get; set; }

    /// <summary>The share of methods with guarded calls (0: code without any).</summary>
    [Params(0.0, 0.25)]
    public double GuardedShare { get; set; }

    [GlobalSetup]
    public void Setup() =>
        _sources = KernelModelCorpus.Generate(new CorpusOptions { Files = Files, GuardedShare = GuardedShare })
            .Select(file => (file.Path, file.Text))
            .ToImmutableArray();

    /// <summary>What the compiler alone does: bind, check and flow-analyse every method.</summary>
    /// <returns>How many diagnostics.</returns>
    [Benchmark(Baseline = true)]
    public int Compiler() => Fresh().GetDiagnostics().Length;

    /// <summary>The compiler's work plus the analyzer's, sequentially.</summary>
    /// <returns>How many diagnostics.</returns>
    [Benchmark]
    public async Task<int> CompilerAndAnalyzer()
    {
        Compilation compilation = Fresh();
        int compiler = compilation.GetDiagnostics().Length;
        CompilationWithAnalyzers analyzers = compilation.WithAnalyzers(
            ImmutableArray.Create<DiagnosticAnalyzer>(new TableFlushAnalyzer()),
            new CompilationWithAnalyzersOptions(new AnalyzerOptions([]), null, concurrentAnalysis: false, logAnalyzerExecutionTime: false));
        return compiler + (await analyzers.GetAnalyzerDiagnosticsAsync()).Length;
    }

    private Compilation Fresh() => BenchmarkCompilation.Create(_sources, new CSharpParseOptions(LanguageVersion.Latest));
}
