using System;
using System.IO;
using System.Linq;
using System.Net;

namespace KernelModel.Audit;

/// <summary>
/// One self-contained HTML page, for people who would rather look than read: the summary, the matrix when asked,
/// then each site with its proof graph drawn as inline SVG (no script, nothing fetched), violations first and
/// open, proved sites folded.
/// </summary>
internal static class HtmlReport
{
    private const int RowHeight = 64;
    private const int BoxHeight = 42;
    private const int CharWidth = 8;

    /// <summary>Writes the report.</summary>
    /// <param name="report">The report.</param>
    /// <param name="writer">Where to.</param>
    /// <param name="options">Names and the matrix.</param>
    /// <param name="linkBase">The path from the report's folder to the root, '/'-terminated, for source links.</param>
    public static void Write(AuditReport report, TextWriter writer, RenderOptions options, string linkBase)
    {
        writer.WriteLine("<!DOCTYPE html>");
        writer.WriteLine("<html lang=\"en\"><head><meta charset=\"utf-8\">");
        writer.WriteLine($"<title>tlb-audit: {E(report.Target)}</title>");
        writer.WriteLine("<style>");
        writer.WriteLine("body{font-family:system-ui,sans-serif;margin:2em;color:#111827;max-width:1200px}");
        writer.WriteLine("code,.mono{font-family:ui-monospace,monospace;font-size:90%}");
        writer.WriteLine("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #d1d5db;padding:4px 8px;text-align:left;vertical-align:top}");
        writer.WriteLine(".proved{color:#15803d}.violated,.violation{color:#b91c1c;font-weight:bold}.suppressed,.not-compiled{color:#6b7280}");
        writer.WriteLine("details,section{border:1px solid #e5e7eb;border-radius:6px;padding:.5em 1em;margin:.5em 0}summary{cursor:pointer}");
        writer.WriteLine("ul{margin:.3em 0}svg{display:block;margin:.5em 0}");
        writer.WriteLine("</style></head><body>");
        writer.WriteLine($"<h1>tlb-audit: <code>{E(report.Target)}</code></h1>");
        writer.WriteLine($"<p id=\"summary\" class=\"{(report.AllProved ? "proved" : "violation")}\">{E(report.Summary)}</p>");
        foreach (LoadFailure failure in report.Failures)
        {
            writer.WriteLine($"<p class=\"violation\">not audited: <code>{E(failure.Project)}</code>: {E(failure.Reason)}</p>");
        }

        if (options.Matrix)
        {
            WriteMatrix(MatrixTable.Of(report, options.Names), writer, linkBase);
        }

        var verdicts = report.Sites.SelectMany(s => s.Verdicts.Select(v => (Site: s, Verdict: v)))
            .OrderBy(x => x.Verdict.Site.Proved)
            .ToList();
        foreach ((ReportSite reportSite, SiteVerdict verdict) in verdicts)
        {
            AuditSite site = verdict.Site;
            string state = site.Proved ? "proved" : site.IsViolation ? "violation" : "suppressed";
            string configurations = report.ManyProjects ? $" <span class=\"suppressed\">({E(string.Join(", ", verdict.Configurations))})</span>" : string.Empty;
            string heading = $"<a href=\"{E(MarkdownReport.Link(reportSite.At, linkBase))}\"><code>{E(reportSite.At.FileAndLine)}</code></a> " +
                $"{E(JustificationLines.Function(site.Method, site.MethodKernel, options.Names))} → {E(JustificationLines.Function(site.Callee, site.CalleeKernel, options.Names))}: " +
                $"<span class=\"{state}\">{E(site.Verdict)}</span>{configurations}";
            writer.WriteLine(site.Proved ? $"<details class=\"site\"><summary>{heading}</summary>" : $"<section class=\"site\"><h3>{heading}</h3>");
            writer.WriteLine("<ul>");
            int depth = 0;
            foreach ((int lineDepth, string text) in JustificationLines.Of(site, options.Names))
            {
                for (; depth < lineDepth; depth++)
                {
                    writer.WriteLine("<ul>");
                }

                for (; depth > lineDepth; depth--)
                {
                    writer.WriteLine("</ul>");
                }

                writer.WriteLine($"<li>{E(text)}</li>");
            }

            for (; depth > 0; depth--)
            {
                writer.WriteLine("</ul>");
            }

            writer.WriteLine("</ul>");
            WriteGraph(ProofGraph.Of(site, options.Names), writer);
            writer.WriteLine(site.Proved ? "</details>" : "</section>");
        }

        writer.WriteLine("</body></html>");
    }

    private static void WriteMatrix(MatrixTable table, TextWriter writer, string linkBase)
    {
        writer.WriteLine("<h2>Configuration matrix</h2>");
        writer.WriteLine($"<table id=\"matrix\"><tr><th>#</th><th>site</th><th>function</th>{string.Concat(table.Configurations.Select(c => $"<th>{E(c)}</th>"))}</tr>");
        foreach (MatrixRow row in table.Rows)
        {
            writer.Write($"<tr><td>{row.Number}</td><td><a href=\"{E(MarkdownReport.Link(row.Site.At, linkBase))}\"><code>{E(row.Site.At.FileAndLine)}</code></a></td><td><code>{E(row.Label)}</code></td>");
            foreach (MatrixCell cell in row.Cells)
            {
                writer.Write($"<td class=\"{cell.State}\">{E(cell.Detail)}</td>");
            }

            writer.WriteLine("</tr>");
        }

        writer.WriteLine("</table>");
    }

    /// <summary>Draws a proof graph as SVG: the nodes stacked top to bottom, the site last, edges as arrows.</summary>
    private static void WriteGraph(ProofGraph graph, TextWriter writer)
    {
        int width = graph.Nodes.Select(n => Math.Max(n.Text.Length, n.Detail.Length) * CharWidth + 24).DefaultIfEmpty(200).Max();
        int height = (graph.Nodes.Length * RowHeight) + 10;
        int canvas = width + 180;
        writer.WriteLine(FormattableString.Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{canvas}\" height=\"{height}\" role=\"img\" aria-label=\"proof graph\">"));
        writer.WriteLine("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#374151\"/></marker></defs>");
        foreach (GraphEdge edge in graph.Edges)
        {
            int fromY = (edge.From * RowHeight) + 5 + BoxHeight;
            int toY = (edge.To * RowHeight) + 5;
            int x = 10 + (width / 2);
            string path = edge.To == edge.From + 1
                ? FormattableString.Invariant($"M{x},{fromY} L{x},{toY}")
                : FormattableString.Invariant($"M{10 + width},{fromY - (BoxHeight / 2)} C{width + 90},{fromY} {width + 90},{toY} {10 + width},{toY + (BoxHeight / 2)}");
            int labelY = edge.To == edge.From + 1 ? (fromY + toY) / 2 + 4 : (fromY + toY) / 2;
            int labelX = edge.To == edge.From + 1 ? x + 8 : width + 60;
            writer.WriteLine(FormattableString.Invariant($"<path d=\"{path}\" fill=\"none\" stroke=\"#374151\" marker-end=\"url(#arrow)\"/>"));
            writer.WriteLine(FormattableString.Invariant($"<text x=\"{labelX}\" y=\"{labelY}\" font-size=\"11\" fill=\"#374151\">{E(edge.Label)}</text>"));
        }

        for (int n = 0; n < graph.Nodes.Length; n++)
        {
            GraphNode node = graph.Nodes[n];
            (string fill, string stroke) = node.Style switch
            {
                "flush" => ("#dcfce7", "#15803d"),
                "site" => ("#dbeafe", "#1d4ed8"),
                "violation" => ("#fee2e2", "#b91c1c"),
                "witness" => ("#fef3c7", "#b45309"),
                "contract" => ("#ede9fe", "#6d28d9"),
                _ => ("#f3f4f6", "#6b7280"),
            };
            int y = (n * RowHeight) + 5;
            writer.WriteLine(FormattableString.Invariant($"<rect x=\"10\" y=\"{y}\" width=\"{width}\" height=\"{BoxHeight}\" rx=\"6\" fill=\"{fill}\" stroke=\"{stroke}\"/>"));
            writer.WriteLine(FormattableString.Invariant($"<text x=\"22\" y=\"{y + 17}\" font-family=\"monospace\" font-size=\"12\">{E(node.Text)}</text>"));
            writer.WriteLine(FormattableString.Invariant($"<text x=\"22\" y=\"{y + 34}\" font-size=\"11\" fill=\"#4b5563\">{E(node.Detail)}</text>"));
        }

        writer.WriteLine("</svg>");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
