using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KernelModel.Analyzers;

/// <summary>
/// TLB004: a caller-side <c>tlb_table_flush_implies_ipi_broadcast()</c> check around a sync call that makes the
/// same check itself (docs/rules/TLB004.md). Reported on the <c>if</c> keyword.
/// </summary>
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
            var sessions = new SessionProvider(start.Compilation, start.Options.AnalyzerConfigOptionsProvider);
            start.RegisterSyntaxNodeAction(node => Analyze(node, sessions), SyntaxKind.IfStatement);
        });
    }

    private static void Analyze(SyntaxNodeAnalysisContext context, SessionProvider sessions)
    {
        var guard = (IfStatementSyntax)context.Node;
        RedundantBroadcastGuard? match = RedundantBroadcastGuard.Match(
            guard, context.SemanticModel, sessions.For(guard.SyntaxTree).Options, context.CancellationToken);
        if (match is not null)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.RedundantBroadcastCheck, guard.IfKeyword.GetLocation(), match.SyncMethod.Name, match.Check.Name));
        }
    }
}
