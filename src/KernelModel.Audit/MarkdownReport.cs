using System.IO;
using System.Linq;

namespace KernelModel.Audit;

/// <summary>
/// The pull-request report: the summary, the matrix when asked, a table of every site, then each site's proof as a
/// Mermaid graph (GitHub draws it) and as nested lists; violations open, proved sites folded in &lt;details&gt;.
/// Places link to the source as <c>path#Lnn</c>.
/// </summary>
internal static class MarkdownReport
{
    /// <summary>Writes the report.</summary>
    /// <param name="report">The report.</param>
    /// <param name="writer">Where to.</param>
    /// <param name="options">Names, matrix, and where links start from.</param>
    /// <param name="linkBase">What to put before a root-relative path to link it from where the report is written.</param>
    public static void Write(AuditReport report, TextWriter writer, RenderOptions options, string linkBase)
    {
        writer.WriteLine($"## tlb-audit: `{report.Target}`");
        writer.WriteLine();
        writer.WriteLine($"**{report.Summary}**");
        writer.WriteLine();
        foreach (LoadFailure failure in report.Failures)
        {
            writer.WriteLine($"- ⚠️ not audited: `{Cell(failure.Project)}`: {Inline(failure.Reason)}");
        }

        if (!report.Skipped.IsEmpty)
        {
            writer.WriteLine($"- left out (no KernelModel analyzers; `--all-projects` includes them): {string.Join(", ", report.Skipped.Select(s => $"`{s}`"))}");
        }

        if (!report.Failures.IsEmpty || !report.Skipped.IsEmpty)
        {
            writer.WriteLine();
        }

        if (options.Matrix)
        {
            WriteMatrix(MatrixTable.Of(report, options.Names), writer, linkBase);
        }

        var rows = report.Sites.SelectMany(s => s.Verdicts.Select(v => (Site: s, Verdict: v))).ToList();
        string projectHeader = report.ManyProjects ? " configurations |" : string.Empty;
        string projectRule = report.ManyProjects ? "---|" : string.Empty;
        writer.WriteLine($"| site | method | requires | verdict |{projectHeader}");
        writer.WriteLine($"|---|---|---|---|{projectRule}");
        for (int i = 0; i < rows.Count; i++)
        {
            AuditSite site = rows[i].Verdict.Site;
            string project = report.ManyProjects ? $" {Cell(string.Join(", ", rows[i].Verdict.Configurations))} |" : string.Empty;
            writer.WriteLine($"| [`{rows[i].Site.At.FileAndLine}`](#site-{i + 1}) | `{Cell(Name(site.Method, site.MethodKernel, options))}` | `{Cell(Name(site.Callee, site.CalleeKernel, options))}`: {Cell(site.Requirement)} | {Verdict(site)} |{project}");
        }

        for (int i = 0; i < rows.Count; i++)
        {
            AuditSite site = rows[i].Verdict.Site;
            SourceSpot at = rows[i].Site.At;
            string configurations = report.ManyProjects ? $" (in {string.Join(", ", rows[i].Verdict.Configurations)})" : string.Empty;
            string heading = $"`{at.FileAndLine}` {Name(site.Method, site.MethodKernel, options)} → {Name(site.Callee, site.CalleeKernel, options)}: {Verdict(site)}{configurations}";
            writer.WriteLine();
            writer.WriteLine($"<a id=\"site-{i + 1}\"></a>");
            if (site.Proved)
            {
                writer.WriteLine($"<details><summary>{Html(heading)}</summary>");
            }
            else
            {
                writer.WriteLine($"### {heading}");
            }

            writer.WriteLine();
            writer.WriteLine($"[{at.FileAndLine}]({Link(at, linkBase)})");
            writer.WriteLine();
            foreach ((int depth, string text) in JustificationLines.Of(site, options.Names))
            {
                writer.WriteLine($"{new string(' ', 2 * depth)}- {Inline(text)}");
            }

            writer.WriteLine();
            WriteGraph(ProofGraph.Of(site, options.Names), writer);
            if (site.Proved)
            {
                writer.WriteLine();
                writer.WriteLine("</details>");
            }
        }
    }

    /// <summary>A link to a place in the source: the path from where the report is, and <c>#Lnn</c>.</summary>
    /// <param name="at">The place.</param>
    /// <param name="linkBase">The path from the report's folder to the root, '/'-terminated, or empty.</param>
    /// <returns>The link target.</returns>
    public static string Link(SourceSpot at, string linkBase) => $"{linkBase}{at.File}#L{at.Line}";

    private static void WriteMatrix(MatrixTable table, TextWriter writer, string linkBase)
    {
        writer.WriteLine("### Configuration matrix");
        writer.WriteLine();
        writer.WriteLine($"| # | site | function |{string.Concat(table.Configurations.Select(c => $" {Cell(c)} |"))}");
        writer.WriteLine($"|---|---|---|{string.Concat(table.Configurations.Select(_ => "---|"))}");
        foreach (MatrixRow row in table.Rows)
        {
            string cells = string.Concat(row.Cells.Select(c => $" {Icon(c)} {Cell(c.Detail)} |"));
            writer.WriteLine($"| {row.Number} | [`{row.Site.At.FileAndLine}`]({Link(row.Site.At, linkBase)}) | `{Cell(row.Label)}` |{cells}");
        }

        writer.WriteLine();
    }

    private static string Icon(MatrixCell cell) => cell.State switch
    {
        "proved" => "✅",
        "violated" => "❌",
        "suppressed" => "⚪",
        _ => "—",
    };

    /// <summary>Draws a proof graph as a Mermaid flowchart, top to bottom, ending at the site.</summary>
    private static void WriteGraph(ProofGraph graph, TextWriter writer)
    {
        writer.WriteLine("```mermaid");
        writer.WriteLine("flowchart TD");
        for (int n = 0; n < graph.Nodes.Length; n++)
        {
            GraphNode node = graph.Nodes[n];
            writer.WriteLine($"  n{n}[\"{Mermaid(node.Text)}<br/><small>{Mermaid(node.Detail)}</small>\"]:::{node.Style}");
        }

        foreach (GraphEdge edge in graph.Edges)
        {
            writer.WriteLine($"  n{edge.From} -->|{Mermaid(edge.Label)}| n{edge.To}");
        }

        writer.WriteLine("  classDef flush fill:#dcfce7,stroke:#15803d");
        writer.WriteLine("  classDef site fill:#dbeafe,stroke:#1d4ed8");
        writer.WriteLine("  classDef violation fill:#fee2e2,stroke:#b91c1c");
        writer.WriteLine("  classDef witness fill:#fef3c7,stroke:#b45309");
        writer.WriteLine("  classDef contract fill:#ede9fe,stroke:#6d28d9");
        writer.WriteLine("```");
    }

    /// <summary>Mermaid label text: quotes and angle brackets as entity codes, so code reads as written.</summary>
    private static string Mermaid(string text) =>
        text.Replace("#", "#35;").Replace("\"", "#quot;").Replace("<", "#lt;").Replace(">", "#gt;").Replace("|", "#124;");

    private static string Name(string csharp, KernelName? kernel, RenderOptions options) => JustificationLines.Function(csharp, kernel, options.Names);

    private static string Verdict(AuditSite site) => site.Proved ? "✅ proved" : site.IsViolation ? $"❌ **violation** ({site.Rule})" : $"⚪ suppressed ({site.Rule})";

    private static string Cell(string text) => text.Replace("|", "\\|");

    private static string Html(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;")
        .Replace("`", string.Empty);

    /// <summary>Escapes what markdown would read as markup: the justification text is plain, with code in quotes.</summary>
    private static string Inline(string text) => text.Replace("\\", "\\\\").Replace("*", "\\*").Replace("_", "\\_").Replace("<", "&lt;").Replace("[", "\\[");
}
