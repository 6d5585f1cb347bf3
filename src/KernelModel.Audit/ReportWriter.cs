using System.IO;

namespace KernelModel.Audit;

/// <summary>Writes a report in the chosen format.</summary>
internal static class ReportWriter
{
    /// <summary>Writes <paramref name="report"/>.</summary>
    /// <param name="report">The report.</param>
    /// <param name="format">The format.</param>
    /// <param name="writer">Where to.</param>
    /// <param name="colour">Whether text may use ANSI colour.</param>
    public static void Write(AuditReport report, ReportFormat format, TextWriter writer, bool colour)
    {
        switch (format)
        {
            case ReportFormat.Markdown:
                MarkdownReport.Write(report, writer);
                break;
            case ReportFormat.Json:
                JsonReport.Write(report, writer);
                break;
            case ReportFormat.Sarif:
                SarifReport.Write(report, writer);
                break;
            default:
                TextReport.Write(report, writer, colour);
                break;
        }
    }
}
