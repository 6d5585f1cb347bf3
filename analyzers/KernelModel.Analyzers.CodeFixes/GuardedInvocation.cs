using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace KernelModel.Analyzers.CodeFixes;

/// <summary>The invocation a TLB001 or TLB002 diagnostic is reported on.</summary>
internal static class GuardedInvocation
{
    /// <summary>The invocation at the diagnostic's location, or null.</summary>
    /// <param name="document">The document.</param>
    /// <param name="diagnostic">The diagnostic.</param>
    /// <returns>The invocation.</returns>
    public static InvocationExpressionSyntax? At(FixDocument document, Diagnostic diagnostic) =>
        document.Root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true)
            .AncestorsAndSelf()
            .OfType<InvocationExpressionSyntax>()
            .FirstOrDefault(invocation => invocation.Span == diagnostic.Location.SourceSpan);
}
