using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using KernelModel.Analysis;
using KernelModel.Analysis.Contracts;
using Microsoft.CodeAnalysis;

namespace KernelModel.Analyzers;

/// <summary>
/// What a method's documentation must say about its flush precondition (TLB003, SPEC §6), and what it leaves
/// out: sync methods and <c>[RequiresTableFlush]</c> methods must mention a flush; <c>[RequiresCondition]</c>
/// methods must name the last identifier of every member path in their conditions.
/// </summary>
/// <param name="Method">The method.</param>
/// <param name="Requirement">The requirement in words, as the message states it.</param>
/// <param name="NeedsFlush">Whether the documentation must mention a flush.</param>
/// <param name="Identifiers">The identifiers the documentation must mention.</param>
/// <param name="Documentation">The documentation comment's text, or null when there is none.</param>
public sealed record PreconditionDocumentation(
    IMethodSymbol Method,
    string Requirement,
    bool NeedsFlush,
    ImmutableArray<string> Identifiers,
    string? Documentation)
{
    /// <summary>Whether the documentation mentions a flush (also inside a word: flushed, pmdp_collapse_flush).</summary>
    public bool MentionsFlush => Mentions("flush");

    /// <summary>The required identifiers the documentation does not mention.</summary>
    public ImmutableArray<string> MissingIdentifiers => Identifiers.Where(identifier => !Mentions(identifier)).ToImmutableArray();

    /// <summary>Whether the documentation says everything it must.</summary>
    public bool IsComplete => (!NeedsFlush || MentionsFlush) && MissingIdentifiers.IsEmpty;

    /// <summary>What is missing, in words, for the diagnostic's message.</summary>
    public string Gap
    {
        get
        {
            if (Documentation is null)
            {
                return "it has no documentation comment";
            }

            var gaps = new List<string>();
            if (NeedsFlush && !MentionsFlush)
            {
                gaps.Add("never mentions a flush");
            }

            ImmutableArray<string> missing = MissingIdentifiers;
            if (!missing.IsEmpty)
            {
                gaps.Add("does not mention " + string.Join(" or ", missing.Select(identifier => $"'{identifier}'")));
            }

            return "its documentation comment " + string.Join(" and ", gaps);
        }
    }

    /// <summary>
    /// The documentation requirement of <paramref name="method"/>, or null when it has none: not a sync method,
    /// no flush contract, or a malformed contract (TLB006 comes first).
    /// </summary>
    /// <param name="method">A method with source.</param>
    /// <param name="session">The analysis session of its syntax tree.</param>
    /// <param name="cancellationToken">Cancels reading the syntax.</param>
    /// <returns>The requirement, or null.</returns>
    public static PreconditionDocumentation? For(IMethodSymbol method, AnalysisSession session, System.Threading.CancellationToken cancellationToken)
    {
        if (method.MethodKind != MethodKind.Ordinary || method.IsImplicitlyDeclared || method.DeclaringSyntaxReferences.IsEmpty)
        {
            return null;
        }

        MethodContracts contracts = session.Contracts.For(method);
        if (!contracts.Malformed.IsEmpty)
        {
            return null;
        }

        bool isSync = session.Options.IsSyncMethod(method.Name);
        bool needsFlush = isSync || contracts.RequiresTableFlush;
        ImmutableArray<string> identifiers = contracts.Conditions
            .SelectMany(required => LastIdentifiers(required.Condition))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToImmutableArray();
        if (!needsFlush && identifiers.IsEmpty)
        {
            return null;
        }

        string? documentation = null;
        foreach (SyntaxReference reference in method.DeclaringSyntaxReferences)
        {
            string? text = DocumentationText.Of(reference.GetSyntax(cancellationToken));
            if (text is not null)
            {
                documentation = documentation is null ? text : documentation + text;
            }
        }

        return new PreconditionDocumentation(method, Describe(isSync, contracts), needsFlush, identifiers, documentation);
    }

    private bool Mentions(string word) =>
        Documentation is not null && Documentation.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0;

    private static string Describe(bool isSync, MethodContracts contracts)
    {
        var parts = new List<string>();
        if (isSync)
        {
            parts.Add("is a page-table sync that relies on a preceding TLB flush");
        }
        else if (contracts.RequiresTableFlush)
        {
            parts.Add("requires callers to flush the TLB with freedTables or unsharedTables set");
        }

        parts.AddRange(contracts.Conditions.Select(required => $"requires '{required.Condition.Text}'"));
        return string.Join(" and ", parts);
    }

    private static IEnumerable<string> LastIdentifiers(Condition condition) => condition switch
    {
        PathCondition path => new[] { path.LastIdentifier },
        NotCondition not => LastIdentifiers(not.Operand),
        BinaryCondition binary => LastIdentifiers(binary.Left).Concat(LastIdentifiers(binary.Right)),
        _ => Enumerable.Empty<string>(),
    };
}
