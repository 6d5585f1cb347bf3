using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace KernelModel.Audit;

/// <summary>
/// An earlier SARIF report of this tool (<c>--baseline</c>): which verdict each site had, keyed by rule, file,
/// method, callee and configurations rather than by line, so that edits above a site do not make it new.
/// </summary>
internal sealed class Baseline
{
    private readonly HashSet<string> _verdicts;

    private Baseline(HashSet<string> verdicts) => _verdicts = verdicts;

    /// <summary>Reads a SARIF report written by <c>tlb-audit --format sarif</c>.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The baseline.</returns>
    /// <exception cref="AuditInputException">The file is missing or is not such a report.</exception>
    public static Baseline Read(string path)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path));
            var verdicts = new HashSet<string>(StringComparer.Ordinal);
            foreach (JsonElement run in document.RootElement.GetProperty("runs").EnumerateArray())
            {
                foreach (JsonElement result in run.GetProperty("results").EnumerateArray())
                {
                    JsonElement properties = result.GetProperty("properties");
                    JsonElement location = result.GetProperty("locations")[0];
                    string configurations = properties.TryGetProperty("configurations", out JsonElement list)
                        ? string.Join(",", list.EnumerateArray().Select(c => c.GetString()))
                        : string.Empty;
                    verdicts.Add(Key(
                        result.GetProperty("ruleId").GetString()!,
                        location.GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString()!,
                        location.GetProperty("logicalLocations")[0].GetProperty("name").GetString()!,
                        properties.GetProperty("callee").GetString()!,
                        configurations,
                        properties.GetProperty("verdict").GetString()!));
                }
            }

            return new Baseline(verdicts);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException)
        {
            throw new AuditInputException($"cannot read the baseline {path}: {(e is KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException ? "not a SARIF report of tlb-audit" : e.Message)}");
        }
    }

    /// <summary>The report with only the sites whose verdict, in some configuration, is not in the baseline.</summary>
    /// <param name="report">The report.</param>
    /// <returns>The new and changed sites.</returns>
    public AuditReport NewOrChanged(AuditReport report) => report.Restrict(
        report.Sites.Where(s => s.Verdicts.Any(v => !_verdicts.Contains(Key(v)))).ToImmutableArray(),
        "verdicts unchanged since the baseline");

    private static string Key(SiteVerdict verdict) => Key(
        verdict.Site.Rule, verdict.Site.At.File, verdict.Site.Method, verdict.Site.Callee, string.Join(",", verdict.Configurations), verdict.Site.Verdict);

    private static string Key(string rule, string file, string method, string callee, string configurations, string verdict) =>
        string.Join("\u0001", rule, file, method, callee, configurations, verdict);
}
