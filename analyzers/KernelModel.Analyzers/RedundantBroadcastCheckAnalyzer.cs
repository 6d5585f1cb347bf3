using System.Collections.Generic;
using System.Collections.Immutable;
using KernelModel.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KernelModel.Analyzers;

/// <summary>
/// TLB004: a caller-side broadcast check (<c>tlb_analysis.broadcast_checks</c>, by default
/// <c>tlb_table_flush_implies_ipi_broadcast()</c>) around a sync call that makes the same check itself (docs/rules/TLB004.md). Reported on the <c>if</c> keyword.
/// </summary>
/// <remarks>
/// Registers nothing when the compilation gate is closed (<see cref="CompilationGate"/>), else one semantic-model
/// action per file that looks only at the <c>if</c> statements whose condition names a broadcast check, found by the
/// shared identifier scan: no per-<c>if</c> syntax-node action, which would make the driver walk every node of every
/// member.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RedundantBroadcastCheckAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.RedundantBroadcastCheck);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            TlbCompilation shared = TlbCompilation.Of(start.Compilation, start.Options);
            if (shared.IsOpen)
            {
                start.RegisterSemanticModelAction(model => Analyze(model, shared));
            }
        });
    }

    private static void Analyze(SemanticModelAnalysisContext context, TlbCompilation shared)
    {
        if (context.IsGeneratedCode)
        {
            return;
        }

        SemanticModel model = context.SemanticModel;
        SyntaxTree tree = model.SyntaxTree;
        AnalysisSession session = shared.Sessions.For(tree);
        TreeHits hits = shared.Filter.HitsOf(tree, session.Options);
        if (hits.IsEmpty)
        {
            return;
        }

        SyntaxNode root = tree.GetRoot(context.CancellationToken);
        var seen = new HashSet<IfStatementSyntax>();
        foreach (int position in hits.Positions(NameKind.BroadcastCheck))
        {
            for (SyntaxNode? node = root.FindToken(position).Parent; node is not null and not MemberDeclarationSyntax; node = node.Parent)
            {
                if (node is IfStatementSyntax guard && guard.Condition.Span.Contains(position) && seen.Add(guard))
                {
                    Report(context, guard, session, shared);
                }
            }
        }
    }

    private static void Report(SemanticModelAnalysisContext context, IfStatementSyntax guard, AnalysisSession session, TlbCompilation shared)
    {
        RedundantBroadcastGuard? match = RedundantBroadcastGuard.Match(guard, context.SemanticModel, session.Options, context.CancellationToken);
        if (match is null)
        {
            return;
        }

        Location location = guard.IfKeyword.GetLocation();
        ISymbol? owner = context.SemanticModel.GetEnclosingSymbol(guard.SpanStart, context.CancellationToken);
        while (owner is IMethodSymbol { MethodKind: MethodKind.LocalFunction or MethodKind.AnonymousFunction })
        {
            owner = owner.ContainingSymbol;
        }

        if (owner is IMethodSymbol method
            ? GeneratedCode.Covers(location, method, shared.GeneratedCodeAttribute)
            : location.SourceTree!.GetLineVisibility(location.SourceSpan.Start) == LineVisibility.Hidden)
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.RedundantBroadcastCheck, location, match.SyncMethod.Name, match.Check.Name));
    }
}
