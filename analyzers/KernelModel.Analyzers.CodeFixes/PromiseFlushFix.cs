using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace KernelModel.Analyzers.CodeFixes;

/// <summary>
/// TLB007 "Promise the flush": <c>[EnsuresTableFlush]</c> on the method, so that callers in other projects, which
/// cannot see into its body, count its flush. It changes no behaviour, and the body it is added to already keeps the
/// promise (TLB007 reports only bodies that flush on every normal return), so Fix All is offered.
/// </summary>
internal sealed class PromiseFlushFix : TextFix
{
    /// <inheritdoc />
    public override string EquivalenceKey => "TLB007.PromiseFlush";

    /// <inheritdoc />
    public override Task<TextFixEdit?> ComputeAsync(FixDocument document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        SyntaxNode? declaration = document.Root.FindToken(diagnostic.Location.SourceSpan.Start).Parent;
        if (declaration is not MethodDeclarationSyntax method ||
            document.Model.GetDeclaredSymbol(method, cancellationToken) is not IMethodSymbol symbol ||
            document.Session.Contracts.For(symbol).EnsuresTableFlush)
        {
            return Task.FromResult<TextFixEdit?>(null);
        }

        List<TextChange>? changes = ContractAttributeEdit.Add(document, method, "EnsuresTableFlush", null, null);
        return Task.FromResult(changes is null
            ? null
            : new TextFixEdit($"Promise the flush of '{symbol.Name}' with [EnsuresTableFlush]", changes.ToImmutableArray()));
    }
}
