using System.IO;
using System.Linq;

namespace KernelModel.Audit;

/// <summary>The terminal report: one aligned header line per site, its justification indented below, a summary line last.</summary>
internal static class TextReport
{
    private const string Green = "\u001b[32m";
    private const string Red = "\u001b[31;1m";
    private const string Dim = "\u001b[2m";
    private const string Reset = "\u001b[0m";

    /// <summary>Writes the report.</summary>
    /// <param name="report">The report.</param>
    /// <param name="writer">Where to.</param>
    /// <param name="colour">Whether to use ANSI colour.</param>
    public static void Write(AuditReport report, TextWriter writer, bool colour)
    {
        string Paint(string text, string code) => colour ? code + text + Reset : text;

        writer.WriteLine($"tlb-audit {report.Target} ({string.Join(", ", report.Projects)})");
        writer.WriteLine();
        int locationWidth = report.Sites.Select(s => s.At.FileAndLine.Length).DefaultIfEmpty(0).Max();
        int methodWidth = report.Sites.Select(s => s.Method.Length).DefaultIfEmpty(0).Max();
        int calleeWidth = report.Sites.Select(s => Callee(s).Length).DefaultIfEmpty(0).Max();
        foreach (AuditSite site in report.Sites)
        {
            string verdict = site.Proved ? Paint("proved", Green) : site.IsViolation ? Paint($"VIOLATION {site.Rule}", Red) : Paint($"suppressed {site.Rule}", Dim);
            string project = report.ManyProjects ? $"  [{site.Project}]" : string.Empty;
            writer.WriteLine($"{site.At.FileAndLine.PadRight(locationWidth)}  {site.Method.PadRight(methodWidth)}  {Callee(site).PadRight(calleeWidth)}  {verdict}{project}");
            foreach ((int depth, string text) in JustificationLines.Of(site))
            {
                string line = new string(' ', 2 + (2 * depth)) + text;
                writer.WriteLine(depth > 0 ? Paint(line, Dim) : line);
            }
        }

        if (report.Sites.Length > 0)
        {
            writer.WriteLine();
        }

        writer.WriteLine(report.AllProved ? Paint(report.Summary, Green) : Paint(report.Summary, Red));
    }

    private static string Callee(AuditSite site) => site.Kind switch
    {
        SiteKind.Condition => $"{site.Callee} requires {site.Condition}",
        SiteKind.Ensures => $"[EnsuresTableFlush] {site.Callee}",
        _ => site.Callee,
    };
}
