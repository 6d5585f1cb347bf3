using System.Collections.Generic;
using System.Diagnostics;
using System.Text;
using System.Threading.Tasks;

namespace KernelModel.Analyzers.Tests.Integration;

/// <summary>What a <c>dotnet</c> command printed and how it ended.</summary>
/// <param name="ExitCode">The exit code.</param>
/// <param name="Output">Standard output and error, interleaved as they arrived.</param>
public sealed record CommandResult(int ExitCode, string Output);

/// <summary>
/// Runs the real <c>dotnet</c> CLI in a folder with its own NuGet package cache and no telemetry or first-run
/// noise, so integration tests see exactly what a user's shell would, and never a package another test cached.
/// </summary>
public static class DotnetCommand
{
    /// <summary>Runs <c>dotnet</c> with <paramref name="arguments"/> in <paramref name="folder"/>.</summary>
    /// <param name="folder">The working folder; its <c>.nuget-packages</c> subfolder is the package cache.</param>
    /// <param name="arguments">The arguments.</param>
    /// <returns>The exit code and output.</returns>
    public static async Task<CommandResult> RunAsync(string folder, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var environment = new Dictionary<string, string>
        {
            ["NUGET_PACKAGES"] = System.IO.Path.Combine(folder, ".nuget-packages"),
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
            ["MSBUILDDISABLENODEREUSE"] = "1",
        };
        foreach ((string key, string value) in environment)
        {
            start.Environment[key] = value;
        }

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await process.WaitForExitAsync().ConfigureAwait(false);
        return new CommandResult(process.ExitCode, output.ToString());
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }
}
