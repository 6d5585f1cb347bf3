using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace KernelModel.Audit.Tests;

/// <summary>
/// The audit of the repository's sample kernel, made once for every test that reads it (loading the workspace is
/// the slow part), given as the README's command gives it, rendered in every format. The command
/// itself runs end to end in <see cref="ToolInstallTests"/>.
/// </summary>
public sealed class SampleKernelReport : IAsyncLifetime
{
    /// <summary>The text report.</summary>
    public string Text { get; private set; } = null!;

    /// <summary>The markdown report.</summary>
    public string Markdown { get; private set; } = null!;

    /// <summary>The JSON report.</summary>
    public string Json { get; private set; } = null!;

    /// <summary>The SARIF report.</summary>
    public string Sarif { get; private set; } = null!;

    /// <summary>The JSON report rendered a second time from the same audit, to check stability.</summary>
    public string JsonAgain { get; private set; } = null!;

    /// <summary>The report model itself.</summary>
    internal AuditReport Report { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        AuditTarget target = AuditTarget.Resolve("sample-kernel/Configurations/X86_64/X86_64.csproj", RepositoryRoot.Path);
        Report = await Auditor.RunAsync(target, allProjects: false, _ => { }, _ => { }, CancellationToken.None);
        Text = Render(ReportFormat.Text);
        Markdown = Render(ReportFormat.Markdown);
        Json = Render(ReportFormat.Json);
        Sarif = Render(ReportFormat.Sarif);
        JsonAgain = Render(ReportFormat.Json);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Renders the audit in a format.</summary>
    /// <param name="format">The format.</param>
    /// <param name="colour">Whether text may use colour.</param>
    /// <param name="names">How functions are named.</param>
    /// <returns>The report.</returns>
    internal string Render(ReportFormat format, bool colour = false, NameStyle names = NameStyle.Both)
    {
        using var writer = new StringWriter { NewLine = "\n" };
        ReportWriter.Write(Report, format, writer, new RenderOptions(colour, names));
        return writer.ToString();
    }
}
