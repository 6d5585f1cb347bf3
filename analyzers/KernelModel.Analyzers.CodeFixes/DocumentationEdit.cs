using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace KernelModel.Analyzers.CodeFixes;

/// <summary>
/// Writes into a declaration's <c>///</c> documentation comment: a new comment with a summary and remarks
/// when there is none, otherwise the remarks added to the existing <c>&lt;remarks&gt;</c> or as a new one
/// after the comment. Lines use the declaration's indentation and the file's line breaks, wrapped near
/// <see cref="Width"/> columns.
/// </summary>
internal static class DocumentationEdit
{
    /// <summary>Where generated documentation lines wrap.</summary>
    public const int Width = 110;

    /// <summary>
    /// The change that documents <paramref name="declaration"/>, or null when its documentation is a
    /// <c>/** */</c> block (which this does not edit).
    /// </summary>
    /// <param name="document">The document.</param>
    /// <param name="declaration">The member declaration.</param>
    /// <param name="summary">The summary to write when the declaration has no documentation at all.</param>
    /// <param name="remarks">The sentences the remarks must contain.</param>
    /// <returns>The change, or null.</returns>
    public static TextChange? Add(FixDocument document, SyntaxNode declaration, string summary, string remarks)
    {
        ImmutableArray<SyntaxTrivia> docs = declaration.GetLeadingTrivia().Where(DocumentationText.IsDocumentation).ToImmutableArray();
        string indent = document.IndentationAt(declaration.SpanStart);
        string newline = document.LineBreakAt(declaration.SpanStart);

        if (docs.IsEmpty)
        {
            var text = new StringBuilder();
            text.Append(Element(indent, newline, "summary", summary));
            text.Append(Element(indent, newline, "remarks", remarks));
            return new TextChange(new TextSpan(document.LineStart(declaration.SpanStart), 0), text.ToString());
        }

        if (docs.Any(trivia => trivia.ToString().StartsWith("/**", StringComparison.Ordinal)))
        {
            return null;
        }

        int end = docs.Last().Span.End;
        int closing = document.Text.ToString(TextSpan.FromBounds(docs.First().SpanStart, end)).LastIndexOf("</remarks>", StringComparison.Ordinal);
        if (closing >= 0)
        {
            int position = docs.First().SpanStart + closing;
            string before = document.Text.ToString(TextSpan.FromBounds(document.LineStart(position), position)).Trim();
            if (before == "///")
            {
                // "/// </remarks>" on its own line: the remarks go on lines of their own above it.
                return new TextChange(new TextSpan(document.LineStart(position), 0), Lines(indent, newline, remarks));
            }

            return new TextChange(new TextSpan(position, 0), " " + remarks + " ");
        }

        int afterComment = document.Text.Lines.GetLineFromPosition(end - 1).EndIncludingLineBreak;
        return new TextChange(new TextSpan(afterComment, 0), Element(indent, newline, "remarks", remarks));
    }

    private static string Element(string indent, string newline, string tag, string content) =>
        $"{indent}/// <{tag}>{newline}{Lines(indent, newline, content)}{indent}/// </{tag}>{newline}";

    /// <summary>Wraps <paramref name="content"/> into <c>///</c> lines.</summary>
    private static string Lines(string indent, string newline, string content)
    {
        var text = new StringBuilder();
        var line = new StringBuilder();
        int room = Math.Max(40, Width - indent.Length - 4);
        foreach (string word in content.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > room)
            {
                text.Append(indent).Append("/// ").Append(line).Append(newline);
                line.Clear();
            }

            line.Append(line.Length == 0 ? string.Empty : " ").Append(word);
        }

        if (line.Length > 0)
        {
            text.Append(indent).Append("/// ").Append(line).Append(newline);
        }

        return text.ToString();
    }

    /// <summary>Text made safe inside a documentation comment's XML: a condition's <c>&amp;&amp;</c> would otherwise break it (CS1570).</summary>
    /// <param name="text">Plain text, such as a contract condition.</param>
    /// <returns>The text with <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c> escaped.</returns>
    public static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    /// <summary>Words for a list: "a", "a and b", "a, b and c".</summary>
    /// <param name="items">The items.</param>
    /// <returns>The list in words.</returns>
    public static string Join(IReadOnlyList<string> items) => items.Count switch
    {
        0 => string.Empty,
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + " and " + items[items.Count - 1],
    };
}
