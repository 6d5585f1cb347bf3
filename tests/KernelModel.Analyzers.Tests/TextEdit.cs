using System;

namespace KernelModel.Analyzers.Tests;

/// <summary>
/// A textual edit of one source file: replace the single occurrence of <see cref="Find"/>. Patterns are written
/// with <c>\n</c> and adapt to the file's line endings. An edit whose text is missing or ambiguous throws rather
/// than silently doing nothing, so a mutant can never pass by not mutating.
/// </summary>
/// <param name="Find">The exact text to replace, which must occur exactly once.</param>
/// <param name="Replacement">What replaces it.</param>
public sealed record TextEdit(string Find, string Replacement)
{
    /// <summary>Applies the edit.</summary>
    /// <param name="text">The file's text.</param>
    /// <returns>The edited text.</returns>
    public string Apply(string text)
    {
        string newLine = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        string find = Find.ReplaceLineEndings(newLine);
        int first = text.IndexOf(find, StringComparison.Ordinal);
        if (first < 0 || text.IndexOf(find, first + 1, StringComparison.Ordinal) >= 0)
        {
            throw new InvalidOperationException(
                $"The edit expects exactly one occurrence of{Environment.NewLine}{Find}{Environment.NewLine}but found " +
                (first < 0 ? "none" : "several") + "; the sample kernel changed, so the mutant must be updated.");
        }

        return string.Concat(text.AsSpan(0, first), Replacement.ReplaceLineEndings(newLine), text.AsSpan(first + find.Length));
    }
}
