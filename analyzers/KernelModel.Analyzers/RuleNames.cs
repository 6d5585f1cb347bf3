using System;
using System.Buffers;
using System.Collections.Generic;
using System.Collections.Immutable;
using KernelModel.Analysis;
using Microsoft.CodeAnalysis.Text;

namespace KernelModel.Analyzers;

/// <summary>
/// The names the rules start from, in one place, so that the compilation gate (<see cref="CompilationGate"/>) and the
/// per-file scan (<see cref="CallNameFilter"/>) cannot disagree. A rule that starts from a new name adds it here:
/// a member name to <see cref="OpeningMembers"/>, an attribute to <see cref="ContractAttributeStems"/>, a name the
/// per-file scan must find to <see cref="BroadcastChecks"/> or to the scan's contract names.
/// </summary>
internal static class RuleNames
{
    /// <summary>
    /// The contract attributes' names as written in source (also in <c>using</c> aliases), without the
    /// <c>Attribute</c> suffix.
    /// </summary>
    public static IReadOnlyList<string> ContractAttributeStems { get; } = ["RequiresTableFlush", "EnsuresTableFlush", "RequiresCondition"];

    /// <summary>The contract attribute types, as metadata names them (the reader also accepts them without the suffix).</summary>
    public static IReadOnlyList<string> ContractAttributeTypes { get; } =
    [
        "RequiresTableFlushAttribute", "RequiresTableFlush",
        "RequiresConditionAttribute", "RequiresCondition",
        "EnsuresTableFlushAttribute", "EnsuresTableFlush",
    ];

    /// <summary>
    /// The normalised member names whose declaration, in source or in a referenced assembly, means the rules may have
    /// something to say without any contract attribute: the sync methods (TLB001 at their calls, TLB003 and TLB004 at
    /// their declarations and callers).
    /// </summary>
    /// <param name="options">A configuration.</param>
    /// <returns>The names.</returns>
    public static IEnumerable<string> OpeningMembers(EngineOptions options) => options.SyncMethods;

    /// <summary>
    /// The normalised names of the flush primitives. A body that names one (or a method declared with
    /// <c>[EnsuresTableFlush]</c>, found by the per-file scan's contract names) may flush on every return, and TLB007
    /// looks at it. The gate opens for them only where TLB007 is switched on: a flush wrapper needs no sync call nor any
    /// contract to be told to promise its flush.
    /// </summary>
    /// <param name="options">A configuration.</param>
    /// <returns>The names.</returns>
    public static IEnumerable<string> FlushPrimitives(EngineOptions options) => options.FlushPrimitives;

    /// <summary>
    /// The normalised names of the broadcast checks the per-file scan finds for TLB004: the configured ones
    /// (<c>tlb_analysis.broadcast_checks</c>), which are the only ones its guard shapes name; none when the list is
    /// empty. The sync methods' own contract on those checks needs no name of its own: it is read at guarded calls,
    /// which the sync methods' names already find.
    /// </summary>
    /// <param name="options">A configuration.</param>
    /// <returns>The names.</returns>
    public static IEnumerable<string> BroadcastChecks(EngineOptions options) => options.BroadcastChecks;

    /// <summary>
    /// Ordinary methods that calls reach without naming them at an invocation: collection initializers (<c>Add</c>) and
    /// query clauses. A contract method or a sync method with one of these names makes syntax unable to tell which
    /// code calls it.
    /// </summary>
    public static ImmutableHashSet<string> ImplicitlyCalled { get; } = ImmutableHashSet.Create(
        Names.Comparer,
        "Add", "Select", "SelectMany", "Where", "OrderBy", "OrderByDescending", "ThenBy", "ThenByDescending", "GroupBy",
        "Join", "GroupJoin", "Cast");

    /// <summary>Whether <paramref name="text"/> contains a contract attribute's name anywhere (comments and strings too).</summary>
    /// <param name="text">A file's text.</param>
    /// <returns>True when it does.</returns>
    public static bool MentionsContract(SourceText text)
    {
        char[] chars = ArrayPool<char>.Shared.Rent(Math.Max(text.Length, 1));
        try
        {
            text.CopyTo(0, chars, 0, text.Length);
            var span = new ReadOnlySpan<char>(chars, 0, text.Length);
            foreach (string stem in ContractAttributeStems)
            {
                if (span.IndexOf(stem.AsSpan(), StringComparison.Ordinal) >= 0)
                {
                    return true;
                }
            }

            return false;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }
}
