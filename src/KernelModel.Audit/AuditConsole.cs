using System;
using System.IO;

namespace KernelModel.Audit;

/// <summary>Where the tool writes and what it knows about it: colour only on a terminal, progress only on a terminal.</summary>
/// <param name="Out">Standard output: the report.</param>
/// <param name="Error">Standard error: progress, warnings and the bad-input message.</param>
/// <param name="Colour">Whether the report may use colour: stdout is a terminal and NO_COLOR is unset.</param>
/// <param name="Progress">Whether to show progress: stderr is a terminal.</param>
/// <param name="CurrentDirectory">The folder relative paths start from.</param>
internal sealed record AuditConsole(TextWriter Out, TextWriter Error, bool Colour, bool Progress, string CurrentDirectory)
{
    /// <summary>The process's console.</summary>
    /// <returns>The console.</returns>
    public static AuditConsole FromProcess() => new(
        Console.Out,
        Console.Error,
        ColourAllowed(Console.IsOutputRedirected, Environment.GetEnvironmentVariable("NO_COLOR")),
        !Console.IsErrorRedirected,
        Environment.CurrentDirectory);

    /// <summary>Whether the text report may use colour: only on a terminal, and never when NO_COLOR is set to anything (no-color.org).</summary>
    /// <param name="outputRedirected">Whether stdout is redirected to a file or pipe.</param>
    /// <param name="noColor">The NO_COLOR variable, or null.</param>
    /// <returns>True when colour is allowed.</returns>
    public static bool ColourAllowed(bool outputRedirected, string? noColor) => !outputRedirected && string.IsNullOrEmpty(noColor);
}
