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
        Descriptors.MalformedContract,
        Descriptors.UnpromisedFlush,
        Descriptors.GuardedCallProof);

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
            var proofs = new RuleSwitch(Descriptors.GuardedCallProof, start.Compilation, start.Options.AnalyzerConfigOptionsProvider);
            start.RegisterCodeBlockAction(block => AnalyzeBlock(block, sessions, filter, proofs, generatedCode));
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

    private static void AnalyzeBlock(CodeBlockAnalysisContext context, SessionProvider sessions, CallNameFilter filter, RuleSwitch proofs, System.Lazy<INamedTypeSymbol?> generatedCode)
    {
        if (context.IsGeneratedCode || context.OwningSymbol is not IMethodSymbol method)
        {
            return;
        }

        AnalysisSession session = sessions.For(context.CodeBlock.SyntaxTree);
        // Most methods cannot carry an Ensures obligation; reading (and caching) their contracts to learn so would be
        // the main cost on code without guarded calls.
        bool ensures = ContractReader.MayCarryEnsures(method) && session.Contracts.For(method).EnsuresTableFlush;
        bool mayCallGuarded = filter.MayCallGuarded(context.CodeBlock, session.Options);
        bool mayPromise = !ensures && method.MethodKind == MethodKind.Ordinary && method.DeclaredAccessibility != Accessibility.Private &&
            filter.MayCallFlush(context.CodeBlock, session.Options);
        if (!ensures && !mayCallGuarded && !mayPromise)
        {
            return;
        }

        IOperation? body = context.SemanticModel.GetOperation(context.CodeBlock, context.CancellationToken);
        bool checkedCall = body is not null && (ensures || mayCallGuarded) && session.HasCheckedCall(body);
        if (mayPromise && !checkedCall)
        {
            // A method that makes a guarded call itself uses the flush rather than wraps it; only wrappers are told to promise.
            ReportUnpromised(context, session, method, generatedCode);
        }

        if (body is null || (!ensures && !checkedCall))
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
        System.Action<Diagnostic> report = diagnostic =>
        {
            if (!GeneratedCode.Covers(diagnostic.Location, method, generatedCode.Value))
            {
                analysed.ReportDiagnostic(diagnostic);
            }
        };
        if (proofs.IsOn(context.CodeBlock.SyntaxTree, context.CancellationToken))
        {
            ReportProofs(report, session, verdicts);
        }

        Report(report, verdicts);
    }

    /// <summary>TLB007: a method other projects can call that flushes on every return without promising it.</summary>
    private static void ReportUnpromised(CodeBlockAnalysisContext context, AnalysisSession session, IMethodSymbol method, System.Lazy<INamedTypeSymbol?> generatedCode)
    {
        if (FlushGuarantee.Unpromised(session, method, context.CancellationToken) is null ||
            method.Locations.FirstOrDefault() is not { IsInSource: true } location ||
            GeneratedCode.Covers(location, method, generatedCode.Value))
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(Descriptors.UnpromisedFlush, location, method.Name));
    }

    /// <summary>TLB008: the proof of each proved guarded call, built only when the rule is switched on.</summary>
    private static void ReportProofs(System.Action<Diagnostic> report, AnalysisSession session, MethodVerdicts verdicts)
    {
        foreach (GuardedCallVerdict verdict in verdicts.GuardedCalls)
        {
            if (ProofChain.Of(verdict, session) is ProofChain proof)
            {
                report(Diagnostic.Create(
                    Descriptors.GuardedCallProof, verdict.Call.Syntax.GetLocation(), proof.Locations, verdict.Callee.Name, proof.Sentence));
            }
        }
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

            string contract = verdict.When is null ? "[EnsuresTableFlush]" : $"[EnsuresTableFlush(When = \"{verdict.When.Text}\")]";
            string source = SymbolEqualityComparer.Default.Equals(verdict.ContractSource, verdict.Method)
                ? "its " + contract
                : $"{contract} on '{verdict.ContractSource.ContainingType?.Name}.{verdict.ContractSource.Name}'";
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
