using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace KernelModel.Audit.Tests;

/// <summary>Reads a JSON report back: its sites, each with its place, verdict and justifications.</summary>
public static class ReportJson
{
    /// <summary>The sites of a JSON report.</summary>
    /// <param name="json">The report.</param>
    /// <returns>The site elements.</returns>
    public static List<JsonElement> Sites(string json) =>
        JsonDocument.Parse(json).RootElement.GetProperty("sites").EnumerateArray().ToList();

    /// <summary>The one site at <paramref name="file"/>:<paramref name="line"/> calling <paramref name="callee"/>.</summary>
    /// <param name="json">The report.</param>
    /// <param name="file">The file, relative to the report's root.</param>
    /// <param name="line">The line.</param>
    /// <param name="callee">The method called.</param>
    /// <returns>The site.</returns>
    public static JsonElement Site(string json, string file, int line, string callee) =>
        Assert.Single(Sites(json), s => s.GetProperty("file").GetString() == file && s.GetProperty("line").GetInt32() == line && s.GetProperty("callee").GetString() == callee);

    /// <summary>The one verdict of a site that every configuration agrees on.</summary>
    /// <param name="site">The site.</param>
    /// <returns>The verdict element, with its configurations, justifications and witness.</returns>
    public static JsonElement Verdict(JsonElement site) => Assert.Single(site.GetProperty("verdicts").EnumerateArray());

    /// <summary>The justifications of a site of one kind (flush, callers-contract, unless-condition, condition-holds).</summary>
    /// <param name="site">The site.</param>
    /// <param name="kind">The kind.</param>
    /// <returns>The justifications.</returns>
    public static List<JsonElement> Justifications(JsonElement site, string kind) =>
        Verdict(site).GetProperty("justifications").EnumerateArray().Where(j => j.GetProperty("kind").GetString() == kind).ToList();

    /// <summary>The calls of a flush justification's chain, outermost first.</summary>
    /// <param name="flush">The justification.</param>
    /// <returns>The calls.</returns>
    public static List<string> Calls(JsonElement flush) =>
        flush.GetProperty("chain").EnumerateArray().Select(l => l.GetProperty("call").GetString()!).ToList();
}
