using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace KernelModel.Audit.Tests;

/// <summary>One in-process run of the tool's command, with what it wrote and returned.</summary>
/// <param name="ExitCode">The exit code.</param>
/// <param name="Out">Standard output.</param>
/// <param name="Error">Standard error.</param>
public sealed record AuditRun(int ExitCode, string Out, string Error)
{
    /// <summary>Runs <c>tlb-audit</c> with <paramref name="args"/> from <paramref name="currentDirectory"/>, not on a terminal.</summary>
    /// <param name="currentDirectory">The folder relative paths start from.</param>
    /// <param name="args">The command line.</param>
    /// <returns>The run.</returns>
    public static Task<AuditRun> StartAsync(string currentDirectory, params string[] args) =>
        StartAsync(currentDirectory, CancellationToken.None, args);

    /// <summary>Runs <c>tlb-audit</c> with <paramref name="args"/>, cancelled by <paramref name="cancellationToken"/> (Ctrl-C).</summary>
    /// <param name="currentDirectory">The folder relative paths start from.</param>
    /// <param name="cancellationToken">Stands for Ctrl-C.</param>
    /// <param name="args">The command line.</param>
    /// <returns>The run.</returns>
    public static async Task<AuditRun> StartAsync(string currentDirectory, CancellationToken cancellationToken, params string[] args)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        var console = new AuditConsole(output, error, Colour: false, Progress: false, currentDirectory);
        int code = await AuditCommand.RunAsync(args, console, cancellationToken);
        return new AuditRun(code, output.ToString(), error.ToString());
    }
}
