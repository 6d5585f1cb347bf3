using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using KernelModel.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace KernelModel.Analyzers.CodeFixes;

/// <summary>
/// A document being fixed, with what every fix reads: its text, syntax, semantic model, and an analysis
/// session configured from the document's own <c>tlb_analysis.*</c> options, as the analyzer was.
/// </summary>
internal sealed class FixDocument
{
    private FixDocument(Document document, SourceText text, SyntaxNode root, SemanticModel model, AnalysisSession session)
    {
        Document = document;
        Text = text;
        Root = root;
        Model = model;
        Session = session;
    }

    public Document Document { get; }

    public SourceText Text { get; }

    public SyntaxNode Root { get; }

    public SemanticModel Model { get; }

    public AnalysisSession Session { get; }

    public static async Task<FixDocument?> LoadAsync(Document document, CancellationToken cancellationToken)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        SemanticModel? model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return null;
        }

        SourceText text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        AnalyzerConfigOptions config = document.Project.AnalyzerOptions.AnalyzerConfigOptionsProvider.GetOptions(root.SyntaxTree);
        EngineOptions options = EngineOptions.Read(key => config.TryGetValue(key, out string? value) ? value : null, new List<OptionProblem>());
        return new FixDocument(document, text, root, model, new AnalysisSession(model.Compilation, options));
    }

    /// <summary>The line break that ends the line holding <paramref name="position"/> (the file's own style).</summary>
    /// <param name="position">A position in the text.</param>
    /// <returns><c>\r\n</c>, <c>\n</c> or another break as written; the first break of the file on its last line.</returns>
    public string LineBreakAt(int position)
    {
        TextLine line = Text.Lines.GetLineFromPosition(position);
        if (line.EndIncludingLineBreak > line.End)
        {
            return Text.ToString(TextSpan.FromBounds(line.End, line.EndIncludingLineBreak));
        }

        foreach (TextLine other in Text.Lines)
        {
            if (other.EndIncludingLineBreak > other.End)
            {
                return Text.ToString(TextSpan.FromBounds(other.End, other.EndIncludingLineBreak));
            }
        }

        return "\n";
    }

    /// <summary>The whitespace that indents the line holding <paramref name="position"/>.</summary>
    /// <param name="position">A position in the text.</param>
    /// <returns>The leading spaces and tabs.</returns>
    public string IndentationAt(int position)
    {
        TextLine line = Text.Lines.GetLineFromPosition(position);
        int end = line.Start;
        while (end < line.End && (Text[end] == ' ' || Text[end] == '\t'))
        {
            end++;
        }

        return Text.ToString(TextSpan.FromBounds(line.Start, end));
    }

    /// <summary>The start of the line holding <paramref name="position"/>.</summary>
    /// <param name="position">A position in the text.</param>
    /// <returns>The line's first position.</returns>
    public int LineStart(int position) => Text.Lines.GetLineFromPosition(position).Start;
}
