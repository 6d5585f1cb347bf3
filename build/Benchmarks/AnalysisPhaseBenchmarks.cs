using System;
using System.Collections.Generic;
using System.Linq;
using BenchmarkDotNet.Attributes;
using KernelModel.Analysis;
using KernelModel.CorpusGenerator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace KernelModel.Benchmarks;

/// <summary>
/// Where the analyzer's time goes on the 1,000-file generated corpus, one phase added at a time, each on a fresh copy
/// of the compilation (so nothing bound by an earlier iteration is reused): the operation trees of the bodies that
/// need checking; plus their control-flow graphs; plus the graphs of every source method they reach by calls; and the
/// whole analysis. The difference between the last two is the flow engine's own cost. The callee phase binds the
/// callees in models of their own, on a compilation nothing else has bound: that is not a floor a build pays (there the
/// compiler has bound the checked bodies already, and the analyzer reuses its trees through the driver's model); it
/// is the cost of callees whose files are not compiled yet (docs/performance.md).
/// </summary>
[MemoryDiagnoser]
public class AnalysisPhaseBenchmarks
{
    private readonly List<(string Path, int Start)> _bodies = [];
    private Compilation _compilation = null!;

    /// <summary>Code files in the corpus.</summary>
    [Params(1000)]
    public int Files { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _compilation = BenchmarkCompilation.Create(
            KernelModelCorpus.Generate(new CorpusOptions { Files = Files }).Select(file => (file.Path, file.Text)),
            new CSharpParseOptions(LanguageVersion.Latest));
        foreach ((MethodDeclarationSyntax declaration, _, _) in CheckedBodies.Find(_compilation))
        {
            _bodies.Add((declaration.SyntaxTree.FilePath, declaration.SpanStart));
        }

        Console.WriteLine($"// {_bodies.Count} method bodies need checking");
    }

    /// <summary>Operation trees of the bodies that need checking.</summary>
    /// <returns>How many.</returns>
    [Benchmark(Baseline = true)]
    public int OperationTrees() => Run(_compilation.Clone(), (_, _, _) => 0);

    /// <summary>Operation trees and control-flow graphs of those bodies.</summary>
    /// <returns>Blocks built.</returns>
    [Benchmark]
    public int Graphs() => Run(_compilation.Clone(), (_, _, body) => ControlFlowGraph.Create(body).Blocks.Length);

    /// <summary>Plus the graph of every source method reachable from them by calls, each bound in a model of its own.</summary>
    /// <returns>Callee graphs built.</returns>
    [Benchmark]
    public int CalleeGraphs()
    {
        Compilation compilation = _compilation.Clone();
        var session = new AnalysisSession(compilation, EngineOptions.Default);
        var seen = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        return Run(compilation, (_, _, body) => Benchmarks.CalleeGraphs.Build(session, ControlFlowGraph.Create(body), seen, default));
    }

    /// <summary>The whole analysis of those bodies, with a fresh session (summaries computed on first use).</summary>
    /// <returns>Guarded calls judged.</returns>
    [Benchmark]
    public int Analysis()
    {
        Compilation compilation = _compilation.Clone();
        var session = new AnalysisSession(compilation, EngineOptions.Default);
        return Run(compilation, (method, _, body) => MethodAnalysis.Analyze(session, ControlFlowGraph.Create(body), method, default).GuardedCalls.Length);
    }

    private int Run(Compilation compilation, Func<IMethodSymbol, SemanticModel, IMethodBodyOperation, int> phase)
    {
        var trees = compilation.SyntaxTrees.ToDictionary(tree => tree.FilePath);
        var models = new Dictionary<string, SemanticModel>();
        int total = 0;
        foreach ((string path, int start) in _bodies)
        {
            if (!models.TryGetValue(path, out SemanticModel? model))
            {
                model = compilation.GetSemanticModel(trees[path]);
                models[path] = model;
            }

            var declaration = (MethodDeclarationSyntax)trees[path].GetRoot().FindToken(start).Parent!.AncestorsAndSelf().First(n => n is MethodDeclarationSyntax);
            var body = (IMethodBodyOperation)model.GetOperation(declaration)!;
            total += 1 + phase(model.GetDeclaredSymbol(declaration)!, model, body);
        }

        return total;
    }
}
