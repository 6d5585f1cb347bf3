using System;

namespace KernelModel.Analyzers.IntegrationTests;

/// <summary>
/// Where a piece of text sits in a source file, so that tests state expected locations by pointing at the code
/// (the line that holds <c>// TLB001 here</c>, say) instead of by line numbers that drift when the source changes.
/// </summary>
public static class SourceMarker
{
    /// <summary>The 1-based line and column of <paramref name="code"/> on the line that contains <paramref name="lineMarker"/>.</summary>
    /// <param name="source">The source text.</param>
    /// <param name="lineMarker">Text that occurs on exactly one line, such as a trailing comment.</param>
    /// <param name="code">The code on that line whose start is wanted.</param>
    /// <returns>The position, as compilers print it.</returns>
    public static (int Line, int Column) Find(string source, string lineMarker, string code)
    {
        string[] lines = source.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        int index = Array.FindIndex(lines, line => line.Contains(lineMarker, StringComparison.Ordinal));
        if (index < 0 || Array.FindIndex(lines, index + 1, line => line.Contains(lineMarker, StringComparison.Ordinal)) >= 0)
        {
            throw new ArgumentException($"'{lineMarker}' must occur on exactly one line.", nameof(lineMarker));
        }

        int column = lines[index].IndexOf(code, StringComparison.Ordinal);
        if (column < 0)
        {
            throw new ArgumentException($"'{code}' is not on the line marked '{lineMarker}'.", nameof(code));
        }

        return (index + 1, column + 1);
    }
}
