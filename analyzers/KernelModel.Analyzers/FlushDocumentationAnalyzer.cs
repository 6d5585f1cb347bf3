using System.Collections.Immutable;
using System.Linq;
using KernelModel.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KernelModel.Analyzers;

/// <summary>
/// TLB003: a sync method, or a method with a flush contract, whose documentation comment does not state the
/// precondition (docs/rules/TLB003.md). Reads the comment from syntax, so it works with or without a
/// documentation file.
/// </summary>
/// <remarks>
/// Registers nothing when the compilation gate is closed (<see cref="CompilationGate"/>), else one semantic-model
/// action per file that looks only at the method declarations whose attributes or name the shared identifier scan
/// found (a sync method's name, a contract attribute, a contract method's name): no per-method symbol action.
/// </remarks>
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
        if (hits.IsEmpty && !shared.Filter.Everything)
        {
            return;
        }

        foreach (SyntaxNode member in shared.Members(tree.GetRoot(context.CancellationToken), hits, NameKind.Engine))
        {
            // A sync method is named in its declaration, a contract is an attribute on it; a partial method's other part
            // carries the same name, which the scan knows as a contract method's.
            if (member is not MethodDeclarationSyntax declaration ||
                (!shared.Filter.Everything && !hits.Any(TlbCompilation.Header(declaration), NameKind.Engine)) ||
                model.GetDeclaredSymbol(declaration, context.CancellationToken) is not IMethodSymbol declared)
            {
                continue;
            }

            IMethodSymbol method = declared.PartialDefinitionPart ?? declared;
            Location? location = method.Locations.FirstOrDefault(l => l.IsInSource);
            if (location?.SourceTree != tree || GeneratedCode.Covers(location, method, shared.GeneratedCodeAttribute))
            {
                continue;
            }

            PreconditionDocumentation? documentation = PreconditionDocumentation.For(method, session, context.CancellationToken);
            if (documentation is null || documentation.IsComplete)
            {
                continue;
            }

            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.UndocumentedPrecondition, location, method.Name, documentation.Requirement, documentation.Gap));
        }
    }
}
