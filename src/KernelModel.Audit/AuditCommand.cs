using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace KernelModel.Audit;

/// <summary>The tool's command: parses the arguments, audits, writes the report and chooses the exit code.</summary>
internal static class AuditCommand
{
    /// <summary>Every site proved.</summary>
    public const int Proved = 0;

    /// <summary>Some site not proved.</summary>
    public const int Violation = 1;

    /// <summary>Bad input: a missing path, something that is not a project, nothing that could be audited.</summary>
    public const int BadInput = 2;

    /// <summary>Interrupted (Ctrl-C), as shells report SIGINT: 128 + 2.</summary>
    public const int Interrupted = 130;

    /// <summary>Runs the tool.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="console">Where to write.</param>
    /// <param name="cancellationToken">Cancels the work (Ctrl-C).</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunAsync(string[] args, AuditConsole console, CancellationToken cancellationToken)
    {
        try
        {
            AuditArguments arguments = AuditArguments.Parse(args);
            if (arguments.Help)
            {
                await console.Out.WriteLineAsync(AuditArguments.Usage).ConfigureAwait(false);
                return Proved;
            }

            if (arguments.Version)
            {
                await console.Out.WriteLineAsync($"{ToolInfo.Name} {ToolInfo.Version}").ConfigureAwait(false);
                return Proved;
            }

            // Everything that can be checked before the analysis is, so that a typo does not cost a whole audit.
            string? output = arguments.Output is null ? null : Path.GetFullPath(arguments.Output, console.CurrentDirectory);
            if (output is not null && Directory.Exists(output))
            {
                throw new AuditInputException($"cannot write {arguments.Output}: it is a folder; name a file");
            }

            if (output is not null && !Directory.Exists(Path.GetDirectoryName(output)))
            {
                throw new AuditInputException($"cannot write {arguments.Output}: its folder does not exist");
            }

            Baseline? baseline = arguments.Baseline is null ? null : Baseline.Read(Path.GetFullPath(arguments.Baseline, console.CurrentDirectory));
            AuditTarget target = AuditTarget.Resolve(arguments.Paths, console.CurrentDirectory, arguments.Matrix);
            var progress = new ProgressLine(console.Error, console.Progress);
            AuditReport report;
            try
            {
                report = await Auditor.RunAsync(target, arguments.AllProjects, progress.Show, progress.Warn, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                progress.Clear();
            }

            report = report.Where(arguments.Filter);
            if (baseline is not null)
            {
                report = baseline.NewOrChanged(report);
            }

            await WriteAsync(report, arguments, output, target.Root, console).ConfigureAwait(false);
            return report.AllProved ? Proved : Violation;
        }
        catch (AuditInputException e)
        {
            await console.Error.WriteLineAsync("tlb-audit: " + e.Message).ConfigureAwait(false);
            return BadInput;
        }
        catch (OperationCanceledException)
        {
            await console.Error.WriteLineAsync("tlb-audit: interrupted").ConfigureAwait(false);
            return Interrupted;
        }
    }

    private static async Task WriteAsync(AuditReport report, AuditArguments arguments, string? output, string root, AuditConsole console)
    {
        var options = new RenderOptions(console.Colour && arguments.Format == ReportFormat.Text && output is null, arguments.Names, arguments.Matrix);
        if (output is null)
        {
            ReportWriter.Write(report, arguments.Format, console.Out, options);
            await console.Out.FlushAsync().ConfigureAwait(false);
            return;
        }

        string linkBase = Path.GetRelativePath(Path.GetDirectoryName(output)!, root).Replace('\\', '/');
        linkBase = linkBase == "." ? string.Empty : linkBase + "/";
        try
        {
            using var writer = new StreamWriter(output, append: false, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            writer.NewLine = "\n";
            ReportWriter.Write(report, arguments.Format, writer, options, linkBase);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new AuditInputException($"cannot write {arguments.Output}: {e.Message}");
        }

        await console.Out.WriteLineAsync(report.Summary + " (report written to " + arguments.Output + ")").ConfigureAwait(false);
    }
}
