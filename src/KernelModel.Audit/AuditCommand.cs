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

    /// <summary>Bad input: a missing path, something that is not a project, a project that does not load.</summary>
    public const int BadInput = 2;

    /// <summary>Runs the tool.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="console">Where to write.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
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

            if (arguments.Output is not null && !Directory.Exists(Path.GetDirectoryName(Path.GetFullPath(arguments.Output, console.CurrentDirectory))))
            {
                throw new AuditInputException($"cannot write {arguments.Output}: its folder does not exist");
            }

            AuditTarget target = AuditTarget.Resolve(arguments.Path, console.CurrentDirectory, console.ToolDirectory);
            var progress = new ProgressLine(console.Error, console.Progress);
            AuditReport report;
            try
            {
                report = await Auditor.RunAsync(target, progress.Show, progress.Warn, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                progress.Clear();
            }

            await WriteAsync(report, arguments, console).ConfigureAwait(false);
            return report.AllProved ? Proved : Violation;
        }
        catch (AuditInputException e)
        {
            await console.Error.WriteLineAsync("tlb-audit: " + e.Message).ConfigureAwait(false);
            return BadInput;
        }
        catch (OperationCanceledException)
        {
            await console.Error.WriteLineAsync("tlb-audit: cancelled").ConfigureAwait(false);
            return BadInput;
        }
    }

    private static async Task WriteAsync(AuditReport report, AuditArguments arguments, AuditConsole console)
    {
        if (arguments.Output is null)
        {
            ReportWriter.Write(report, arguments.Format, console.Out, console.Colour && arguments.Format == ReportFormat.Text);
            await console.Out.FlushAsync().ConfigureAwait(false);
            return;
        }

        string path = Path.GetFullPath(arguments.Output, console.CurrentDirectory);
        try
        {
            using var writer = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            writer.NewLine = "\n";
            ReportWriter.Write(report, arguments.Format, writer, colour: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new AuditInputException($"cannot write {arguments.Output}: {e.Message}");
        }

        await console.Out.WriteLineAsync(report.Summary + " (report written to " + arguments.Output + ")").ConfigureAwait(false);
    }
}
