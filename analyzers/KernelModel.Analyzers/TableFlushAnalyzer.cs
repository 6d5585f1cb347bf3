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
/// required condition, or carries an Ensures obligation. Bodies whose syntax names no such method (see
/// <see cref="CallNameFilter"/>) are not even bound; the rest cost one pass over their invocations. Nothing
/// is reported at compilation end, so every diagnostic shows live in the IDE. Generated code gets no
/// diagnostics; the analyzer skips it itself (see <see cref="GeneratedCode"/>) rather than leaving it to the driver.
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
        // Generated code is skipped here, through each callback's IsGeneratedCode and GeneratedCode.Covers, not by
        // the driver: told not to report in generated code, the driver decides for every reported diagnostic
        // whether it falls in a [GeneratedCode] declaration by walking every token of its file once.
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var sessions = new SessionProvider(start.Compilation, start.Options.AnalyzerConfigOptionsProvider);
            start.RegisterSyntaxTreeAction(tree =>
            {
                if (tree.IsGeneratedCode)
                {
                    return;
                }

                foreach (OptionProblem problem in sessions.NewProblems(tree.Tree))
                {
                    tree.ReportDiagnostic(Diagnostic.Create(Descriptors.InvalidConfiguration, Location.None, problem.Key, problem.Describe()));
                }
            });
            // Looked up only once something is to be reported: the lookup searches every referenced assembly.
            Compilation compilation = start.Compilation;
            var generatedCode = new System.Lazy<INamedTypeSymbol?>(() => compilation.GetTypeByMetadataName("System.CodeDom.Compiler.GeneratedCodeAttribute"));
            start.RegisterSymbolAction(symbol => ReportMalformed(symbol, sessions, generatedCode), SymbolKind.Method);
            var filter = new CallNameFilter(start.Compilation);
            start.RegisterCodeBlockAction(block => AnalyzeBlock(block, sessions, filter, generatedCode));
        });
    }

    private static void ReportMalformed(SymbolAnalysisContext context, SessionProvider sessions, System.Lazy<INamedTypeSymbol?> generatedCode)
    {
        if (context.IsGeneratedCode)
        {
            return;
        }

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
            if (!GeneratedCode.Covers(malformed.Location, method, generatedCode.Value))
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.MalformedContract, malformed.Location, malformed.Text, malformed.Reason));
            }
        }
    }

    private static void AnalyzeBlock(CodeBlockAnalysisContext context, SessionProvider sessions, CallNameFilter filter, System.Lazy<INamedTypeSymbol?> generatedCode)
    {
        if (context.IsGeneratedCode || context.OwningSymbol is not IMethodSymbol method)
        {
            return;
        }

        AnalysisSession session = sessions.For(context.CodeBlock.SyntaxTree);
        // Most methods cannot carry an Ensures obligation; reading (and caching) their contracts to learn so would be
        // the main cost on code without guarded calls.
        bool ensures = ContractReader.MayCarryEnsures(method) && session.Contracts.For(method).EnsuresTableFlush;
        if (!ensures && !filter.MayCallGuarded(context.CodeBlock, session.Options))
        {
            return;
        }

        IOperation? body = context.SemanticModel.GetOperation(context.CodeBlock, context.CancellationToken);
        if (body is null || (!ensures && !session.HasCheckedCall(body)))
        {
            return;
        }

        ControlFlowGraph? graph = body switch
        {
            IMethodBodyOperation withBody when withBody.BlockBody is not null || withBody.ExpressionBody is not null => ControlFlowGraph.Create(withBody, context.CancellationToken),
            IConstructorBodyOperation constructor => ControlFlowGraph.Create(constructor, context.CancellationToken),
            IBlockOperation block => ControlFlowGraph.Create(block, context.CancellationToken),
            _ => null,
        };
        if (graph is null)
        {
            return;
        }

        MethodVerdicts verdicts = MethodAnalysis.Analyze(session, graph, method, context.CancellationToken);
        CodeBlockAnalysisContext analysed = context;
        Report(
            diagnostic =>
            {
                if (!GeneratedCode.Covers(diagnostic.Location, method, generatedCode.Value))
                {
                    analysed.ReportDiagnostic(diagnostic);
                }
            },
            verdicts);
    }

    private static void Report(System.Action<Diagnostic> report, MethodVerdicts verdicts)
    {
        foreach (GuardedCallVerdict verdict in verdicts.GuardedCalls.Where(v => !v.Proved))
        {
            report(Diagnostic.Create(
                Descriptors.GuardedCallWithoutFlush,
                verdict.Call.Syntax.GetLocation(),
                verdict.Witness!.Locations,
                verdict.Callee.Name,
                verdict.Witness.Sentence));
        }

        foreach (ConditionVerdict verdict in verdicts.Conditions.Where(v => !v.Proved))
        {
            report(Diagnostic.Create(
                Descriptors.PreconditionMayNotHold,
                verdict.Call.Syntax.GetLocation(),
                verdict.Witness!.Locations,
                ImmutableDictionary<string, string?>.Empty.Add(Descriptors.ConditionProperty, verdict.Condition.Text),
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
            report(Diagnostic.Create(
                Descriptors.EnsuresNotMet,
                location,
                verdict.Witness!.Locations,
                verdict.Method.Name,
                source,
                verdict.Witness.Sentence));
        }
    }
}
