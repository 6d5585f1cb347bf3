using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace KernelModel.Analyzers.Tests;

/// <summary>
/// What a reported guarded site must look like (SPEC §5–§6): the diagnostic starts on the call's line, says
/// something, and carries at least one additional location, the witness path a reviewer follows.
/// </summary>
public static class SiteDiagnostics
{
    /// <summary>
    /// Asserts that <paramref name="outcome"/> has <paramref name="id"/> on at least one of
    /// <paramref name="sites"/>, and that every such diagnostic has a message and a witness.
    /// </summary>
    /// <param name="outcome">The analysed build.</param>
    /// <param name="id">TLB001 or TLB002.</param>
    /// <param name="sites">Candidate sites with their 1-based lines in the analysed text.</param>
    public static void AssertReportedWithWitness(AnalysisOutcome outcome, string id, IReadOnlyList<(CallSite Site, int Line)> sites)
    {
        Diagnostic[] hits = outcome.RuleDiagnostics
            .Where(diagnostic => diagnostic.Id == id &&
                sites.Any(site => site.Site.File == diagnostic.Location.SourceTree?.FilePath && site.Line == DiagnosticListing.Line(diagnostic)))
            .ToArray();

        Assert.True(
            hits.Length > 0,
            $"Expected {id} on one of: {string.Join("; ", sites.Select(site => $"{site.Site} (line {site.Line})"))}." +
            $"{Environment.NewLine}The analyzer reported:{Environment.NewLine}{DiagnosticListing.Describe(outcome.RuleDiagnostics)}");
        Assert.All(hits, hit =>
        {
            Assert.False(
                string.IsNullOrWhiteSpace(hit.GetMessage(System.Globalization.CultureInfo.InvariantCulture)),
                $"{DiagnosticListing.Describe(hit)} has no message.");
            Assert.True(hit.AdditionalLocations.Count > 0, $"{DiagnosticListing.Describe(hit)} has no witness location.");
        });
    }
}
