using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KernelModel.AnalyzerShare;

/// <summary>
/// Analyzers whose callbacks do nothing, so that a run shows what the compiler's analyzer driver costs for a set of
/// registrations before any of the product's code runs.
/// </summary>
internal static class EmptyAnalyzers
{
    private static readonly DiagnosticDescriptor _never = new("EMPTY0", "never reported", "never reported", "Baseline", DiagnosticSeverity.Warning, true);

    /// <summary>An analyzer that registers nothing: the cost of running the compiler through the analyzer driver at all.</summary>
    public static ImmutableArray<DiagnosticAnalyzer> Nothing { get; } = [new NoRegistrations()];

    /// <summary>The registrations of the analyzers until this round: per tree, per method symbol, per code block, per <c>if</c>.</summary>
    public static ImmutableArray<DiagnosticAnalyzer> PerMember { get; } = [new PerMemberRegistrations()];

    /// <summary>The registrations of this round: one semantic-model action per tree.</summary>
    public static ImmutableArray<DiagnosticAnalyzer> PerTree { get; } = [new PerTreeRegistrations()];

    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class NoRegistrations : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [_never];

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
        }
    }

    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class PerMemberRegistrations : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [_never];

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                start.RegisterSyntaxTreeAction(_ => { });
                start.RegisterSymbolAction(_ => { }, SymbolKind.Method);
                start.RegisterCodeBlockAction(_ => { });
                start.RegisterSyntaxNodeAction(_ => { }, SyntaxKind.IfStatement);
            });
        }
    }

    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class PerTreeRegistrations : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [_never];

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start => start.RegisterSemanticModelAction(_ => { }));
        }
    }
}
