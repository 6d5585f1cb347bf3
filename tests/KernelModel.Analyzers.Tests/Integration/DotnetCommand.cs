using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;

namespace KernelModel.Analyzers.Tests.Integration;

/// <summary>
/// Runs the real <c>dotnet</c> CLI in a folder, as a user would from a shell: English output, no logo, no
/// telemetry, and none of the MSBuild variables that <c>dotnet test</c> sets for its own build, which would
/// otherwise steer the child build.
/// </summary>
public static class DotnetCommand
{
    /// <summary>How long any single command may take before the test fails; generous for a busy 2-core machine.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(5);

    /// <summary>A start description for <c>dotnet</c> with the cleaned environment.</summary>
    /// <param name="workingDirectory">The folder to run in.</param>
    /// <param name="arguments">The arguments after <c>dotnet</c>.</param>
    /// <param name="environment">Extra variables, such as <c>NUGET_PACKAGES</c>.</param>
    /// <returns>The start info, with redirected standard streams.</returns>
    public static ProcessStartInfo StartInfo(
        string workingDirectory, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (string name in info.Environment.Keys.ToList())
        {
            if (name.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) ||
                name.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase))
            {
                info.Environment.Remove(name);
            }
        }

        info.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        foreach (KeyValuePair<string, string> variable in environment ?? new Dictionary<string, string>())
        {
            info.Environment[variable.Key] = variable.Value;
        }

        return info;
    }

    /// <summary>Runs <c>dotnet</c> to completion and captures what it printed.</summary>
    /// <param name="workingDirectory">The folder to run in.</param>
    /// <param name="arguments">The arguments after <c>dotnet</c>.</param>
    /// <param name="environment">Extra variables.</param>
    /// <returns>The result; a command that outlives <see cref="DefaultTimeout"/> is killed and fails the test.</returns>
    public static ProcessResult Run(
        string workingDirectory, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        ProcessStartInfo info = StartInfo(workingDirectory, arguments, environment);
        string commandLine = "dotnet " + string.Join(" ", info.ArgumentList);
        var clock = Stopwatch.StartNew();
        using Process process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {commandLine}.");
        process.StandardInput.Close();
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(DefaultTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{commandLine} in {workingDirectory} did not finish within {DefaultTimeout}.");
        }

        process.WaitForExit();
        return new ProcessResult(commandLine, process.ExitCode, output.Result, error.Result, clock.Elapsed);
    }
}
