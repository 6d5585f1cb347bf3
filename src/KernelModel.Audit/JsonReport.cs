using System.IO;
using System.Linq;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace KernelModel.Audit;

/// <summary>The machine-readable report: every site with its verdict, justifications and witness; sorted, no timestamps, relative paths.</summary>
internal static class JsonReport
{
    /// <summary>
    /// The version of the report's layout. 2: each site once, its verdicts grouped by the configurations that reach
    /// them (<c>verdicts</c>); the matrix, load failures and left-out projects.
    /// </summary>
    public const int SchemaVersion = 2;

    /// <summary>Writes the report.</summary>
    /// <param name="report">The report.</param>
    /// <param name="writer">Where to.</param>
    /// <param name="options">Names and whether to include the matrix.</param>
    public static void Write(AuditReport report, TextWriter writer, RenderOptions options)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, Options))
        {
            json.WriteStartObject();
            json.WriteNumber("schemaVersion", SchemaVersion);
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
            json.WriteStartArray("failures");
            foreach (LoadFailure failure in report.Failures)
            {
                json.WriteStartObject();
                json.WriteString("project", failure.Project);
                json.WriteString("reason", failure.Reason);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("leftOut");
            foreach (string project in report.Skipped)
            {
                json.WriteStringValue(project);
            }

            json.WriteEndArray();
            json.WriteStartObject("summary");
            json.WriteNumber("sites", report.Sites.Length);
            json.WriteNumber("proved", report.ProvedCount);
            json.WriteNumber("violations", report.ViolationCount);
            json.WriteNumber("suppressed", report.SuppressedCount);
            json.WriteNumber("notShown", report.Hidden);
            json.WriteString("text", report.Summary);
            json.WriteEndObject();
            if (options.Matrix)
            {
                WriteMatrix(json, MatrixTable.Of(report, options.Names));
            }

            json.WriteStartArray("sites");
            foreach (ReportSite site in report.Sites)
            {
                WriteSite(json, site, options.Names);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        writer.Write(System.Text.Encoding.UTF8.GetString(stream.ToArray()).Replace("\r\n", "\n"));
        writer.Write('\n');
    }

    private static void WriteMatrix(Utf8JsonWriter json, MatrixTable table)
    {
        json.WriteStartObject("matrix");
        json.WriteStartArray("configurations");
        foreach (string configuration in table.Configurations)
        {
            json.WriteStringValue(configuration);
        }

        json.WriteEndArray();
        json.WriteStartArray("rows");
        foreach (MatrixRow row in table.Rows)
        {
            json.WriteStartObject();
            json.WriteNumber("number", row.Number);
            WriteSpot(json, row.Site.At);
            json.WriteString("function", row.Label);
            json.WriteStartArray("cells");
            for (int c = 0; c < row.Cells.Length; c++)
            {
                json.WriteStartObject();
                json.WriteString("configuration", table.Configurations[c]);
                json.WriteString("state", row.Cells[c].State);
                json.WriteString("detail", row.Cells[c].Detail);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteSite(Utf8JsonWriter json, ReportSite reportSite, NameStyle names)
    {
        AuditSite first = reportSite.First;
        json.WriteStartObject();
        WriteSpot(json, reportSite.At);
        json.WriteString("method", first.Method);
        WriteKernel(json, "methodKernel", first.MethodKernel);
        json.WriteString("kind", Kind(first.Kind));
        json.WriteString("callee", first.Callee);
        WriteKernel(json, "calleeKernel", first.CalleeKernel);
        if (first.Condition is not null)
        {
            json.WriteString("condition", first.Condition);
        }

        json.WriteString("rule", first.Rule);
        json.WriteString("requires", first.Requirement);
        json.WriteString("verdict", reportSite.Verdict);
        json.WriteStartArray("verdicts");
        foreach (SiteVerdict verdict in reportSite.Verdicts)
        {
            WriteVerdict(json, verdict, names);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteKernel(Utf8JsonWriter json, string name, KernelName? kernel)
    {
        if (kernel is null)
        {
            return;
        }

        json.WriteStartObject(name);
        json.WriteString("function", kernel.Function);
        if (kernel.File is not null)
        {
            json.WriteString("file", kernel.File);
        }

        json.WriteEndObject();
    }

    private static void WriteVerdict(Utf8JsonWriter json, SiteVerdict verdict, NameStyle names)
    {
        AuditSite site = verdict.Site;
        json.WriteStartObject();
        json.WriteStartArray("configurations");
        foreach (string configuration in verdict.Configurations)
        {
            json.WriteStringValue(configuration);
        }

        json.WriteEndArray();
        json.WriteString("verdict", site.Verdict);
        if (site.Suppression is not null)
        {
            json.WriteString("suppression", site.Suppression);
        }

        json.WriteStartArray("justifications");
        foreach (Justification justification in site.Justifications)
        {
            WriteJustification(json, justification, names);
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

    /// <summary>Indented, with only what JSON itself needs escaped, so paths and code read as written.</summary>
    internal static JsonWriterOptions Options { get; } = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static void WriteJustification(Utf8JsonWriter json, Justification justification, NameStyle names)
    {
        json.WriteStartObject();
        switch (justification)
        {
            case FlushChain chain:
                json.WriteString("kind", "flush");
                if (names != NameStyle.CSharp && chain.Chain.Any(l => l.Kernel is not null))
                {
                    json.WriteString("kernelChain", JustificationLines.KernelChain(chain));
                }

                json.WriteStartArray("chain");
                foreach (ChainLink link in chain.Chain)
                {
                    json.WriteStartObject();
                    json.WriteString("call", link.Call);
                    json.WriteString("target", link.Target);
                    WriteKernel(json, "kernel", link.Kernel);
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
