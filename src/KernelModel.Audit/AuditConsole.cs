using System;
using System.IO;

namespace KernelModel.Audit;

/// <summary>Where the tool writes and what it knows about it: colour only on a terminal, progress only on a terminal.</summary>
/// <param name="Out">Standard output: the report.</param>
/// <param name="Error">Standard error: progress, warnings and the bad-input message.</param>
/// <param name="Colour">Whether the report may use colour: stdout is a terminal and NO_COLOR is unset.</param>
/// <param name="Progress">Whether to show progress: stderr is a terminal.</param>
/// <param name="CurrentDirectory">The folder relative paths start from.</param>
/// <param name="ToolDirectory">The tool's own folder, where the sample kernel is looked for after the current folder.</param>
internal sealed record AuditConsole(TextWriter Out, TextWriter Error, bool Colour, bool Progress, string CurrentDirectory, string ToolDirectory)
{
    /// <summary>The process's console.</summary>
    /// <returns>The console.</returns>
    public static AuditConsole FromProcess() => new(
        Console.Out,
        Console.Error,
        !Console.IsOutputRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")),
        !Console.IsErrorRedirected,
        Environment.CurrentDirectory,
        AppContext.BaseDirectory);
}
