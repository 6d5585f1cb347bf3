using System;
using System.Collections.Generic;
using System.Linq;
using KernelModel.Analysis;

namespace KernelModel.Analyzers;

/// <summary>
/// The names <see cref="CallNameFilter"/> looks for in a file's text, matched against a run of characters in place so
/// that the scan allocates nothing per identifier: contract methods and contract attributes by ordinal comparison,
/// sync methods as <see cref="EngineOptions.IsSyncMethod"/> compares them (<see cref="Names.Equal"/>). Each set is an
/// open-addressing table keyed by a hash of the characters as compared, so a lookup costs one pass over the identifier
/// whatever the number of names.
/// </summary>
internal sealed class CallNames
{
    private readonly string?[] _exact;
    private readonly string?[] _normalized;

    /// <summary>Creates the tables.</summary>
    /// <param name="exact">Names matched as written: contract methods and contract attributes.</param>
    /// <param name="normalized">Names already normalised (<see cref="Names.Normalize"/>): the sync methods.</param>
    public CallNames(IEnumerable<string> exact, IEnumerable<string> normalized)
    {
        string[] exactNames = exact.Distinct(StringComparer.Ordinal).ToArray();
        string[] normalizedNames = normalized.Distinct(StringComparer.Ordinal).ToArray();
        _exact = Table(exactNames, normalized: false);
        _normalized = Table(normalizedNames, normalized: true);
        IEnumerable<int> lengths = exactNames.Concat(normalizedNames).Select(name => name.Length);
        Shortest = lengths.Any() ? lengths.Min() : int.MaxValue;
    }

    /// <summary>
    /// The length of the shortest name. A name matched after normalisation is never longer than the identifier it
    /// comes from, so an identifier shorter than this cannot match and need not be looked up.
    /// </summary>
    public int Shortest { get; }

    /// <summary>Whether <paramref name="identifier"/> is one of the names.</summary>
    /// <param name="identifier">The identifier's characters (after any <c>@</c>).</param>
    /// <returns>True when it is a contract method, a contract attribute or (normalised) a sync method.</returns>
    public bool Contains(ReadOnlySpan<char> identifier) =>
        Find(_exact, identifier, normalized: false) || Find(_normalized, identifier, normalized: true);

    private static string?[] Table(string[] names, bool normalized)
    {
        // At most half full, so that probing for an absent name (the usual case) stops after a slot or two.
        int size = 4;
        while (size < names.Length * 2)
        {
            size *= 2;
        }

        var table = new string?[size];
        foreach (string name in names)
        {
            int slot = Hash(name.AsSpan(), normalized) & (size - 1);
            while (table[slot] is not null)
            {
                slot = (slot + 1) & (size - 1);
            }

            table[slot] = name;
        }

        return table;
    }

    private static bool Find(string?[] table, ReadOnlySpan<char> identifier, bool normalized)
    {
        int mask = table.Length - 1;
        for (int slot = Hash(identifier, normalized) & mask; table[slot] is string name; slot = (slot + 1) & mask)
        {
            if (normalized ? Names.Equal(name.AsSpan(), identifier) : name.AsSpan().SequenceEqual(identifier))
            {
                return true;
            }
        }

        return false;
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
