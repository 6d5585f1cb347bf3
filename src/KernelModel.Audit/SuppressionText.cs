using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace KernelModel.Audit;

/// <summary>
/// Why the code's author suppressed a diagnostic, in their words: the comment on (or just above) the
/// <c>#pragma warning disable</c> that covers the site, or the <c>Justification</c> of the
/// <c>[SuppressMessage]</c> on an enclosing declaration.
/// </summary>
internal static class SuppressionText
{
    /// <summary>How a rule is suppressed at a location, with the author's reason when there is one.</summary>
    /// <param name="rule">The rule id.</param>
    /// <param name="location">The site.</param>
    /// <returns>For example <c>#pragma warning disable TLB001: deliberately unflushed</c>.</returns>
    public static string Of(string rule, Location location)
    {
        if (location.SourceTree is not SyntaxTree tree)
        {
            return $"{rule} is suppressed in source";
        }

        SyntaxNode root = tree.GetRoot();
        PragmaWarningDirectiveTriviaSyntax? pragma = root.DescendantTrivia(descendIntoTrivia: true)
            .Where(t => t.SpanStart < location.SourceSpan.Start && t.IsKind(SyntaxKind.PragmaWarningDirectiveTrivia))
            .Select(t => (PragmaWarningDirectiveTriviaSyntax)t.GetStructure()!)
            .LastOrDefault(p => p.ErrorCodes.Any(c => c.ToString().Trim() == rule));
        if (pragma is not null && pragma.DisableOrRestoreKeyword.IsKind(SyntaxKind.DisableKeyword))
        {
            return $"#pragma warning disable {rule}" + Reason(Comment(pragma, tree));
        }

        SyntaxNode? node = root.FindNode(location.SourceSpan, getInnermostNodeForTie: true);
        foreach (AttributeSyntax attribute in node.AncestorsAndSelf().OfType<MemberDeclarationSyntax>().SelectMany(m => m.AttributeLists).SelectMany(l => l.Attributes))
        {
            string name = attribute.Name.ToString();
            if ((name.EndsWith("SuppressMessage", StringComparison.Ordinal) || name.EndsWith("SuppressMessageAttribute", StringComparison.Ordinal)) &&
                attribute.ArgumentList?.Arguments.Any(a => a.Expression.ToString().Contains(rule, StringComparison.Ordinal)) == true)
            {
                AttributeArgumentSyntax? justification = attribute.ArgumentList.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.Text == "Justification");
                string? text = justification?.Expression is LiteralExpressionSyntax literal ? literal.Token.ValueText : justification?.Expression.ToString();
                return $"[SuppressMessage] for {rule}" + Reason(text);
            }
        }

        return $"{rule} is suppressed in source (#pragma or [SuppressMessage])";
    }

    private static string Reason(string? text) => string.IsNullOrWhiteSpace(text) ? string.Empty : ": " + text.Trim();

    /// <summary>The comment ending the pragma's line, else the comment lines just above it.</summary>
    private static string? Comment(PragmaWarningDirectiveTriviaSyntax pragma, SyntaxTree tree)
    {
        string directive = pragma.ToFullString();
        int comment = directive.IndexOf("//", StringComparison.Ordinal);
        string? trailing = comment < 0 ? null : directive.Substring(comment + 2).Trim();
        if (trailing is not null)
        {
            return trailing;
        }

        var lines = tree.GetText().Lines;
        int line = lines.GetLineFromPosition(pragma.SpanStart).LineNumber - 1;
        var above = new System.Collections.Generic.List<string>();
        for (; line >= 0; line--)
        {
            string text = lines[line].ToString().Trim();
            if (!text.StartsWith("//", StringComparison.Ordinal))
            {
                break;
            }

            above.Insert(0, text.TrimStart('/').Trim());
        }

        return above.Count == 0 ? null : string.Join(" ", above);
    }
}
