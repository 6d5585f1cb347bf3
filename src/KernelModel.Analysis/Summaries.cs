using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace KernelModel.Analysis;

/// <summary>
/// What a callee does for one input: the states at its normal returns (Flushed, the facts it leaves on its
/// parameters' access paths and on statics, its returned bool) and the members it writes. No exits means it
/// never returns normally.
/// </summary>
/// <param name="Exits">The states at normal returns.</param>
/// <param name="WrittenMembers">Fields and properties written anywhere in the callee, directly or through its callees.</param>
public sealed record Summary(ImmutableArray<AbstractState> Exits, ImmutableArray<ISymbol> WrittenMembers)
{
    /// <summary>
    /// The declarations whose bodies computing the summary read: the callee's, and those its nested summaries,
    /// initializers and condition methods read. A later compilation may reuse the summary only while all of them are
    /// unchanged.
    /// </summary>
    public ImmutableArray<SyntaxNode> Reads { get; init; } = ImmutableArray<SyntaxNode>.Empty;
}

/// <summary>Memoised summaries, keyed by callee and by the projection of the caller's state it was computed for.</summary>
public sealed class SummaryCache
{
    private readonly ConcurrentDictionary<SummaryKey, Summary> _summaries = new();
    private int _computed;

    /// <summary>How many summaries were computed (for tests and benchmarks).</summary>
    public int Computed => _computed;

    internal bool TryGet(SummaryKey key, out Summary summary) => _summaries.TryGetValue(key, out summary!);

    internal void Store(SummaryKey key, Summary summary) => _summaries.TryAdd(key, summary);

    internal void CountComputation() => System.Threading.Interlocked.Increment(ref _computed);
}

/// <summary>A callee and the facts it starts with.</summary>
internal sealed class SummaryKey : IEquatable<SummaryKey>
{
    private readonly int _hash;

    public SummaryKey(IMethodSymbol method, ImmutableDictionary<AccessPath, bool> facts)
    {
        Method = method;
        Facts = facts;
        int hash = SymbolEqualityComparer.Default.GetHashCode(method);
        foreach (KeyValuePair<AccessPath, bool> fact in facts)
        {
            hash ^= fact.Key.GetHashCode() * (fact.Value ? 7 : 13);
        }

        _hash = hash;
    }

    public IMethodSymbol Method { get; }

    public ImmutableDictionary<AccessPath, bool> Facts { get; }

    public bool Equals(SummaryKey? other) =>
        other is not null && _hash == other._hash &&
        SymbolEqualityComparer.Default.Equals(Method, other.Method) &&
        Facts.Count == other.Facts.Count &&
        Facts.All(f => other.Facts.TryGetValue(f.Key, out bool v) && v == f.Value);

    public override bool Equals(object? obj) => Equals(obj as SummaryKey);

    public override int GetHashCode() => _hash;
}
