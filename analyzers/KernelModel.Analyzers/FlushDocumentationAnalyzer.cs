using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KernelModel.Analyzers;

/// <summary>
/// TLB003: a sync method, or a method with a flush contract, whose documentation comment does not state the
/// precondition (docs/rules/TLB003.md). Reads the comment from syntax, so it works with or without a
/// documentation file.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class FlushDocumentationAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.UndocumentedPrecondition);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var sessions = new SessionProvider(start.Compilation, start.Options.AnalyzerConfigOptionsProvider);
            start.RegisterSymbolAction(symbol => Analyze(symbol, sessions), SymbolKind.Method);
        });
    }

    private static void Analyze(SymbolAnalysisContext context, SessionProvider sessions)
    {
        var method = (IMethodSymbol)context.Symbol;
        Location? location = method.Locations.FirstOrDefault(l => l.IsInSource);
        if (location?.SourceTree is not { } tree)
        {
            return;
        }

        PreconditionDocumentation? documentation = PreconditionDocumentation.For(method, sessions.For(tree), context.CancellationToken);
        if (documentation is null || documentation.IsComplete)
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.UndocumentedPrecondition, location, method.Name, documentation.Requirement, documentation.Gap));
    }
}
