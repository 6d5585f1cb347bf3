using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;

namespace KernelModel.Analyzers.CodeFixes;

/// <summary>
/// A code fix provider whose fixes are <see cref="TextFix"/>es, offered in the order given, with a Fix All that
/// merges the text changes of every diagnostic in a document, in document, project and solution scope — unless a
/// fix changes behaviour: then the provider has no Fix All at all, which is how <c>dotnet format</c> and the
/// editors' Fix All know to leave it alone (they ask the provider, not the fix).
/// </summary>
public abstract class TextFixProvider : CodeFixProvider
{
    private protected abstract ImmutableArray<TextFix> Fixes { get; }

    /// <inheritdoc />
    public sealed override FixAllProvider? GetFixAllProvider() =>
        Fixes.Any(fix => fix.ChangesBehaviour) ? null : FixAllProvider.Create(FixAllAsync);

    /// <inheritdoc />
    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        FixDocument? document = await FixDocument.LoadAsync(context.Document, context.CancellationToken).ConfigureAwait(false);
        if (document is null)
        {
            return;
        }

        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            foreach (TextFix fix in Fixes)
            {
                TextFixEdit? edit = await fix.ComputeAsync(document, diagnostic, context.CancellationToken).ConfigureAwait(false);
                if (edit is not null && !edit.Changes.IsEmpty)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(edit.Title, _ => Task.FromResult(Apply(document, edit.Changes)), fix.EquivalenceKey),
                        diagnostic);
                }
            }
        }
    }

    private async Task<Document?> FixAllAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
    {
        TextFix? fix = Fixes.FirstOrDefault(f => f.EquivalenceKey == context.CodeActionEquivalenceKey);
        FixDocument? loaded = fix is null ? null : await FixDocument.LoadAsync(document, context.CancellationToken).ConfigureAwait(false);
        if (fix is null || loaded is null)
        {
            return null;
        }

        var changes = new List<TextChange>();
        foreach (Diagnostic diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
        {
            TextFixEdit? edit = await fix.ComputeAsync(loaded, diagnostic, context.CancellationToken).ConfigureAwait(false);
            if (edit is not null)
            {
                changes.AddRange(edit.Changes);
            }
        }

        return Apply(loaded, Merge(changes));
    }

    private static Document Apply(FixDocument document, IEnumerable<TextChange> changes) =>
        document.Document.WithText(document.Text.WithChanges(changes));

    /// <summary>
    /// The changes of several diagnostics as one consistent set: identical changes once (two syncs in one method
    /// ask for the same attribute), and of overlapping ones the first, so no edit is applied on top of another.
    /// </summary>
    private static ImmutableArray<TextChange> Merge(List<TextChange> changes)
    {
        var merged = new List<TextChange>();
        foreach (TextChange change in changes.Distinct().OrderBy(c => c.Span.Start).ThenBy(c => c.Span.End))
        {
            TextChange? previous = merged.Count == 0 ? null : merged[merged.Count - 1];
            bool overlaps = previous is { } last &&
                (last.Span.End > change.Span.Start || (last.Span.Start == change.Span.Start && last.Span.IsEmpty && change.Span.IsEmpty));
            if (!overlaps)
            {
                merged.Add(change);
            }
        }

        return merged.ToImmutableArray();
    }
}
