using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace KernelModel.Analyzers.CodeFixes;

/// <summary>
/// TLB001 "Insert a TLB flush": a proven flush call (<see cref="FlushCall"/>) on its own line before the
/// statement holding the guarded call. Not offered where no statement of the same body can hold it (an
/// expression-bodied member or lambda) or no flush method and argument exist.
/// </summary>
internal sealed class InsertFlushFix : TextFix
{
    /// <inheritdoc />
    public override string EquivalenceKey => "TLB001.InsertFlush";

    /// <inheritdoc />
    /// <remarks>A flush costs IPIs and may hide the real bug (a flush in the wrong place or with the wrong flag).</remarks>
    public override bool ChangesBehaviour => true;

    /// <inheritdoc />
    public override Task<TextFixEdit?> ComputeAsync(FixDocument document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        InvocationExpressionSyntax? call = GuardedInvocation.At(document, diagnostic);
        StatementSyntax? anchor = call is null ? null : Anchor(call);
        if (anchor is null)
        {
            return Task.FromResult<TextFixEdit?>(null);
        }

        ISymbol? enclosing = document.Model.GetEnclosingSymbol(anchor.SpanStart, cancellationToken);
        FlushCall? flush = FlushCall.Find(document, anchor.SpanStart, enclosing, cancellationToken);
        if (flush is null)
        {
            return Task.FromResult<TextFixEdit?>(null);
        }

        int lineStart = document.LineStart(anchor.SpanStart);
        bool ownLine = string.IsNullOrWhiteSpace(document.Text.ToString(TextSpan.FromBounds(lineStart, anchor.SpanStart)));
        TextChange change = ownLine
            ? new TextChange(new TextSpan(lineStart, 0), document.IndentationAt(anchor.SpanStart) + flush.Text + ";" + document.LineBreakAt(anchor.SpanStart))
            : new TextChange(new TextSpan(anchor.SpanStart, 0), flush.Text + "; ");
        return Task.FromResult<TextFixEdit?>(new TextFixEdit($"Insert a TLB flush: {flush.Text}", ImmutableArray.Create(change)));
    }

    /// <summary>
    /// The statement of a block (or switch section) that holds the call, within the call's own body: a flush
    /// before it dominates the call.
    /// </summary>
    private static StatementSyntax? Anchor(SyntaxNode call)
    {
        foreach (SyntaxNode ancestor in call.Ancestors())
        {
            switch (ancestor)
            {
                case AnonymousFunctionExpressionSyntax or ArrowExpressionClauseSyntax or MemberDeclarationSyntax:
                    return null;
                case StatementSyntax statement when statement.Parent is BlockSyntax or SwitchSectionSyntax:
                    return statement;
            }
        }

        return null;
    }
}
