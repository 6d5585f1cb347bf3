using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace KernelModel.Analyzers.CodeFixes;

/// <summary>
/// TLB004 "Remove the redundant check": the guard becomes the bare sync call (or the early return goes), at the
/// guard's indentation; every comment of the guard and of the sync statement is kept, on its own line above
/// the call, in its original order.
/// </summary>
internal sealed class RemoveRedundantCheckFix : TextFix
{
    /// <inheritdoc />
    public override string EquivalenceKey => "TLB004.RemoveRedundantCheck";

    /// <inheritdoc />
    public override Task<TextFixEdit?> ComputeAsync(FixDocument document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (document.Root.FindToken(diagnostic.Location.SourceSpan.Start).Parent is not IfStatementSyntax guard ||
            RedundantBroadcastGuard.Match(guard, document.Model, document.Session.Options, cancellationToken) is not { } match)
        {
            return Task.FromResult<TextFixEdit?>(null);
        }

        ExpressionStatementSyntax sync = match.SyncStatement;
        int end = match.Shape == GuardShape.EarlyReturn ? sync.FullSpan.End : guard.FullSpan.End;
        string newline = document.LineBreakAt(guard.SpanStart);
        string indent = document.IndentationAt(guard.SpanStart);

        var text = new StringBuilder();
        text.Append(guard.GetLeadingTrivia().ToFullString());
        foreach (SyntaxTrivia comment in Comments(guard, sync))
        {
            text.Append(comment.ToFullString().TrimEnd()).Append(newline).Append(indent);
        }

        text.Append(sync.WithoutTrivia().ToFullString());
        string trailing = sync.GetTrailingTrivia().ToFullString().TrimEnd('\r', '\n');
        text.Append(trailing.Trim().Length == 0 ? string.Empty : trailing);
        text.Append(newline);

        var change = new TextChange(TextSpan.FromBounds(guard.FullSpan.Start, end), text.ToString());
        return Task.FromResult<TextFixEdit?>(new TextFixEdit($"Remove the redundant '{match.Check.Name}' check", ImmutableArray.Create(change)));
    }

    /// <summary>
    /// The comments that would be lost with the guard: those inside it (around the condition and braces, and
    /// before the sync), and, for an early return, those before the sync statement.
    /// </summary>
    private static IEnumerable<SyntaxTrivia> Comments(IfStatementSyntax guard, ExpressionStatementSyntax sync)
    {
        IEnumerable<SyntaxTrivia> inside = guard.DescendantTrivia(descendIntoTrivia: false)
            .Where(trivia => !guard.GetLeadingTrivia().Contains(trivia) && !sync.GetTrailingTrivia().Contains(trivia));
        if (!guard.Contains(sync))
        {
            inside = inside.Concat(sync.GetLeadingTrivia());
        }

        return inside.Where(trivia => trivia.IsKind(SyntaxKind.SingleLineCommentTrivia) || trivia.IsKind(SyntaxKind.MultiLineCommentTrivia))
            .Where(trivia => !sync.Span.Contains(trivia.Span))
            .OrderBy(trivia => trivia.SpanStart);
    }
}
