using System;
using System.Linq;
using System.Text;
using System.Threading;
using KernelModel.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace KernelModel.Analyzers.Tests;

/// <summary>
/// Cancellation is honoured promptly (SPEC §11): when the IDE cancels the analysis of a huge method — because the
/// user typed again — the engine stops at once rather than finishing. Promptness is measured in work, not time:
/// the method calls thousands of distinct helpers, each needing its own summary, and the test counts how many
/// summaries were computed after the token was cancelled.
/// </summary>
public class CancellationTests
{
    private const int Helpers = 6000;

    /// <summary>A few summaries may already be under way when the token is cancelled; a prompt stop adds no more.</summary>
    private const int AllowedAfterCancellation = 3;

    [Fact]
    public void Analysis_of_a_huge_method_stops_promptly_when_cancelled()
    {
        (AnalysisSession session, ControlFlowGraph graph, IMethodSymbol method) = HugeMethod();
        using var cancellation = new CancellationTokenSource();

        // The analysis gets a thread of its own and this one watches it spinning, so that neither waits for the
        // thread pool, which other tests keep busy.
        Exception? thrown = null;
        var analysis = new Thread(
            () =>
            {
                try
                {
                    MethodAnalysis.Analyze(session, graph, method, cancellation.Token);
                }
                catch (Exception exception)
                {
                    thrown = exception;
                }
            });
        analysis.Start();
        while (session.Summaries.Computed < 10 && analysis.IsAlive)
        {
            Thread.SpinWait(20);
        }

        cancellation.Cancel();
        int atCancellation = session.Summaries.Computed;
        Assert.True(analysis.Join(TimeSpan.FromMinutes(2)), "the analysis did not stop within two minutes of cancellation");

        Assert.IsAssignableFrom<OperationCanceledException>(thrown);
        int extra = session.Summaries.Computed - atCancellation;
        Assert.True(
            extra <= AllowedAfterCancellation,
            $"{extra} summaries were computed after cancellation (of the {Helpers} a full run needs)");
        Assert.True(session.Summaries.Computed < Helpers / 2, $"the analysis ran to {session.Summaries.Computed} of {Helpers} summaries");
    }

    [Fact]
    public void Analysis_with_a_token_cancelled_beforehand_does_no_work()
    {
        (AnalysisSession session, ControlFlowGraph graph, IMethodSymbol method) = HugeMethod();
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => MethodAnalysis.Analyze(session, graph, method, cancellation.Token));
        Assert.Equal(0, session.Summaries.Computed);
    }

    /// <summary>
    /// A method that calls <see cref="Helpers"/> different helpers, each flagging the gather its own way, then
    /// syncs: a complete analysis computes one summary per helper.
    /// </summary>
    private static (AnalysisSession Session, ControlFlowGraph Graph, IMethodSymbol Method) HugeMethod()
    {
        (Compilation compilation, ControlFlowGraph graph, IMethodSymbol method) = _huge.Value;
        return (new AnalysisSession(compilation, EngineOptions.Default), graph, method);
    }

    private static readonly Lazy<(Compilation Compilation, ControlFlowGraph Graph, IMethodSymbol Method)> _huge = new(CompileHugeMethod);

    private static (Compilation Compilation, ControlFlowGraph Graph, IMethodSymbol Method) CompileHugeMethod()
    {
        var code = new StringBuilder("using static Cases.K;\n\nnamespace Cases.Huge;\n\npublic static class Huge\n{\n");
        for (int i = 0; i < Helpers; i++)
        {
            string flag = (i % 3) switch { 0 => "ClearedPtes", 1 => "ClearedPmds", _ => "FreedTables" };
            code.AppendLine($"    private static void Step{i}(MmuGather tlb, bool on) {{ if (on) {{ tlb.{flag} = !tlb.{flag}; }} }}");
        }

        code.AppendLine("    public static void Run(MmuGather tlb, bool on)\n    {");
        for (int i = 0; i < Helpers; i++)
        {
            code.AppendLine($"        Step{i}(tlb, on);");
        }

        code.AppendLine("        TlbFlushMmuTlbonly(tlb);\n        TlbRemoveTableSyncOne();\n    }\n}");

        AnalysisSettings settings = AnalysisSettings.Default with { AssemblyName = "Cases" };
        CSharpCompilation compilation = AnalysisRunner.Compile(
            [
                AnalysisRunner.Parse(ConformanceCases.ApiFile, ConformanceCases.Text(ConformanceCases.ApiFile), settings),
                AnalysisRunner.Parse("Huge.cs", code.ToString(), settings),
            ],
            settings);
        SyntaxTree tree = compilation.SyntaxTrees.Single(t => t.FilePath == "Huge.cs");
        SemanticModel model = compilation.GetSemanticModel(tree);
        MethodDeclarationSyntax run = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single(m => m.Identifier.ValueText == "Run");
        var body = (IMethodBodyOperation)model.GetOperation(run)!;
        return (compilation, ControlFlowGraph.Create(body), model.GetDeclaredSymbol(run)!);
    }
}
