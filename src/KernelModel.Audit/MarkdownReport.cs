using System.IO;

namespace KernelModel.Audit;

/// <summary>The pull-request report: the summary, a table of every site, then each site's justification as nested lists.</summary>
internal static class MarkdownReport
{
    /// <summary>Writes the report.</summary>
    /// <param name="report">The report.</param>
    /// <param name="writer">Where to.</param>
    public static void Write(AuditReport report, TextWriter writer)
    {
        writer.WriteLine($"## tlb-audit: `{report.Target}`");
        writer.WriteLine();
        writer.WriteLine($"**{report.Summary}**");
        writer.WriteLine();
        string projectHeader = report.ManyProjects ? " project |" : string.Empty;
        string projectRule = report.ManyProjects ? "---|" : string.Empty;
        writer.WriteLine($"| site | method | requires | verdict |{projectHeader}");
        writer.WriteLine($"|---|---|---|---|{projectRule}");
        for (int i = 0; i < report.Sites.Length; i++)
        {
            AuditSite site = report.Sites[i];
            string project = report.ManyProjects ? $" {Cell(site.Project)} |" : string.Empty;
            writer.WriteLine($"| [`{site.At.FileAndLine}`](#site-{i + 1}) | `{Cell(site.Method)}` | `{Cell(site.Callee)}`: {Cell(site.Requirement)} | {Verdict(site)} |{project}");
        }

        for (int i = 0; i < report.Sites.Length; i++)
        {
            AuditSite site = report.Sites[i];
            writer.WriteLine();
            writer.WriteLine($"<a id=\"site-{i + 1}\"></a>");
            writer.WriteLine($"### `{site.At.FileAndLine}` {site.Method} → {site.Callee}: {Verdict(site)}");
            writer.WriteLine();
            foreach ((int depth, string text) in JustificationLines.Of(site))
            {
                writer.WriteLine($"{new string(' ', 2 * depth)}- {Inline(text)}");
            }
        }
    }

    private static string Verdict(AuditSite site) => site.Proved ? "✅ proved" : site.IsViolation ? $"❌ **violation** ({site.Rule})" : $"⚪ suppressed ({site.Rule})";

    private static string Cell(string text) => text.Replace("|", "\\|");

    /// <summary>Escapes what markdown would read as markup: the justification text is plain, with code in quotes.</summary>
    private static string Inline(string text) => text.Replace("\\", "\\\\").Replace("*", "\\*").Replace("_", "\\_").Replace("<", "&lt;").Replace("[", "\\[");
}
