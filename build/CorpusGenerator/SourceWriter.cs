using System.Collections.Generic;
using System.Text;

namespace KernelModel.CorpusGenerator;

/// <summary>Accumulates the lines of one file with indentation, so that templates know the line they write on.</summary>
internal sealed class SourceWriter
{
    private readonly List<string> _lines = [];
    private int _indent;

    /// <summary>How many lines have been written.</summary>
    public int LineCount => _lines.Count;

    /// <summary>Writes one line at the current indentation; an expectation becomes its trailing comment.</summary>
    /// <param name="text">The line without indentation; empty for a blank line.</param>
    /// <param name="expect">A rule id the line must carry (for example TLB001), or null.</param>
    public void Line(string text = "", string? expect = null)
    {
        string line = text.Length == 0 ? string.Empty : new string(' ', _indent * 4) + text;
        _lines.Add(expect is null ? line : $"{line} // expect: {expect}");
    }

    /// <summary>Opens a brace block.</summary>
    public void Open()
    {
        Line("{");
        _indent++;
    }

    /// <summary>Closes a brace block.</summary>
    /// <param name="suffix">What follows the brace, for example the semicolon after a switch expression.</param>
    public void Close(string suffix = "")
    {
        _indent--;
        Line("}" + suffix);
    }

    /// <summary>The file's text, with a final newline.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (string line in _lines)
        {
            text.Append(line).Append('\n');
        }

        return text.ToString();
    }
}
