using System.IO;

namespace KernelModel.Audit;

/// <summary>Writes a report in the chosen format.</summary>
internal static class ReportWriter
{
    /// <summary>Writes <paramref name="report"/>.</summary>
    /// <param name="report">The report.</param>
    /// <param name="format">The format.</param>
    /// <param name="writer">Where to.</param>
    /// <param name="options">Colour, names and the matrix.</param>
    /// <param name="linkBase">The path from the report's folder to the root, '/'-terminated, for source links; empty for stdout.</param>
    public static void Write(AuditReport report, ReportFormat format, TextWriter writer, RenderOptions options, string linkBase = "")
    {
        switch (format)
        {
            case ReportFormat.Markdown:
                MarkdownReport.Write(report, writer, options, linkBase);
                break;
            case ReportFormat.Json:
                JsonReport.Write(report, writer, options);
                break;
            case ReportFormat.Sarif:
                SarifReport.Write(report, writer, options);
                break;
            case ReportFormat.Html:
                HtmlReport.Write(report, writer, options, linkBase);
                break;
            default:
                TextReport.Write(report, writer, options);
                break;
        }
    }
}
