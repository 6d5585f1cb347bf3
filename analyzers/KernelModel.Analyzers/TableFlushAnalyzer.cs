using System.Collections.Immutable;
using System.Linq;
using KernelModel.Analysis;
using KernelModel.Analysis.Contracts;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace KernelModel.Analyzers;

/// <summary>
/// Runs the flow engine once per method for TLB001, TLB002 and TLB005, reports malformed contracts (TLB006)
/// and invalid configuration (TLB000). See docs/rules/ for each rule.
/// </summary>
/// <remarks>
/// A method's control-flow graph is built only when its body contains a guarded call, a call with a
/// required condition, or carries an Ensures obligation; everything else costs one pass over its
/// invocations. Nothing is reported at compilation end, so every diagnostic shows live in the IDE.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TableFlushAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        Descriptors.InvalidConfiguration,
        Descriptors.GuardedCallWithoutFlush,
        Descriptors.PreconditionMayNotHold,
        Descriptors.EnsuresNotMet,
        Descriptors.MalformedContract);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var sessions = new SessionProvider(start.Compilation, start.Options.AnalyzerConfigOptionsProvider);
            start.RegisterSyntaxTreeAction(tree =>
            {
                foreach (OptionProblem problem in sessions.NewProblems(tree.Tree))
                {
                    tree.ReportDiagnostic(Diagnostic.Create(Descriptors.InvalidConfiguration, Location.None, problem.Key, problem.Value, problem.Reason, problem.Fallback));
                }
            });
            start.RegisterSymbolAction(symbol => ReportMalformed(symbol, sessions), SymbolKind.Method);
            start.RegisterOperationBlockStartAction(block => AnalyzeBlock(block, sessions));
        });
    }

    private static void ReportMalformed(SymbolAnalysisContext context, SessionProvider sessions)
    {
        var method = (IMethodSymbol)context.Symbol;
        SyntaxTree? tree = method.Locations.FirstOrDefault()?.SourceTree;

        // A malformed contract is one of the method's own attributes; most methods have none, and then reading
        // contracts (overrides, interfaces) would cost more than the compiler spends on the method's signature.
        if (tree is null || method.GetAttributes().IsEmpty)
        {
            return;
        }

        foreach (MalformedContract malformed in sessions.For(tree).Contracts.For(method).Malformed)
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.MalformedContract, malformed.Location, malformed.Text, malformed.Reason));
        }
    }

    private static void AnalyzeBlock(OperationBlockStartAnalysisContext context, SessionProvider sessions)
    {
        if (context.OwningSymbol is not IMethodSymbol method || context.OperationBlocks.IsEmpty)
        {
            return;
        }

        SyntaxTree tree = context.OperationBlocks[0].Syntax.SyntaxTree;
        AnalysisSession session = sessions.For(tree);
        var interest = new Interest { Value = session.Contracts.For(method).EnsuresTableFlush };
        context.RegisterOperationAction(
            operation =>
            {
                IMethodSymbol target = ((IInvocationOperation)operation.Operation).TargetMethod;
                if (!interest.Value && (session.IsGuarded(target) || !session.Contracts.For(target).Conditions.IsEmpty))
                {
                    interest.Value = true;
                }
            },
            OperationKind.Invocation);

        context.RegisterOperationBlockEndAction(end =>
        {
            if (!interest.Value)
            {
                return;
            }

            IOperation? body = end.OperationBlocks.FirstOrDefault(b => b.Kind is OperationKind.MethodBody or OperationKind.ConstructorBody or OperationKind.Block);
            if (body is null)
            {
                return;
            }

            ControlFlowGraph graph = end.GetControlFlowGraph(body);
            MethodVerdicts verdicts = MethodAnalysis.Analyze(session, graph, method, end.CancellationToken);
            Report(end, verdicts);
        });
    }

    private static void Report(OperationBlockAnalysisContext context, MethodVerdicts verdicts)
    {
        foreach (GuardedCallVerdict verdict in verdicts.GuardedCalls.Where(v => !v.Proved))
        {
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.GuardedCallWithoutFlush,
                verdict.Call.Syntax.GetLocation(),
                verdict.Witness!.Locations,
                verdict.Callee.Name,
                verdict.Witness.Sentence));
        }

        foreach (ConditionVerdict verdict in verdicts.Conditions.Where(v => !v.Proved))
        {
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.PreconditionMayNotHold,
                verdict.Call.Syntax.GetLocation(),
                verdict.Witness!.Locations,
                verdict.Callee.Name,
                verdict.Condition.Text,
                verdict.Witness.Sentence));
        }

        foreach (EnsuresVerdict verdict in verdicts.Ensures.Where(v => !v.Proved))
        {
            Location? location = verdict.Method.Locations.FirstOrDefault();
            if (location is null || !location.IsInSource)
            {
                continue;
            }

            string source = SymbolEqualityComparer.Default.Equals(verdict.ContractSource, verdict.Method)
                ? "its [EnsuresTableFlush]"
                : $"[EnsuresTableFlush] on '{verdict.ContractSource.ContainingType?.Name}.{verdict.ContractSource.Name}'";
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.EnsuresNotMet,
                location,
                verdict.Witness!.Locations,
                verdict.Method.Name,
                source,
                verdict.Witness.Sentence));
        }
    }

    /// <summary>Whether a method body needs the flow engine at all.</summary>
    private sealed class Interest
    {
        public volatile bool Value;
    }
}
