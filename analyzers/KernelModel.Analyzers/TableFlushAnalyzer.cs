using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using KernelModel.Analysis;
using KernelModel.Analysis.Contracts;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace KernelModel.Analyzers;

/// <summary>
/// Runs the flow engine once per method for TLB001, TLB002 and TLB005 (and TLB008 where it is switched on), tells
/// flush wrappers other projects can call to promise their flush (TLB007), reports malformed contracts (TLB006)
/// and invalid configuration (TLB000). See docs/rules/ for each rule.
/// </summary>
/// <remarks>
/// Nothing is registered when the compilation cannot hold anything the rules look at (<see cref="CompilationGate"/>);
/// then only an invalid configuration value is still reported. Otherwise one semantic-model action per file: the
/// file's identifier scan (<see cref="CallNameFilter"/>, shared with TLB003 and TLB004) finds the members that name a
/// sync method, a contract method or a contract attribute (for TLB007 also a flush primitive or a method declared with
/// [EnsuresTableFlush]), and only those are bound, with the action's own model, and
/// given a control-flow graph when their body contains a checked call or they carry an Ensures obligation. No
/// per-member action is registered: those make the compiler's driver walk every declaration of every file. Nothing
/// is reported at compilation end, so every diagnostic shows live in the IDE. Generated code gets no diagnostics; the
/// analyzer skips it itself (see <see cref="GeneratedCode"/>) rather than leaving it to the driver.
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
            TlbCompilation shared = TlbCompilation.Of(start.Compilation, start.Options);
            if (shared.Sessions.AnyProblems())
            {
                start.RegisterSyntaxTreeAction(tree => ReportProblems(tree, shared.Sessions));
            }

            if (shared.IsOpen)
            {
                start.RegisterSemanticModelAction(model => AnalyzeTree(model, shared));
            }
        });
    }

    private static void ReportProblems(SyntaxTreeAnalysisContext tree, SessionProvider sessions)
    {
        if (tree.IsGeneratedCode)
        {
            return;
        }

        foreach (OptionProblem problem in sessions.NewProblems(tree.Tree))
        {
            tree.ReportDiagnostic(Diagnostic.Create(Descriptors.InvalidConfiguration, Location.None, problem.Key, problem.Describe()));
        }
    }

    private static void AnalyzeTree(SemanticModelAnalysisContext context, TlbCompilation shared)
    {
        if (context.IsGeneratedCode)
        {
            return;
        }

        SemanticModel model = context.SemanticModel;
        SyntaxTree tree = model.SyntaxTree;
        AnalysisSession session = shared.Sessions.For(tree);
        TreeHits hits = shared.Filter.HitsOf(tree, session.Options);
        if (hits.IsEmpty && !shared.Filter.Everything)
        {
            return;
        }

        bool lent = session.LendModel(model);
        try
        {
            // TLB007 looks at the bodies that call a flush primitive or a promised flush, where it is switched on;
            // TLB008 computes nothing where it is off (its default).
            NameKind kinds = shared.Promises.IsOn(tree, context.CancellationToken) ? NameKind.Engine | NameKind.Flush : NameKind.Engine;
            bool proofs = shared.Proofs.IsOn(tree, context.CancellationToken);
            List<(INamedTypeSymbol Type, bool IsStatic)>? initialized = null;
            foreach (SyntaxNode member in shared.Members(tree.GetRoot(context.CancellationToken), hits, kinds))
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                if (TlbCompilation.IsInitializer(member))
                {
                    // Initializers run in the type's constructors: checked below, once per type and kind, whichever of
                    // their files asks.
                    if (model.GetDeclaredSymbol(member.Parent!, context.CancellationToken) is ISymbol { ContainingType: INamedTypeSymbol type } declared)
                    {
                        ReportLambdaContracts(member, model, diagnostic => ReportOutsideGeneratedCode(context, shared, declared, diagnostic), context.CancellationToken);
                        (INamedTypeSymbol, bool) key = (type, declared.IsStatic);
                        if ((shared.Filter.Everything || hits.Any(member.Span, NameKind.Engine)) && !(initialized ??= new()).Contains(key) &&
                            model.GetOperation(member, context.CancellationToken) is IOperation value && session.HasCheckedCall(value))
                        {
                            initialized.Add(key);
                        }
                    }

                    continue;
                }

                if (Owner(member, model, context.CancellationToken) is not IMethodSymbol method ||
                    GeneratedCode.Covers(Location.None, method, shared.GeneratedCodeAttribute))
                {
                    continue;
                }

                void Report(Diagnostic diagnostic)
                {
                    if (!GeneratedCode.Covers(diagnostic.Location, method, shared.GeneratedCodeAttribute))
                    {
                        context.ReportDiagnostic(diagnostic);
                    }
                }

                ReportMalformed(member, method, session, Report);
                bool mayCallGuarded = shared.Filter.Everything || hits.Any(member.Span, NameKind.Engine);
                bool mayFlush = (kinds & NameKind.Flush) != 0 && hits.Any(member.Span, NameKind.Flush);
                ReportLambdaContracts(member, model, Report, context.CancellationToken);
                AnalyzeMember(member, method, model, session, mayCallGuarded, mayFlush, proofs, Report, context.CancellationToken);
            }

            foreach ((INamedTypeSymbol type, bool isStatic) in initialized ?? [])
            {
                AnalyzeInitializers(context, shared, session, type, isStatic, proofs);
            }
        }
        finally
        {
            if (lent)
            {
                session.ReturnModel(model);
            }
        }
    }

    /// <summary>
    /// TLB001, TLB002 (and TLB008) at the calls in a type's field or property initializers that are in this file: the
    /// engine checks them under every constructor that runs them, over all the type's parts; each part's file reports
    /// its own calls.
    /// </summary>
    private static void AnalyzeInitializers(
        SemanticModelAnalysisContext context,
        TlbCompilation shared,
        AnalysisSession session,
        INamedTypeSymbol type,
        bool isStatic,
        bool proofs)
    {
        SyntaxTree tree = context.SemanticModel.SyntaxTree;
        MethodVerdicts all = MethodAnalysis.AnalyzeInitializers(session, type, isStatic, context.CancellationToken);
        var verdicts = new MethodVerdicts(
            all.GuardedCalls.Where(v => v.Call.Syntax.SyntaxTree == tree).ToImmutableArray(),
            all.Conditions.Where(v => v.Call.Syntax.SyntaxTree == tree).ToImmutableArray(),
            ImmutableArray<EnsuresVerdict>.Empty);
        if (verdicts.GuardedCalls.IsEmpty && verdicts.Conditions.IsEmpty)
        {
            return;
        }

        void Report(Diagnostic diagnostic)
        {
            // Generated code by the field or property whose initializer holds the call.
            SyntaxNode? initializer = diagnostic.Location.SourceTree == tree
                ? tree.GetRoot(context.CancellationToken).FindNode(diagnostic.Location.SourceSpan).AncestorsAndSelf().FirstOrDefault(TlbCompilation.IsInitializer)
                : null;
            ISymbol owner = (initializer is null ? null : context.SemanticModel.GetDeclaredSymbol(initializer.Parent!, context.CancellationToken)) ?? type;
            ReportOutsideGeneratedCode(context, shared, owner, diagnostic);
        }

        if (proofs)
        {
            ReportProofs(Report, session, verdicts);
        }

        TableFlushAnalyzer.Report(Report, verdicts);
    }

    private static void ReportOutsideGeneratedCode(SemanticModelAnalysisContext context, TlbCompilation shared, ISymbol owner, Diagnostic diagnostic)
    {
        if (!GeneratedCode.Covers(diagnostic.Location, owner, shared.GeneratedCodeAttribute))
        {
            context.ReportDiagnostic(diagnostic);
        }
    }

    /// <summary>The method whose code block <paramref name="member"/> is (a property's getter for an expression body).</summary>
    internal static IMethodSymbol? Owner(SyntaxNode member, SemanticModel model, System.Threading.CancellationToken cancellationToken) => member switch
    {
        ArrowExpressionClauseSyntax { Parent: BasePropertyDeclarationSyntax property } =>
            (model.GetDeclaredSymbol(property, cancellationToken) as IPropertySymbol)?.GetMethod,
        CompilationUnitSyntax program => model.GetDeclaredSymbol(program, cancellationToken) as IMethodSymbol,
        _ => model.GetDeclaredSymbol(member, cancellationToken) as IMethodSymbol,
    };

    private static void ReportMalformed(SyntaxNode member, IMethodSymbol method, AnalysisSession session, System.Action<Diagnostic> report)
    {
        // A malformed contract is one of the method's own attributes; most methods have none, and then reading
        // contracts (overrides, interfaces) would cost more than the compiler spends on the method's signature. The
        // contract is read from the partial method's definition, as the compiler merges the parts' attributes there;
        // each part reports the attributes written in its own file.
        method = method.PartialDefinitionPart ?? method;
        if (member is not (BaseMethodDeclarationSyntax or AccessorDeclarationSyntax) || method.GetAttributes().IsEmpty)
        {
            return;
        }

        foreach (MalformedContract malformed in session.Contracts.For(method).Malformed)
        {
            if (malformed.Location.SourceTree == member.SyntaxTree && member.Span.Contains(malformed.Location.SourceSpan))
            {
                report(Diagnostic.Create(Descriptors.MalformedContract, malformed.Location, malformed.Text, malformed.Reason));
            }
        }
    }

    /// <summary>A contract attribute on a lambda is malformed (SPEC §5): its callers cannot be known, so it cannot be checked.</summary>
    private static void ReportLambdaContracts(SyntaxNode member, SemanticModel model, System.Action<Diagnostic> report, System.Threading.CancellationToken cancellationToken)
    {
        foreach (AttributeSyntax attribute in member.DescendantNodes()
            .OfType<AttributeSyntax>()
            .Where(a => a.Parent?.Parent is LambdaExpressionSyntax))
        {
            string? name = (model.GetSymbolInfo(attribute, cancellationToken).Symbol as IMethodSymbol)?.ContainingType.Name;
            if (name is ContractReader.RequiresTableFlushName or ContractReader.RequiresConditionName or ContractReader.EnsuresTableFlushName)
            {
                report(Diagnostic.Create(Descriptors.MalformedContract, attribute.GetLocation(), attribute.ToString(),
                    "a lambda's callers cannot be known, so a contract on it cannot be checked"));
            }
        }
    }

    private static void AnalyzeMember(
        SyntaxNode member,
        IMethodSymbol method,
        SemanticModel model,
        AnalysisSession session,
        bool mayCallGuarded,
        bool mayFlush,
        bool proofs,
        System.Action<Diagnostic> report,
        System.Threading.CancellationToken cancellationToken)
    {
        // Most methods cannot carry an Ensures obligation; reading (and caching) their contracts to learn so would be
        // the main cost on code without guarded calls.
        bool ensures = ContractReader.MayCarryEnsures(method) && session.Contracts.For(method).EnsuresTableFlush;
        bool mayPromise = !ensures && mayFlush && method.MethodKind == MethodKind.Ordinary && method.DeclaredAccessibility != Accessibility.Private;
        if (!ensures && !mayCallGuarded && !mayPromise)
        {
            return;
        }

        IOperation? body = model.GetOperation(member, cancellationToken);
        bool checkedCall = body is not null && (ensures || mayCallGuarded) && session.HasCheckedCall(body);
        if (mayPromise && !checkedCall)
        {
            // A method that makes a guarded call itself uses the flush rather than wraps it; only wrappers are told to promise.
            ReportUnpromised(report, session, method, cancellationToken);
        }

        if (body is null || (!ensures && !checkedCall))
        {
            return;
        }

        ControlFlowGraph? graph = body switch
        {
            IMethodBodyOperation withBody when withBody.BlockBody is not null || withBody.ExpressionBody is not null => ControlFlowGraph.Create(withBody, cancellationToken),
            IConstructorBodyOperation constructor => ControlFlowGraph.Create(constructor, cancellationToken),
            IBlockOperation block => ControlFlowGraph.Create(block, cancellationToken),
            _ => null,
        };
        if (graph is null)
        {
            return;
        }

        MethodVerdicts verdicts = MethodAnalysis.Analyze(session, graph, method, cancellationToken);
        if (proofs)
        {
            ReportProofs(report, session, verdicts);
        }

        Report(report, verdicts);
    }

    /// <summary>TLB007: a method other projects can call that flushes on every return without promising it.</summary>
    private static void ReportUnpromised(System.Action<Diagnostic> report, AnalysisSession session, IMethodSymbol method, System.Threading.CancellationToken cancellationToken)
    {
        if (FlushGuarantee.Unpromised(session, method, cancellationToken) is null ||
            method.Locations.FirstOrDefault() is not { IsInSource: true } location)
        {
            return;
        }

        report(Diagnostic.Create(Descriptors.UnpromisedFlush, location, method.Name));
    }

    /// <summary>TLB008: the proof of each proved guarded call, built only when the rule is switched on.</summary>
    private static void ReportProofs(System.Action<Diagnostic> report, AnalysisSession session, MethodVerdicts verdicts)
    {
        foreach (GuardedCallVerdict verdict in verdicts.GuardedCalls)
        {
            if (ProofChain.Of(verdict, session) is ProofChain proof)
            {
                report(Diagnostic.Create(
                    Descriptors.GuardedCallProof, verdict.Call.Syntax.GetLocation(), proof.Locations, NameOf(verdict.Callee), proof.Sentence));
            }
        }
    }

    /// <summary>A callee as the messages name it: a constructor (<c>: this(...)</c>, <c>: base(...)</c>) by its type.</summary>
    private static string NameOf(IMethodSymbol callee) =>
        callee.MethodKind == MethodKind.Constructor ? callee.ContainingType.Name : callee.Name;

    private static void Report(System.Action<Diagnostic> report, MethodVerdicts verdicts)
    {
        foreach (GuardedCallVerdict verdict in verdicts.GuardedCalls.Where(v => !v.Proved))
        {
            report(Diagnostic.Create(
                Descriptors.GuardedCallWithoutFlush,
                verdict.Call.Syntax.GetLocation(),
                verdict.Witness!.Locations,
                NameOf(verdict.Callee),
                verdict.Witness.Sentence));
        }

        foreach (ConditionVerdict verdict in verdicts.Conditions.Where(v => !v.Proved))
        {
            report(Diagnostic.Create(
                Descriptors.PreconditionMayNotHold,
                verdict.Call.Syntax.GetLocation(),
                verdict.Witness!.Locations,
                ImmutableDictionary<string, string?>.Empty.Add(Descriptors.ConditionProperty, verdict.Condition.Text),
                NameOf(verdict.Callee),
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
