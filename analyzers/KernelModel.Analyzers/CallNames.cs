using System;
using System.Collections.Generic;
using System.Linq;
using KernelModel.Analysis;

namespace KernelModel.Analyzers;

/// <summary>What a name found in a file's text is to the rules (flags: one name may be several things).</summary>
[Flags]
internal enum NameKind
{
    /// <summary>Not a name looked for.</summary>
    None = 0,

    /// <summary>
    /// A name the engine rules (TLB001/002/005) and the declaration rules (TLB003/006) start from: a sync method, a
    /// method declared with a contract, a contract attribute.
    /// </summary>
    Engine = 1,

    /// <summary>A broadcast check (TLB004 looks at the <c>if</c> statements that call one).</summary>
    BroadcastCheck = 2,

    /// <summary>
    /// A flush primitive or a method declared with <c>[EnsuresTableFlush]</c> in source: only a body that calls one
    /// can flush on every return (TLB007 looks at those bodies).
    /// </summary>
    Flush = 4,
}

/// <summary>
/// The names <see cref="CallNameFilter"/> looks for in a file's text, matched against a run of characters in place so
/// that the scan allocates nothing per identifier: contract methods and contract attributes by ordinal comparison,
/// sync methods and broadcast checks as <see cref="EngineOptions.IsSyncMethod"/> compares them
/// (<see cref="Names.Equal"/>). Each set is an open-addressing table keyed by a hash of the characters as compared, so
/// a lookup costs one pass over the identifier whatever the number of names.
/// </summary>
internal sealed class CallNames
{
    private readonly (string Name, NameKind Kind)?[] _exact;
    private readonly (string Name, NameKind Kind)?[] _normalized;

    /// <summary>Creates the tables.</summary>
    /// <param name="exact">Names matched as written (contract methods and contract attributes), with what each is.</param>
    /// <param name="normalized">Names already normalised (<see cref="Names.Normalize"/>: sync methods, broadcast checks), with what each is.</param>
    public CallNames(IEnumerable<(string Name, NameKind Kind)> exact, IEnumerable<(string Name, NameKind Kind)> normalized)
    {
        (string, NameKind)[] exactNames = Merge(exact);
        (string, NameKind)[] normalizedNames = Merge(normalized);
        _exact = Table(exactNames, normalized: false);
        _normalized = Table(normalizedNames, normalized: true);
        IEnumerable<int> lengths = exactNames.Concat(normalizedNames).Select(name => name.Item1.Length);
        Shortest = lengths.Any() ? lengths.Min() : int.MaxValue;
    }

    /// <summary>
    /// The length of the shortest name. A name matched after normalisation is never longer than the identifier it
    /// comes from, so an identifier shorter than this cannot match and need not be looked up.
    /// </summary>
    public int Shortest { get; }

    /// <summary>What <paramref name="identifier"/> is, if it is one of the names.</summary>
    /// <param name="identifier">The identifier's characters (after any <c>@</c>).</param>
    /// <returns>Its kinds, <see cref="NameKind.None"/> when it is none of the names.</returns>
    public NameKind Find(ReadOnlySpan<char> identifier) =>
        Find(_exact, identifier, normalized: false) | Find(_normalized, identifier, normalized: true);

    private static (string, NameKind)[] Merge(IEnumerable<(string Name, NameKind Kind)> names) =>
        names.GroupBy(name => name.Name, StringComparer.Ordinal)
            .Select(group => (group.Key, group.Aggregate(NameKind.None, (kinds, name) => kinds | name.Kind)))
            .ToArray();

    private static (string Name, NameKind Kind)?[] Table((string Name, NameKind Kind)[] names, bool normalized)
    {
        // At most half full, so that probing for an absent name (the usual case) stops after a slot or two.
        int size = 4;
        while (size < names.Length * 2)
        {
            size *= 2;
        }

        var table = new (string, NameKind)?[size];
        foreach ((string Name, NameKind Kind) name in names)
        {
            int slot = Hash(name.Name.AsSpan(), normalized) & (size - 1);
            while (table[slot] is not null)
            {
                slot = (slot + 1) & (size - 1);
            }

            table[slot] = name;
        }

        return table;
    }

    private static NameKind Find((string Name, NameKind Kind)?[] table, ReadOnlySpan<char> identifier, bool normalized)
    {
        int mask = table.Length - 1;
        for (int slot = Hash(identifier, normalized) & mask; table[slot] is (string name, NameKind kind); slot = (slot + 1) & mask)
        {
            if (normalized ? Names.Equal(name.AsSpan(), identifier) : name.AsSpan().SequenceEqual(identifier))
            {
                return kind;
            }
        }

        return NameKind.None;
    }

    /// <summary>FNV-1a over the characters as compared: as written, or as <see cref="Names.Hash"/> normalises them.</summary>
    private static int Hash(ReadOnlySpan<char> text, bool normalized)
    {
        if (normalized)
        {
            return Names.Hash(text);
        }

        uint hash = 2166136261;
        foreach (char c in text)
        {
            hash = (hash ^ c) * 16777619;
        }

        return (int)hash;
    }
}
