using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using KernelModel.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;

namespace KernelModel.Audit;

/// <summary>
/// Runs the engine over every body of a compilation that the analyzer would analyse (one with a guarded call,
/// a call with a required condition, or an Ensures obligation) and keeps every verdict, proved or not.
/// </summary>
internal static class SiteCollector
{
    /// <summary>The verdicts of a compilation.</summary>
    /// <param name="compilation">The compilation, generators run.</param>
    /// <param name="sessions">The engine sessions for its configuration.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <param name="documents">Receives the documents done and their total, for the terminal.</param>
    /// <returns>One entry per verdict, in source order.</returns>
    public static ImmutableArray<EngineSite> Collect(Compilation compilation, ProjectSessions sessions, CancellationToken cancellationToken, Action<int, int>? documents = null)
    {
        var sites = ImmutableArray.CreateBuilder<EngineSite>();
        SyntaxTree[] trees = compilation.SyntaxTrees.Where(t => !IsGenerated(t, cancellationToken)).ToArray();
        int done = 0;
        foreach (SyntaxTree tree in trees)
        {
            documents?.Invoke(done++, trees.Length);
            SemanticModel model = compilation.GetSemanticModel(tree);
            AnalysisSession session = sessions.For(tree);
            foreach ((IOperation body, IMethodSymbol method) in MethodBodies.In(model, cancellationToken))
            {
                if (!NeedsAnalysis(session, body, method))
                {
                    continue;
                }

                ControlFlowGraph graph = MethodBodies.Graph(body, cancellationToken);
                MethodVerdicts verdicts = MethodAnalysis.Analyze(session, graph, method, cancellationToken);
                foreach (GuardedCallVerdict verdict in verdicts.GuardedCalls)
                {
                    sites.Add(new EngineSite(session, Enclosing(model, verdict.Call.Syntax.SpanStart, method), verdict.Call.Syntax.GetLocation(), verdict.Callee, verdict, null, null));
                }

                foreach (ConditionVerdict verdict in verdicts.Conditions)
                {
                    sites.Add(new EngineSite(session, Enclosing(model, verdict.Call.Syntax.SpanStart, method), verdict.Call.Syntax.GetLocation(), verdict.Callee, null, verdict, null));
                }

                foreach (EnsuresVerdict verdict in verdicts.Ensures)
                {
                    Location? location = verdict.Method.Locations.FirstOrDefault();
                    if (location is not null && location.IsInSource)
                    {
                        sites.Add(new EngineSite(session, verdict.Method, location, verdict.Method, null, null, verdict));
                    }
                }
            }

            AddInitializerSites(sites, model, session, cancellationToken);
        }

        return sites.ToImmutable();
    }

    /// <summary>
    /// The sites in field and property initializers of this file (SPEC §5), checked as the analyzer checks them: once
    /// per type and kind, under every constructor that runs them. A site's enclosing method is the constructor the
    /// initializers run in (the first, when several do).
    /// </summary>
    private static void AddInitializerSites(ImmutableArray<EngineSite>.Builder sites, SemanticModel model, AnalysisSession session, CancellationToken cancellationToken)
    {
        var done = new System.Collections.Generic.HashSet<(ISymbol, bool)>();
        foreach (EqualsValueClauseSyntax initializer in model.SyntaxTree.GetRoot(cancellationToken).DescendantNodes(n => n is not (BlockSyntax or ArrowExpressionClauseSyntax))
            .OfType<EqualsValueClauseSyntax>()
            .Where(e => e.Parent is PropertyDeclarationSyntax or VariableDeclaratorSyntax { Parent.Parent: FieldDeclarationSyntax }))
        {
            if (model.GetDeclaredSymbol(initializer.Parent!, cancellationToken) is not ISymbol { ContainingType: INamedTypeSymbol type } declared ||
                model.GetOperation(initializer, cancellationToken) is not IOperation operation || !session.HasCheckedCall(operation) ||
                !done.Add((type, declared.IsStatic)))
            {
                continue;
            }

            IMethodSymbol? constructor = (declared.IsStatic ? type.StaticConstructors : type.InstanceConstructors)
                .FirstOrDefault(c => !AnalysisSession.ChainsToThis(c, cancellationToken));
            if (constructor is null)
            {
                continue;
            }

            MethodVerdicts verdicts = MethodAnalysis.AnalyzeInitializers(session, type, declared.IsStatic, cancellationToken);
            foreach (GuardedCallVerdict verdict in verdicts.GuardedCalls.Where(v => v.Call.Syntax.SyntaxTree == model.SyntaxTree))
            {
                sites.Add(new EngineSite(session, constructor, verdict.Call.Syntax.GetLocation(), verdict.Callee, verdict, null, null));
            }

            foreach (ConditionVerdict verdict in verdicts.Conditions.Where(v => v.Call.Syntax.SyntaxTree == model.SyntaxTree))
            {
                sites.Add(new EngineSite(session, constructor, verdict.Call.Syntax.GetLocation(), verdict.Callee, null, verdict, null));
            }
        }
    }

    /// <summary>The analyzer's interest test (TableFlushAnalyzer): only such bodies get a control-flow graph.</summary>
    private static bool NeedsAnalysis(AnalysisSession session, IOperation body, IMethodSymbol method) =>
        session.Contracts.For(method).EnsuresTableFlush || session.HasCheckedCall(body);

    private static IMethodSymbol Enclosing(SemanticModel model, int position, IMethodSymbol method) =>
        model.GetEnclosingSymbol(position) as IMethodSymbol ?? method;

    /// <summary>Code the analyzer skips as generated (as the compiler decides it): generated file names and headers.</summary>
    private static bool IsGenerated(SyntaxTree tree, CancellationToken cancellationToken)
    {
        string name = Path.GetFileName(tree.FilePath);
        string[] generatedSuffixes = [".g.cs", ".g.i.cs", ".designer.cs", ".generated.cs"];
        if (name.StartsWith("TemporaryGeneratedFile_", StringComparison.OrdinalIgnoreCase) ||
            generatedSuffixes.Any(suffix => name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }

        SyntaxTriviaList leading = tree.GetRoot(cancellationToken).GetLeadingTrivia();
        return leading.Any(trivia => trivia.ToString().IndexOf("<auto-generated", StringComparison.OrdinalIgnoreCase) >= 0);
    }
}
