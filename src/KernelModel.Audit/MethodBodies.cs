using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace KernelModel.Audit;

/// <summary>
/// The bodies the analyzer checks — methods, constructors, operators, accessors and expression-bodied members,
/// each with its local functions and lambdas — found in a syntax tree, with their control-flow graphs.
/// </summary>
internal static class MethodBodies
{
    /// <summary>Every body in <paramref name="model"/>'s tree, with the method it belongs to.</summary>
    /// <param name="model">The tree's semantic model.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The bodies, in source order.</returns>
    public static IEnumerable<(IOperation Body, IMethodSymbol Method)> In(SemanticModel model, CancellationToken cancellationToken)
    {
        SyntaxNode root = model.SyntaxTree.GetRoot(cancellationToken);
        foreach (SyntaxNode node in root.DescendantNodes(n => n is not (BlockSyntax or ArrowExpressionClauseSyntax)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            IMethodSymbol? method = node switch
            {
                BaseMethodDeclarationSyntax or AccessorDeclarationSyntax => model.GetDeclaredSymbol(node, cancellationToken) as IMethodSymbol,
                ArrowExpressionClauseSyntax { Parent: PropertyDeclarationSyntax or IndexerDeclarationSyntax } arrow =>
                    (model.GetDeclaredSymbol(arrow.Parent!, cancellationToken) as IPropertySymbol)?.GetMethod,
                _ => null,
            };
            if (method is null)
            {
                continue;
            }

            IOperation? body = model.GetOperation(node, cancellationToken) switch
            {
                IMethodBodyOperation { BlockBody: not null } or IMethodBodyOperation { ExpressionBody: not null } => model.GetOperation(node, cancellationToken),
                IConstructorBodyOperation constructor => constructor,
                IBlockOperation block when node is ArrowExpressionClauseSyntax => block,
                _ => null,
            };
            if (body is not null)
            {
                yield return (body, method);
            }
        }
    }

    /// <summary>The control-flow graph of a body returned by <see cref="In"/>.</summary>
    /// <param name="body">The body.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The graph.</returns>
    public static ControlFlowGraph Graph(IOperation body, CancellationToken cancellationToken) => body switch
    {
        IMethodBodyOperation method => ControlFlowGraph.Create(method, cancellationToken),
        IConstructorBodyOperation constructor => ControlFlowGraph.Create(constructor, cancellationToken),
        _ => ControlFlowGraph.Create((IBlockOperation)body, cancellationToken),
    };
}
