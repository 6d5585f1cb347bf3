using System;
using System.Collections.Generic;
using System.Linq;
using KernelModel.Analysis;

namespace KernelModel.Analyzers;

/// <summary>
/// The names <see cref="CallNameFilter"/> looks for in a file's text, matched against a run of characters in place so
/// that the scan allocates nothing per identifier: contract methods and contract attributes by ordinal comparison,
/// sync methods as <see cref="EngineOptions.IsSyncMethod"/> compares them (<see cref="Names.Normalize"/>: underscores
/// skipped, each character lowered invariantly). Each set is an open-addressing table keyed by a hash of the
/// characters as compared, so a lookup costs one pass over the identifier whatever the number of names.
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
        _exact = Table(exactNames);
        _normalized = Table(normalizedNames);
        IEnumerable<int> lengths = exactNames.Concat(normalizedNames).Select(name => name.Length);
        Shortest = lengths.Any() ? lengths.Min() : int.MaxValue;
    }

    /// <summary>
    /// The length of the shortest name. A name matched after normalisation is never longer than the identifier it
    /// comes from, so an identifier shorter than this cannot match and need not be looked up.
    /// </summary>
    public int Shortest { get; }

    /// <summary>Whether the characters <paramref name="text"/>[<paramref name="start"/>..<paramref name="end"/>) are one of the names.</summary>
    /// <param name="text">The characters.</param>
    /// <param name="start">The first character of the identifier (after any <c>@</c>).</param>
    /// <param name="end">One past its last character.</param>
    /// <returns>True when it is a contract method, a contract attribute or (normalised) a sync method.</returns>
    public bool Contains(char[] text, int start, int end) =>
        Find(_exact, text, start, end, normalize: false) || Find(_normalized, text, start, end, normalize: true);

    private static string?[] Table(string[] names)
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
            // Stored names are hashed as written: normalised ones have no underscores left and are already lowered,
            // so a normalised identifier equal to one hashes alike.
            char[] chars = name.ToCharArray();
            int slot = Hash(chars, 0, chars.Length, normalize: false) & (size - 1);
            while (table[slot] is not null)
            {
                slot = (slot + 1) & (size - 1);
            }

            table[slot] = name;
        }

        return table;
    }

    private static bool Find(string?[] table, char[] text, int start, int end, bool normalize)
    {
        int mask = table.Length - 1;
        for (int slot = Hash(text, start, end, normalize) & mask; table[slot] is string name; slot = (slot + 1) & mask)
        {
            if (normalize ? EqualsNormalized(name, text, start, end) : EqualsOrdinal(name, text, start, end))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>FNV-1a over the characters as compared: as written, or without underscores and lowered.</summary>
    private static int Hash(char[] text, int start, int end, bool normalize)
    {
        uint hash = 2166136261;
        for (int i = start; i < end; i++)
        {
            char c = text[i];
            if (normalize)
            {
                if (c == '_')
                {
                    continue;
                }

                c = char.ToLowerInvariant(c);
            }

            hash = (hash ^ c) * 16777619;
        }

        return (int)hash;
    }

    private static bool EqualsOrdinal(string name, char[] text, int start, int end)
    {
        if (name.Length != end - start)
        {
            return false;
        }

        for (int i = 0; i < name.Length; i++)
        {
            if (name[i] != text[start + i])
            {
                return false;
            }
        }

        return true;
    }

    private static bool EqualsNormalized(string name, char[] text, int start, int end)
    {
        int k = 0;
        for (int i = start; i < end; i++)
        {
            char c = text[i];
            if (c == '_')
            {
                continue;
            }

            if (k == name.Length || name[k] != char.ToLowerInvariant(c))
            {
                return false;
            }

            k++;
        }

        return k == name.Length;
    }
}
