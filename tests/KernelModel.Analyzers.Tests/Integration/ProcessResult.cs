using System;

namespace KernelModel.Analyzers.Tests.Integration;

/// <summary>What a finished command did: its exit code, its output and how long it took.</summary>
/// <param name="CommandLine">The command as run, for messages.</param>
/// <param name="ExitCode">The process's exit code.</param>
/// <param name="Output">Standard output.</param>
/// <param name="Error">Standard error.</param>
/// <param name="Elapsed">Wall-clock time from start to exit.</param>
public sealed record ProcessResult(string CommandLine, int ExitCode, string Output, string Error, TimeSpan Elapsed)
{
    /// <summary>The whole transcript, for assertion messages.</summary>
    public override string ToString() =>
        $"$ {CommandLine}\nexit code {ExitCode} after {Elapsed.TotalSeconds:F1} s\n{Output}\n{Error}";
}
