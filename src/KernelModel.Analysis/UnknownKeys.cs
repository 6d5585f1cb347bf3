using System;
using System.Collections.Generic;
using System.Linq;

namespace KernelModel.Analysis;

/// <summary>
/// Misspelled configuration keys: a <c>tlb_analysis.*</c> key that is not one of <see cref="EngineOptions.Keys"/>
/// configures nothing, so the setting its author meant silently keeps its default. Each is reported (TLB000) with
/// the nearest real key, when one is close.
/// </summary>
internal static class UnknownKeys
{
    private const string Prefix = "tlb_analysis.";

    /// <summary>Adds a problem for every unknown <c>tlb_analysis.*</c> key among <paramref name="keys"/>.</summary>
    /// <param name="keys">Every key set for the file.</param>
    /// <param name="lookup">Returns a key's raw value.</param>
    /// <param name="problems">Receives the problems.</param>
    public static void Find(IEnumerable<string> keys, Func<string, string?> lookup, List<OptionProblem> problems)
    {
        foreach (string key in keys)
        {
            if (!key.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) ||
                EngineOptions.Keys.Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            string? nearest = Nearest(key);
            string reason = nearest is null
                ? "the keys are " + string.Join(", ", EngineOptions.Keys)
                : $"did you mean '{nearest}'?";
            problems.Add(new OptionProblem(key, lookup(key) ?? string.Empty, reason, Fallback: null));
        }
    }

    /// <summary>The real key within a few edits of <paramref name="key"/>, or null.</summary>
    private static string? Nearest(string key)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (string known in EngineOptions.Keys)
        {
            int distance = Distance(key.ToLowerInvariant(), known);
            if (distance < bestDistance)
            {
                (best, bestDistance) = (known, distance);
            }
        }

        // A third of the name part may differ: sync_method, syncmethods and sync_metods all find sync_methods.
        return bestDistance <= Math.Max(2, (best!.Length - Prefix.Length) / 3) ? best : null;
    }

    /// <summary>The Levenshtein distance: single-character insertions, deletions and substitutions.</summary>
    private static int Distance(string a, string b)
    {
        int[] previous = Enumerable.Range(0, b.Length + 1).ToArray();
        int[] current = new int[b.Length + 1];
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
