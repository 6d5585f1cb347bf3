using System;
using System.Collections.Immutable;
using System.Linq;
using System.Text.RegularExpressions;

namespace KernelModel.Analyzers.Tests;

/// <summary>
/// Reads the expectations a corpus file states next to the code they judge, Sonar's <c>// Noncompliant</c> style:
/// a line ending in <c>// expect: TLB001</c> or <c>// expect: TLB001, TLB004</c> must carry those diagnostics, and
/// every other line none (Cases/README.md).
/// </summary>
public static partial class ExpectComments
{
    /// <summary>Every (1-based line, rule id) pair the comments in <paramref name="text"/> name.</summary>
    /// <param name="text">A corpus file.</param>
    /// <returns>The expected pairs.</returns>
    public static ImmutableHashSet<ExpectedDiagnostic> Parse(string text) =>
        text.Split('\n')
            .SelectMany((line, index) => ExpectComment().Match(line) is { Success: true } match
                ? match.Groups["ids"].Value.Split(',').Select(id => new ExpectedDiagnostic(index + 1, id.Trim()))
                : [])
            .ToImmutableHashSet();

    [GeneratedRegex(@"//\s*expect:\s*(?<ids>[A-Z]+\d+(?:\s*,\s*[A-Z]+\d+)*)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex ExpectComment();
}

/// <summary>A diagnostic a corpus file expects: the rule and the line its primary location starts on.</summary>
/// <param name="Line">1-based line.</param>
/// <param name="Id">Rule id, for example <c>TLB001</c>.</param>
public readonly record struct ExpectedDiagnostic(int Line, string Id) : IComparable<ExpectedDiagnostic>
{
    /// <inheritdoc />
    public int CompareTo(ExpectedDiagnostic other) =>
        Line != other.Line ? Line.CompareTo(other.Line) : string.CompareOrdinal(Id, other.Id);

    /// <inheritdoc />
    public override string ToString() => $"line {Line} {Id}";
}
