using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace KernelModel.Analyzers.IntegrationTests;

/// <summary>
/// One diagnostic as <c>dotnet build</c> prints it:
/// <c>/path/File.cs(12,9): warning TLB001: message (help link) [/path/App.csproj]</c>.
/// </summary>
/// <param name="File">The file's name, without its folder.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
/// <param name="Severity"><c>warning</c> or <c>error</c>.</param>
/// <param name="Id">The diagnostic id, such as <c>TLB001</c>.</param>
/// <param name="Message">The rest of the line.</param>
public sealed partial record BuildDiagnostic(string File, int Line, int Column, string Severity, string Id, string Message)
{
    /// <summary>
    /// Every distinct diagnostic in a build's output. MSBuild repeats each one in its summary; those repeats
    /// collapse here.
    /// </summary>
    /// <param name="output">Standard output of <c>dotnet build</c> or <c>dotnet format</c>.</param>
    /// <returns>The diagnostics, in order of first appearance.</returns>
    public static IReadOnlyList<BuildDiagnostic> Parse(string output) =>
        output.Split('\n')
            .Select(line => Pattern().Match(line.TrimEnd('\r')))
            .Where(match => match.Success)
            .Select(match => new BuildDiagnostic(
                Path.GetFileName(match.Groups["file"].Value.Trim()),
                int.Parse(match.Groups["line"].Value, CultureInfo.InvariantCulture),
                int.Parse(match.Groups["column"].Value, CultureInfo.InvariantCulture),
                match.Groups["severity"].Value,
                match.Groups["id"].Value,
                match.Groups["message"].Value))
            .Distinct()
            .ToList();

    /// <summary>The diagnostics with one id.</summary>
    /// <param name="diagnostics">Parsed diagnostics.</param>
    /// <param name="id">For example <c>TLB001</c>.</param>
    /// <returns>Those with that id.</returns>
    public static IReadOnlyList<BuildDiagnostic> WithId(IEnumerable<BuildDiagnostic> diagnostics, string id) =>
        diagnostics.Where(diagnostic => string.Equals(diagnostic.Id, id, StringComparison.Ordinal)).ToList();

    [GeneratedRegex(@"^\s*(?<file>[^\s(][^(]*)\((?<line>\d+),(?<column>\d+)\): (?<severity>warning|error) (?<id>[A-Z]+\d+): (?<message>.*?)(?: \[[^\]]*\])?$")]
    private static partial Regex Pattern();
}
