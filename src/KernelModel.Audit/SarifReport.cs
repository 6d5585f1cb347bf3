using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using KernelModel.Analyzers;
using Microsoft.CodeAnalysis;

namespace KernelModel.Audit;

/// <summary>
/// SARIF 2.1.0: one result per site — kind <c>pass</c> for a proved site, a <c>warning</c> for a violation (with
/// an in-source suppression when the build suppresses it) — each justification chain or witness path as a code
/// flow. Paths are relative to <c>SRCROOT</c>, the report's root; nothing depends on the time or the machine.
/// </summary>
internal static class SarifReport
{
    private const string RootId = "SRCROOT";

    private static readonly DiagnosticDescriptor[] _rules =
    [
        Descriptors.GuardedCallWithoutFlush,
        Descriptors.PreconditionMayNotHold,
        Descriptors.EnsuresNotMet,
    ];

    /// <summary>Writes the report.</summary>
    /// <param name="report">The report.</param>
    /// <param name="writer">Where to.</param>
    /// <param name="options">How functions are named.</param>
    public static void Write(AuditReport report, TextWriter writer, RenderOptions options)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, JsonReport.Options))
        {
            json.WriteStartObject();
            json.WriteString("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
            json.WriteString("version", "2.1.0");
            json.WriteStartArray("runs");
            json.WriteStartObject();
            WriteTool(json);
            json.WriteStartObject("originalUriBaseIds");
            json.WriteStartObject(RootId);
            json.WriteStartObject("description");
            json.WriteString("text", "The folder report paths are relative to: the repository holding the audited path, or that path's folder.");
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteString("columnKind", "utf16CodeUnits");
            json.WriteStartArray("results");
            foreach (ReportSite site in report.Sites)
            {
                foreach (SiteVerdict verdict in site.Verdicts)
                {
                    WriteResult(json, verdict, options.Names);
                }
            }

            json.WriteEndArray();
            json.WriteStartObject("properties");
            json.WriteString("target", report.Target);
            json.WriteString("summary", report.Summary);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        writer.Write(System.Text.Encoding.UTF8.GetString(stream.ToArray()).Replace("\r\n", "\n"));
        writer.Write('\n');
    }

    private static void WriteTool(Utf8JsonWriter json)
    {
        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", ToolInfo.Name);
        json.WriteString("version", ToolInfo.Version);
        json.WriteString("informationUri", ToolInfo.InformationUri);
        json.WriteStartArray("rules");
        foreach (DiagnosticDescriptor rule in _rules)
        {
            json.WriteStartObject();
            json.WriteString("id", rule.Id);
            json.WriteStartObject("shortDescription");
            json.WriteString("text", rule.Title.ToString(System.Globalization.CultureInfo.InvariantCulture));
            json.WriteEndObject();
            json.WriteString("helpUri", rule.HelpLinkUri);
            json.WriteStartObject("defaultConfiguration");
            json.WriteString("level", "warning");
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter json, SiteVerdict verdict, NameStyle names)
    {
        AuditSite site = verdict.Site;
        json.WriteStartObject();
        json.WriteString("ruleId", site.Rule);
        json.WriteNumber("ruleIndex", System.Array.FindIndex(_rules, r => r.Id == site.Rule));
        json.WriteString("kind", site.Proved ? "pass" : "fail");
        json.WriteString("level", site.Proved ? "none" : "warning");
        json.WriteStartObject("message");
        json.WriteString("text", Message(site, names));
        json.WriteEndObject();
        json.WriteStartArray("locations");
        json.WriteStartObject();
        WritePhysical(json, site.At);
        json.WriteStartArray("logicalLocations");
        json.WriteStartObject();
        json.WriteString("name", site.Method);
        json.WriteString("kind", "function");
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();

        json.WriteStartArray("codeFlows");
        foreach ((string message, List<(SourceSpot At, string Text)> steps) in Flows(site))
        {
            json.WriteStartObject();
            json.WriteStartObject("message");
            json.WriteString("text", message);
            json.WriteEndObject();
            json.WriteStartArray("threadFlows");
            json.WriteStartObject();
            json.WriteStartArray("locations");
            for (int i = 0; i < steps.Count; i++)
            {
                json.WriteStartObject();
                json.WriteNumber("executionOrder", i + 1);
                json.WriteStartObject("location");
                WritePhysical(json, steps[i].At);
                json.WriteStartObject("message");
                json.WriteString("text", steps[i].Text);
                json.WriteEndObject();
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();

        if (site.Suppression is not null)
        {
            json.WriteStartArray("suppressions");
            json.WriteStartObject();
            json.WriteString("kind", site.Suppression.Contains("disabled by configuration", System.StringComparison.Ordinal) ? "external" : "inSource");
            json.WriteString("justification", site.Suppression);
            json.WriteEndObject();
            json.WriteEndArray();
        }

        json.WriteStartObject("properties");
        json.WriteString("verdict", site.Verdict);
        json.WriteStartArray("configurations");
        foreach (string configuration in verdict.Configurations)
        {
            json.WriteStringValue(configuration);
        }

        json.WriteEndArray();
        json.WriteString("siteKind", JsonReport.Kind(site.Kind));
        json.WriteString("callee", site.Callee);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static string Message(AuditSite site, NameStyle names) => site.Proved
        ? $"'{site.Callee}' requires {site.Requirement}: proved ({string.Join("; ", JustificationLines.Of(site, names).Where(l => l.Depth == 0).Select(l => l.Text))})."
        : $"'{site.Callee}' requires {site.Requirement}, but {site.Witness?.Sentence}.";

    /// <summary>The site's code flows: one per flush chain, contract or condition when proved; the witness path when not.</summary>
    private static IEnumerable<(string Message, List<(SourceSpot At, string Text)> Steps)> Flows(AuditSite site)
    {
        if (!site.Proved)
        {
            if (site.Witness is AuditWitness witness)
            {
                var steps = witness.Steps.Select(s => (s.At, $"{s.Kind}: {s.Text}: {s.Detail}")).ToList();
                steps.Add((site.At, $"'{site.Callee}' is reached without {site.Requirement}"));
                yield return ("witness: " + witness.Sentence, steps);
            }

            yield break;
        }

        foreach (Justification justification in site.Justifications)
        {
            switch (justification)
            {
                case FlushChain chain:
                    var links = chain.Chain.Select(l => (l.At, l.How is null ? l.Call : $"{l.Call}: {l.How}")).ToList();
                    links.Add((site.At, $"'{site.Callee}' is reached flushed"));
                    yield return ($"flushed by {chain.Chain[0].Call}", links);
                    break;
                case CallersContract contract:
                    var discharges = new List<(SourceSpot At, string Text)> { (contract.Declared, $"{contract.Contract} on {contract.Owner}") };
                    discharges.AddRange(contract.Discharges.Select(d => (d.At, $"discharged by {d.Method} ({(d.Proved ? "proved" : "violation")})")));
                    yield return ($"covered by {contract.Contract} on {contract.Owner}", discharges);
                    break;
                case UnlessHolds unless:
                    yield return ($"the Unless condition '{unless.Condition}' holds", [(site.At, $"'{unless.Condition}' holds at the call")]);
                    break;
                case SyncSendsOwnIpi own:
                    yield return ("the sync sends its own IPI", [(site.At, own.Sentence)]);
                    break;
                case ConditionHolds holds:
                    yield return ($"'{holds.Condition}' holds", [(site.At, $"'{holds.Condition}' is true at the call on every path")]);
                    break;
            }
        }
    }

    private static void WritePhysical(Utf8JsonWriter json, SourceSpot spot)
    {
        json.WriteStartObject("physicalLocation");
        json.WriteStartObject("artifactLocation");
        json.WriteString("uri", spot.File);
        json.WriteString("uriBaseId", RootId);
        json.WriteEndObject();
        json.WriteStartObject("region");
        json.WriteNumber("startLine", System.Math.Max(spot.Line, 1));
        json.WriteNumber("startColumn", System.Math.Max(spot.Column, 1));
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
