using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using KernelModel.Analysis.Contracts;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace KernelModel.Analyzers.CodeFixes;

/// <summary>
/// TLB003 "Document the precondition": the kerneldoc the review asked for — what the method does (when it has
/// no documentation yet), that callers must have flushed with freedTables or unsharedTables set, that a flush
/// which already broadcast IPIs makes the sync unnecessary, and each required condition in full.
/// </summary>
internal sealed class DocumentPreconditionFix : TextFix
{
    /// <inheritdoc />
    public override string EquivalenceKey => "TLB003.DocumentPrecondition";

    /// <inheritdoc />
    public override Task<TextFixEdit?> ComputeAsync(FixDocument document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        SyntaxNode? declaration = document.Root.FindToken(diagnostic.Location.SourceSpan.Start).Parent;
        if (declaration is not BaseMethodDeclarationSyntax method ||
            document.Model.GetDeclaredSymbol(method, cancellationToken) is not IMethodSymbol symbol ||
            PreconditionDocumentation.For(symbol, document.Session, cancellationToken) is not { IsComplete: false } gap)
        {
            return Task.FromResult<TextFixEdit?>(null);
        }

        MethodContracts contracts = document.Session.Contracts.For(symbol);
        bool isSync = document.Session.Options.IsSyncMethod(symbol.Name);
        var remarks = new List<string>();
        if (gap.NeedsFlush && !gap.MentionsFlush)
        {
            remarks.Add(isSync ? SyncRemarks : CallerRemarks(contracts));
        }

        ImmutableArray<string> missing = gap.MissingIdentifiers;
        remarks.AddRange(contracts.Conditions
            .Where(required => missing.Any(identifier => required.Condition.Text.IndexOf(identifier, System.StringComparison.OrdinalIgnoreCase) >= 0))
            .Select(required => $"Callers must make sure that <c>{DocumentationEdit.Escape(required.Condition.Text)}</c> holds before calling."));

        string summary = isSync ? SyncSummary : Summary(document, method, contracts, cancellationToken);
        TextChange? change = DocumentationEdit.Add(document, method, summary, string.Join(" ", remarks));
        return Task.FromResult(change is null
            ? null
            : new TextFixEdit($"Document the flush precondition of '{symbol.Name}'", ImmutableArray.Create(change.Value)));
    }

    private const string SyncSummary =
        "Makes sure that concurrent lockless page-table walkers (GUP-fast) have finished before a page table is freed or reused.";

    private const string SyncRemarks =
        "Callers must have performed a TLB flush with freedTables or unsharedTables set before calling. " +
        "When that flush already broadcast IPIs to every CPU (tlb_table_flush_implies_ipi_broadcast()), " +
        "the walkers are gone and this sync returns at once; without that flush, skipping the IPIs would leave " +
        "a walker inside a table that is then freed or reused.";

    private static string CallerRemarks(MethodContracts contracts) =>
        "Callers must have performed a TLB flush with freedTables or unsharedTables set before calling" +
        (contracts.Unless is null ? "" : $", unless <c>{DocumentationEdit.Escape(contracts.Unless.Text)}</c> holds") + ". " +
        "A preceding flush that already broadcast IPIs to every CPU makes the sync unnecessary, so it is skipped; " +
        "without such a flush, a lockless walker could still be inside a table that is then freed or reused.";

    /// <summary>What the method does, from the guarded calls it makes.</summary>
    private static string Summary(FixDocument document, BaseMethodDeclarationSyntax method, MethodContracts contracts, CancellationToken cancellationToken)
    {
        List<string> guarded = method.DescendantNodes().OfType<InvocationExpressionSyntax>()
            .Select(call => document.Model.GetSymbolInfo(call, cancellationToken).Symbol as IMethodSymbol)
            .Where(callee => callee is not null && document.Session.IsGuarded(callee))
            .Select(callee => $"<c>{callee!.Name}</c>")
            .Distinct()
            .ToList();
        if (guarded.Count > 0)
        {
            return $"Calls {DocumentationEdit.Join(guarded)}, which wait{(guarded.Count == 1 ? "s" : "")} for lockless page-table walkers before a page table is freed or reused.";
        }

        return contracts.RequiresTableFlush
            ? "Frees or reuses page tables on the assumption that a TLB flush has already reached every CPU that may walk them."
            : "Relies on its required conditions holding on entry.";
    }
}
