using System;
using System.Collections.Generic;
using System.Text;

namespace KernelModel.Analysis;

/// <summary>
/// How configured names are compared: underscores removed, case ignored, so that a port keeping the kernel's
/// spelling (<c>tlb_remove_table_sync_one</c>) matches <c>TlbRemoveTableSyncOne</c>. The one definition of that rule:
/// <see cref="Normalize"/> stores names, <see cref="Equal"/> and <see cref="Hash"/> compare without allocating.
/// </summary>
public static class Names
{
    /// <summary>Compares names as <see cref="Normalize"/> would, without building the normalised strings.</summary>
    public static IEqualityComparer<string> Comparer { get; } = new NormalizedComparer();

    /// <summary>Normalises a method or parameter name for comparison.</summary>
    /// <param name="name">The name as written.</param>
    /// <returns>The name without underscores, in lower case.</returns>
    public static string Normalize(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (char c in name)
        {
            if (c != '_')
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }

    /// <summary>Whether two names are equal once normalised.</summary>
    /// <param name="x">A name.</param>
    /// <param name="y">Another name.</param>
    /// <returns>True when they match.</returns>
    public static bool Equal(ReadOnlySpan<char> x, ReadOnlySpan<char> y)
    {
        int i = 0;
        int j = 0;
        while (true)
        {
            while (i < x.Length && x[i] == '_')
            {
                i++;
            }

            while (j < y.Length && y[j] == '_')
            {
                j++;
            }

            if (i == x.Length || j == y.Length)
            {
                return i == x.Length && j == y.Length;
            }

            if (char.ToLowerInvariant(x[i++]) != char.ToLowerInvariant(y[j++]))
            {
                return false;
            }
        }
    }

    /// <summary>A hash of the normalised name (FNV-1a), equal for names that are <see cref="Equal"/>.</summary>
    /// <param name="name">A name.</param>
    /// <returns>The hash.</returns>
    public static int Hash(ReadOnlySpan<char> name)
    {
        uint hash = 2166136261;
        foreach (char c in name)
        {
            if (c != '_')
            {
                hash = (hash ^ char.ToLowerInvariant(c)) * 16777619;
            }
        }

        return (int)hash;
    }

    private sealed class NormalizedComparer : IEqualityComparer<string>
    {
        public bool Equals(string? x, string? y) =>
            x is null || y is null ? x is null && y is null : Equal(x.AsSpan(), y.AsSpan());

        public int GetHashCode(string name) => Hash(name.AsSpan());
    }
}
