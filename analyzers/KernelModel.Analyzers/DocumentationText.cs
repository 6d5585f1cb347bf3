using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace KernelModel.Analyzers;

/// <summary>
/// The text of a declaration's documentation comment, read from its syntax so that it is the same whether or
/// not the project generates a documentation file (without one, the compiler parses <c>///</c> lines as
/// ordinary comments and <see cref="ISymbol.GetDocumentationCommentXml"/> returns nothing).
/// </summary>
public static class DocumentationText
{
    /// <summary>The documentation comment's raw text (tags included), or null when the declaration has none.</summary>
    /// <param name="declaration">A member declaration.</param>
    /// <returns>The text of its <c>///</c> lines and <c>/** */</c> blocks.</returns>
    public static string? Of(SyntaxNode declaration)
    {
        StringBuilder? text = null;
        foreach (SyntaxTrivia trivia in declaration.GetLeadingTrivia())
        {
            if (IsDocumentation(trivia))
            {
                (text ??= new StringBuilder()).Append(trivia.ToFullString()).Append('\n');
            }
        }

        return text?.ToString();
    }

    /// <summary>Whether the declaration has a documentation comment.</summary>
    /// <param name="declaration">A member declaration.</param>
    /// <returns>True when one of its leading trivia is documentation.</returns>
    public static bool Exists(SyntaxNode declaration) => declaration.GetLeadingTrivia().Any(IsDocumentation);

    /// <summary>Whether a trivia is a documentation comment, parsed as one or (documentation mode off) as a comment.</summary>
    /// <param name="trivia">The trivia.</param>
    /// <returns>True for <c>///</c> and <c>/** */</c> comments.</returns>
    public static bool IsDocumentation(SyntaxTrivia trivia) => trivia.Kind() switch
    {
        SyntaxKind.SingleLineDocumentationCommentTrivia or SyntaxKind.MultiLineDocumentationCommentTrivia => true,
        SyntaxKind.SingleLineCommentTrivia => trivia.ToString().StartsWith("///", System.StringComparison.Ordinal) &&
                                              !trivia.ToString().StartsWith("////", System.StringComparison.Ordinal),
        SyntaxKind.MultiLineCommentTrivia => trivia.ToString().StartsWith("/**", System.StringComparison.Ordinal) &&
                                             !trivia.ToString().StartsWith("/**/", System.StringComparison.Ordinal),
        _ => false,
    };
}
