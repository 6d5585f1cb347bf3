using System.Linq;
using System.Text;
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
/// The engine on one method of growing size and state count: <see cref="Statements"/> statements, half of them
/// branches that toggle one of <see cref="Flags"/> bool flags on a gather, then a flush through a helper and a
/// sync. More flags means more distinct abstract states per point, up to the state bound (16).
/// </summary>
[MemoryDiagnoser]
public class EngineBenchmarks
{
    private Compilation _compilation = null!;
    private ControlFlowGraph _graph = null!;
    private IMethodSymbol _method = null!;

    /// <summary>Statements in the method.</summary>
    [Params(100, 1000, 5000)]
    public int Statements { get; set; }

    /// <summary>Independent bool flags the branches write.</summary>
    [Params(1, 16, 64)]
    public int Flags { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var code = new StringBuilder("using Corpus.Model;\nusing static Corpus.Model.K;\n\nnamespace Bench;\n\n");
        code.AppendLine("public sealed class WideGather\n{\n    public MmStruct Mm = new();\n    public bool FreedTables;");
        for (int i = 0; i < Flags; i++)
        {
            code.AppendLine($"    public bool F{i};");
        }

        code.AppendLine("}\n\npublic static class Subject\n{");
        code.AppendLine("    private static void Flush(WideGather g) => FlushTlbMmRange(g.Mm, 0, TlbFlushAll, 0, g.FreedTables);\n");
        code.AppendLine("    public static void Run(WideGather g, int n)\n    {\n        g.FreedTables = true;");
        for (int i = 0; i < Statements; i++)
        {
            code.AppendLine(i % 2 == 0 ? $"        if (n > {i}) {{ g.F{i % Flags} = !g.F{i % Flags}; }}" : $"        n += {i};");
        }

        code.AppendLine("        Flush(g);\n        TlbRemoveTableSyncOne();\n    }\n}");
        CorpusFile api = KernelModelCorpus.Generate(new CorpusOptions { Files = 1 })[0];
        _compilation = BenchmarkCompilation.Create([(api.Path, api.Text), ("Subject.cs", code.ToString())], new CSharpParseOptions(LanguageVersion.Latest));
        SyntaxTree tree = _compilation.SyntaxTrees.Single(t => t.FilePath == "Subject.cs");
        SemanticModel model = _compilation.GetSemanticModel(tree);
        MethodDeclarationSyntax run = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single(m => m.Identifier.ValueText == "Run");
        _graph = ControlFlowGraph.Create((IMethodBodyOperation)model.GetOperation(run)!);
        _method = model.GetDeclaredSymbol(run)!;
    }

    /// <summary>One analysis with a fresh session, as after an edit: the helper's summary is computed anew.</summary>
    /// <returns>The verdicts (the sync is proved).</returns>
    [Benchmark]
    public MethodVerdicts Analyze() => MethodAnalysis.Analyze(new AnalysisSession(_compilation, EngineOptions.Default), _graph, _method, default);
}
