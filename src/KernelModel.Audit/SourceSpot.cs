using System;

namespace KernelModel.Audit;

/// <summary>A place in the audited code: a path relative to the report's root, with '/' separators, and 1-based line and column.</summary>
/// <param name="File">The file, relative to the report's root.</param>
/// <param name="Line">The 1-based line.</param>
/// <param name="Column">The 1-based column.</param>
internal sealed record SourceSpot(string File, int Line, int Column) : IComparable<SourceSpot>
{
    /// <summary>The spot as <c>file:line</c>.</summary>
    public string FileAndLine => $"{File}:{Line}";

    /// <inheritdoc />
    public int CompareTo(SourceSpot? other)
    {
        if (other is null)
        {
            return 1;
        }

        int byFile = string.CompareOrdinal(File, other.File);
        if (byFile != 0)
        {
            return byFile;
        }

        return Line != other.Line ? Line.CompareTo(other.Line) : Column.CompareTo(other.Column);
    }

    /// <summary>The spot as a reader wants it next to <paramref name="site"/>: <c>:line</c> in the same file, else <c>file:line</c>.</summary>
    /// <param name="site">The spot it is read next to.</param>
    /// <returns>The short form.</returns>
    public string RelativeTo(SourceSpot site) => File == site.File ? $":{Line}" : FileAndLine;
}
