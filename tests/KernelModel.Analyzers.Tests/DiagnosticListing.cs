using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace KernelModel.Analyzers.Tests;

/// <summary>
/// Diagnostics written out for failure messages, one per line with file, 1-based line and column, id and
/// message, followed by the witness locations, so that a failing test says what the analyzer saw.
/// </summary>
public static class DiagnosticListing
{
    /// <summary>One diagnostic and its additional locations.</summary>
    /// <param name="diagnostic">The diagnostic.</param>
    /// <returns>A line such as <c>Mm/Khugepaged.cs(117,9): TLB001: …</c>, plus witness lines.</returns>
    public static string Describe(Diagnostic diagnostic)
    {
        string head = $"{Where(diagnostic.Location)}: {diagnostic.Id}: {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
        IEnumerable<string> witness = diagnostic.AdditionalLocations.Select(location => $"    also at {Where(location)}");
        return string.Join(Environment.NewLine, new[] { head }.Concat(witness));
    }

    /// <summary>Several diagnostics, or a note that there are none.</summary>
    /// <param name="diagnostics">The diagnostics.</param>
    /// <returns>The listing.</returns>
    public static string Describe(IEnumerable<Diagnostic> diagnostics)
    {
        string[] lines = diagnostics.Select(Describe).ToArray();
        return lines.Length == 0 ? "    (none)" : string.Join(Environment.NewLine, lines.Select(line => "    " + line));
    }

    /// <summary>A location as <c>path(line,column)</c>, 1-based.</summary>
    /// <param name="location">The location.</param>
    /// <returns>The text.</returns>
    public static string Where(Location location)
    {
        if (!location.IsInSource)
        {
            return location.Kind.ToString();
        }

        FileLinePositionSpan span = location.GetLineSpan();
        return $"{span.Path}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1})";
    }

    /// <summary>The 1-based line on which a diagnostic's primary location starts.</summary>
    /// <param name="diagnostic">The diagnostic.</param>
    /// <returns>The line number.</returns>
    public static int Line(Diagnostic diagnostic) => diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1;
}
