using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace KernelModel.Audit;

/// <summary>
/// The terminal report, which also pastes into a mail: the matrix when asked, then one aligned header line per
/// site and verdict, its justification indented below and wrapped within 100 columns, a summary line last.
/// </summary>
internal static class TextReport
{
    /// <summary>The widest line the report writes, except a header line whose path alone is longer.</summary>
    public const int Width = 100;

    private const string Green = "\u001b[32m";
    private const string Red = "\u001b[31;1m";
    private const string Dim = "\u001b[2m";
    private const string Reset = "\u001b[0m";

    /// <summary>Writes the report.</summary>
    /// <param name="report">The report.</param>
    /// <param name="writer">Where to.</param>
    /// <param name="options">Colour, names and whether to print the matrix.</param>
    public static void Write(AuditReport report, TextWriter writer, RenderOptions options)
    {
        bool colour = options.Colour;
        string Paint(string text, string code) => colour ? code + text + Reset : text;

        foreach (string line in Wrap($"tlb-audit {report.Target} ({string.Join(", ", report.Projects)})", 0))
        {
            writer.WriteLine(line);
        }

        WriteProblems(report, writer);
        writer.WriteLine();
        if (options.Matrix)
        {
            WriteMatrix(MatrixTable.Of(report, options.Names), writer, Paint);
        }

        var headers = report.Sites.SelectMany(s => s.Verdicts.Select(v => (Site: s, Verdict: v))).ToList();
        // A site's header is one line (location, method, callee, verdict), so that a grep finds the whole record; the
        // locations are aligned to the longest one among the headers that fit in the width. A header that does not
        // fit there (a long location, a long name) puts its location on a line of its own and the rest below it,
        // rather than widening every row past the width or leaving the verdict on a line of its own.
        int locationWidth = headers
            .Where(h => h.Site.At.FileAndLine.Length + HeaderRest(h.Verdict.Site, options.Names).Length <= Width)
            .Select(h => h.Site.At.FileAndLine.Length).DefaultIfEmpty(0).Max();
        foreach ((ReportSite reportSite, SiteVerdict verdictOf) in headers)
        {
            AuditSite site = verdictOf.Site;
            string verdict = site.Proved ? Paint("proved", Green) : site.IsViolation ? Paint($"VIOLATION {site.Rule}", Red) : Paint($"suppressed {site.Rule}", Dim);
            string rest = HeaderRest(site, options.Names);
            string location = reportSite.At.FileAndLine;
            IEnumerable<string> lines = location.Length <= locationWidth && locationWidth + rest.Length <= Width
                ? [location.PadRight(locationWidth) + rest]
                : new[] { location }.Concat(Wrap(new string(' ', 6) + rest.TrimStart(), 6));
            foreach (string line in lines)
            {
                writer.WriteLine(colour && line.EndsWith(VerdictWord(site), System.StringComparison.Ordinal) ? line.Substring(0, line.Length - VerdictWord(site).Length) + verdict : line);
            }
            if (report.ManyProjects)
            {
                foreach (string line in Wrap("  in " + Configurations(verdictOf, report), 6))
                {
                    writer.WriteLine(line);
                }
            }

            foreach ((int depth, string text) in JustificationLines.Of(site, options.Names))
            {
                // Continuation lines are indented deeper than the next level, so they never read as a step of their own.
                foreach (string line in Wrap(new string(' ', 2 + (2 * depth)) + text, 6 + (2 * depth)))
                {
                    writer.WriteLine(depth > 0 ? Paint(line, Dim) : line);
                }
            }
        }

        if (report.Sites.Length > 0)
        {
            writer.WriteLine();
        }

        writer.WriteLine(report.AllProved ? Paint(report.Summary, Green) : Paint(report.Summary, Red));
    }

    /// <summary>The configurations of a verdict: "all N" when every configuration agrees, else their names.</summary>
    private static string Configurations(SiteVerdict verdict, AuditReport report) =>
        verdict.Configurations.Length == report.Projects.Length ? $"all {report.Projects.Length} configurations" : string.Join(", ", verdict.Configurations);

    private static void WriteProblems(AuditReport report, TextWriter writer)
    {
        foreach (LoadFailure failure in report.Failures)
        {
            foreach (string line in Wrap($"not audited: {failure.Project}: {failure.Reason}", 4))
            {
                writer.WriteLine(line);
            }
        }

        if (!report.Skipped.IsEmpty)
        {
            foreach (string line in Wrap($"left out (no KernelModel analyzers; --all-projects includes them): {string.Join(", ", report.Skipped)}", 4))
            {
                writer.WriteLine(line);
            }
        }
    }

    /// <summary>
    /// The matrix as a narrow grid (configurations as numbered columns, a legend above), then each row's cells in
    /// full, so it stays within 100 columns whatever the configurations are called.
    /// </summary>
    private static void WriteMatrix(MatrixTable table, TextWriter writer, System.Func<string, string, string> paint)
    {
        writer.WriteLine("Configuration matrix");
        for (int c = 0; c < table.Configurations.Length; c++)
        {
            writer.WriteLine($"  [{c + 1}] {table.Configurations[c]}");
        }

        writer.WriteLine();
        int cellWidth = new[] { "not compiled".Length }.Concat(table.Rows.SelectMany(r => r.Cells.Select(x => x.Short.Length))).Max();
        var head = new StringBuilder("  #  ");
        for (int c = 0; c < table.Configurations.Length; c++)
        {
            head.Append($"[{c + 1}]".PadRight(cellWidth + 2));
        }

        writer.WriteLine(head.Append("site").ToString().TrimEnd());
        foreach (MatrixRow row in table.Rows)
        {
            var line = new StringBuilder($"{row.Number,3}  ");
            foreach (MatrixCell cell in row.Cells)
            {
                string text = cell.Short.PadRight(cellWidth + 2);
                line.Append(cell.State == "violated" ? paint(text, Red) : cell.State == "proved" ? paint(text, Green) : text);
            }

            writer.WriteLine(line.Append(row.Site.At.FileAndLine).ToString().TrimEnd());
        }

        writer.WriteLine();
        foreach (MatrixRow row in table.Rows)
        {
            foreach (string line in Wrap($"{row.Number,3}  {row.Site.At.FileAndLine}  {row.Label}", 7))
            {
                writer.WriteLine(line);
            }

            for (int c = 0; c < row.Cells.Length; c++)
            {
                foreach (string line in Wrap($"       [{c + 1}] {row.Cells[c].Detail}", 11))
                {
                    writer.WriteLine(line);
                }
            }
        }

        writer.WriteLine();
        writer.WriteLine("Details");
        writer.WriteLine();
    }

    /// <summary>Breaks a line at spaces so that no piece is wider than <see cref="Width"/>; later pieces are indented.</summary>
    /// <param name="line">The line.</param>
    /// <param name="indent">The indentation of continuation pieces.</param>
    /// <returns>The pieces.</returns>
    public static IEnumerable<string> Wrap(string line, int indent)
    {
        string rest = line;
        string prefix = string.Empty;
        while ((prefix + rest).Length > Width)
        {
            int room = Width - prefix.Length;
            int cut = rest.LastIndexOf(' ', room);
            if (cut <= 0 || rest.Substring(0, cut).Trim().Length == 0)
            {
                cut = rest.IndexOf(' ', room);
                if (cut < 0)
                {
                    break;
                }
            }

            yield return prefix + rest.Substring(0, cut).TrimEnd();
            rest = rest.Substring(cut + 1).TrimStart();
            prefix = new string(' ', indent);
        }

        yield return prefix + rest;
    }

    /// <summary>A header after its location: method, callee and verdict, each after two spaces.</summary>
    private static string HeaderRest(AuditSite site, NameStyle names) => $"  {Method(site, names)}  {Callee(site, names)}  {VerdictWord(site)}";

    private static string VerdictWord(AuditSite site) => site.Proved ? "proved" : site.IsViolation ? $"VIOLATION {site.Rule}" : $"suppressed {site.Rule}";

    private static string Method(AuditSite site, NameStyle names) =>
        names == NameStyle.Kernel && site.MethodKernel is not null ? site.MethodKernel.Function : site.Method;

    private static string Callee(AuditSite site, NameStyle names)
    {
        string callee = names == NameStyle.Kernel && site.CalleeKernel is not null ? site.CalleeKernel.Function : site.Callee;
        return site.Kind == SiteKind.Ensures ? $"[EnsuresTableFlush] {callee}" : callee;
    }
}
