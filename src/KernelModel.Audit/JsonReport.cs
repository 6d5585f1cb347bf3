using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace KernelModel.Audit;

/// <summary>The machine-readable report: every site with its verdict, justifications and witness; sorted, no timestamps, relative paths.</summary>
internal static class JsonReport
{
    /// <summary>Writes the report.</summary>
    /// <param name="report">The report.</param>
    /// <param name="writer">Where to.</param>
    public static void Write(AuditReport report, TextWriter writer)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, Options))
        {
            json.WriteStartObject();
            json.WriteStartObject("tool");
            json.WriteString("name", ToolInfo.Name);
            json.WriteString("version", ToolInfo.Version);
            json.WriteEndObject();
            json.WriteString("target", report.Target);
            json.WriteStartArray("projects");
            foreach (string project in report.Projects)
            {
                json.WriteStringValue(project);
            }

            json.WriteEndArray();
            json.WriteStartObject("summary");
            json.WriteNumber("sites", report.Sites.Length);
            json.WriteNumber("proved", report.ProvedCount);
            json.WriteNumber("violations", report.ViolationCount);
            json.WriteNumber("suppressed", report.SuppressedCount);
            json.WriteString("text", report.Summary);
            json.WriteEndObject();
            json.WriteStartArray("sites");
            foreach (AuditSite site in report.Sites)
            {
                WriteSite(json, site);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        writer.Write(System.Text.Encoding.UTF8.GetString(stream.ToArray()).Replace("\r\n", "\n"));
        writer.Write('\n');
    }

    /// <summary>Indented, with only what JSON itself needs escaped, so paths and code read as written.</summary>
    internal static JsonWriterOptions Options { get; } = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static void WriteSite(Utf8JsonWriter json, AuditSite site)
    {
        json.WriteStartObject();
        WriteSpot(json, site.At);
        json.WriteString("project", site.Project);
        json.WriteString("method", site.Method);
        json.WriteString("kind", Kind(site.Kind));
        json.WriteString("callee", site.Callee);
        if (site.Condition is not null)
        {
            json.WriteString("condition", site.Condition);
        }

        json.WriteString("rule", site.Rule);
        json.WriteString("requires", site.Requirement);
        json.WriteString("verdict", site.Verdict);
        if (site.Suppression is not null)
        {
            json.WriteString("suppression", site.Suppression);
        }

        json.WriteStartArray("justifications");
        foreach (Justification justification in site.Justifications)
        {
            WriteJustification(json, justification);
        }

        json.WriteEndArray();
        if (site.Witness is AuditWitness witness)
        {
            json.WriteStartObject("witness");
            json.WriteString("message", witness.Sentence);
            json.WriteStartArray("steps");
            foreach (WitnessStep step in witness.Steps)
            {
                json.WriteStartObject();
                json.WriteString("kind", step.Kind);
                WriteSpot(json, step.At);
                json.WriteString("text", step.Text);
                json.WriteString("detail", step.Detail);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static void WriteJustification(Utf8JsonWriter json, Justification justification)
    {
        json.WriteStartObject();
        switch (justification)
        {
            case FlushChain chain:
                json.WriteString("kind", "flush");
                json.WriteStartArray("chain");
                foreach (ChainLink link in chain.Chain)
                {
                    json.WriteStartObject();
                    json.WriteString("call", link.Call);
                    json.WriteString("target", link.Target);
                    WriteSpot(json, link.At);
                    if (link.How is not null)
                    {
                        json.WriteString("how", link.How);
                    }

                    json.WriteEndObject();
                }

                json.WriteEndArray();
                break;
            case CallersContract contract:
                json.WriteString("kind", "callers-contract");
                json.WriteString("contract", contract.Contract);
                json.WriteString("owner", contract.Owner);
                json.WriteStartObject("declared");
                WriteSpot(json, contract.Declared);
                json.WriteEndObject();
                json.WriteStartArray("discharges");
                foreach (Discharge discharge in contract.Discharges)
                {
                    json.WriteStartObject();
                    WriteSpot(json, discharge.At);
                    json.WriteString("method", discharge.Method);
                    json.WriteString("verdict", discharge.Proved ? "proved" : "violation");
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                break;
            case UnlessHolds unless:
                json.WriteString("kind", "unless-condition");
                json.WriteString("condition", unless.Condition);
                break;
            case SyncSendsOwnIpi own:
                json.WriteString("kind", "sync-sends-own-ipi");
                json.WriteString("check", own.Check);
                json.WriteString("text", own.Sentence);
                break;
            case ConditionHolds holds:
                json.WriteString("kind", "condition-holds");
                json.WriteString("condition", holds.Condition);
                break;
        }

        json.WriteEndObject();
    }

    private static void WriteSpot(Utf8JsonWriter json, SourceSpot spot)
    {
        json.WriteString("file", spot.File);
        json.WriteNumber("line", spot.Line);
        json.WriteNumber("column", spot.Column);
    }

    /// <summary>The kebab-case name of a site kind.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The name.</returns>
    internal static string Kind(SiteKind kind) => kind switch
    {
        SiteKind.GuardedCall => "guarded-call",
        SiteKind.Condition => "condition",
        _ => "ensures",
    };
}
