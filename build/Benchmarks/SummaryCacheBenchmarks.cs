using System;
using System.Collections.Generic;
using System.Linq;
using BenchmarkDotNet.Attributes;
using KernelModel.Analysis;
using KernelModel.CorpusGenerator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace KernelModel.Benchmarks;

/// <summary>
/// The summary cache on a 100-file generated corpus: every method with a guarded call or contract analysed once
/// with a fresh session (each callee summarised and its graph built the first time it is called, then reused
/// across methods) and again with a session that has already seen them all (every summary a hit).
/// </summary>
[MemoryDiagnoser]
public class SummaryCacheBenchmarks
{
    private readonly List<(IMethodSymbol Method, ControlFlowGraph Graph)> _methods = [];
    private Compilation _compilation = null!;
    private AnalysisSession _warm = null!;

    [GlobalSetup]
    public void Setup()
    {
        _compilation = BenchmarkCompilation.Create(
            KernelModelCorpus.Generate(new CorpusOptions { Files = 100 }).Select(file => (file.Path, file.Text)),
            new CSharpParseOptions(LanguageVersion.Latest));
        foreach ((_, IMethodSymbol method, IMethodBodyOperation body) in CheckedBodies.Find(_compilation))
        {
            _methods.Add((method, ControlFlowGraph.Create(body)));
        }

        _warm = new AnalysisSession(_compilation, EngineOptions.Default);
        int computed = AnalyzeAll(_warm);
        AnalyzeAll(_warm);
        Console.WriteLine($"// {_methods.Count} methods analysed; a cold pass computes {computed} summaries, a warm pass {_warm.Summaries.Computed - computed}");
    }

    /// <summary>Every method, with a fresh session: summaries and callee graphs are computed on first use.</summary>
    /// <returns>Summaries computed.</returns>
    [Benchmark(Baseline = true)]
    public int ColdSession() => AnalyzeAll(new AnalysisSession(_compilation, EngineOptions.Default));

    /// <summary>Every method, with a session that has seen them all: every summary is a cache hit.</summary>
    /// <returns>Summaries computed (none).</returns>
    [Benchmark]
    public int WarmSession()
    {
        int before = _warm.Summaries.Computed;
        AnalyzeAll(_warm);
        return _warm.Summaries.Computed - before;
    }

    private int AnalyzeAll(AnalysisSession session)
    {
        foreach ((IMethodSymbol method, ControlFlowGraph graph) in _methods)
        {
            MethodAnalysis.Analyze(session, graph, method, default);
        }

        return session.Summaries.Computed;
    }
}
