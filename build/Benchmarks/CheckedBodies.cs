using System.Collections.Generic;
using System.Linq;
using KernelModel.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace KernelModel.Benchmarks;

/// <summary>The method bodies of a compilation that the analyzer checks: a guarded call, a required condition, or an Ensures obligation.</summary>
public static class CheckedBodies
{
    /// <summary>Finds them, binding every body once.</summary>
    /// <param name="compilation">The compilation.</param>
    /// <returns>Each body's declaration, symbol and operation tree, in file order.</returns>
    public static List<(MethodDeclarationSyntax Declaration, IMethodSymbol Method, IMethodBodyOperation Body)> Find(Compilation compilation)
    {
        var probe = new AnalysisSession(compilation, EngineOptions.Default);
        var found = new List<(MethodDeclarationSyntax, IMethodSymbol, IMethodBodyOperation)>();
        foreach (SyntaxTree tree in compilation.SyntaxTrees)
        {
            SemanticModel model = compilation.GetSemanticModel(tree);
            foreach (MethodDeclarationSyntax declaration in tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>())
            {
                if (model.GetOperation(declaration) is IMethodBodyOperation body && model.GetDeclaredSymbol(declaration) is IMethodSymbol method &&
                    (probe.Contracts.For(method).EnsuresTableFlush || probe.HasCheckedCall(body)))
                {
                    found.Add((declaration, method, body));
                }
            }
        }

        return found;
    }
}
