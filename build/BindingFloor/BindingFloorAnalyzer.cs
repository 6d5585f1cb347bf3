using System.Collections.Generic;
using System.Collections.Immutable;
using KernelModel.Analysis;
using KernelModel.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace KernelModel.BindingFloor;

/// <summary>
/// The cost floor of a control-flow-graph analysis of the TLB rule: for each body the prefilter lets through and
/// that has a checked call (<see cref="AnalysisSession.HasCheckedCall"/>, the analyzer's own test), its operation
/// tree and graph, and the graph of every source method reachable from it by calls (what summaries need). It reports nothing; its time in <c>-p:ReportAnalyzer=true</c> is the part of
/// <c>TableFlushAnalyzer</c>'s time that no faster engine could remove.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class BindingFloorAnalyzer : DiagnosticAnalyzer
{
    // A warning, though never reported: the command-line compiler skips analyzers whose every rule is hidden.
    private static readonly DiagnosticDescriptor _never = new(
        "FLOOR001", "Never reported", "Never reported", "Measurement", DiagnosticSeverity.Warning, isEnabledByDefault: true);

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(_never);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var session = new AnalysisSession(start.Compilation, EngineOptions.Default);
            var filter = new CallNameFilter(start.Compilation);
            start.RegisterCodeBlockAction(block => Bind(block, session, filter));
        });
    }

    private static void Bind(CodeBlockAnalysisContext context, AnalysisSession session, CallNameFilter filter)
    {
        if (context.OwningSymbol is not IMethodSymbol || !filter.MayCallGuarded(context.CodeBlock, session.Options))
        {
            return;
        }

        IOperation? body = context.SemanticModel.GetOperation(context.CodeBlock, context.CancellationToken);
        if (body is not IMethodBodyOperation { BlockBody: not null } method ||
            !session.HasCheckedCall(body))
        {
            return;
        }

        // Per body, as the analyzer's summaries would be per call; the session's cache makes each graph once.
        var seen = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        CalleeGraphs.Build(session, ControlFlowGraph.Create(method, context.CancellationToken), seen, context.CancellationToken);
    }
}
