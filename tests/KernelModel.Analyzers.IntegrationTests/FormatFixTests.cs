using System;
using System.Text.RegularExpressions;

namespace KernelModel.Analyzers.IntegrationTests;

/// <summary>
/// <c>dotnet format analyzers --diagnostics TLB001</c> with the package as users get it (SPEC §8): it never
/// applies "Insert a TLB flush", which changes behaviour and is offered per site only, but it does apply the
/// contract fix, which changes none: <c>[RequiresTableFlush]</c> on the enclosing method, after which the build
/// has no TLB001 (the method has no callers to report).
/// </summary>
[Collection(PackageConsumers.Name)]
public sealed class FormatFixTests
{
    private readonly PackageFeed _feed;
    private readonly ITestOutputHelper _output;

    public FormatFixTests(PackageFeed feed, ITestOutputHelper output)
    {
        _feed = feed;
        _output = output;
    }

    [Fact]
    public void Dotnet_format_inserts_no_flush_but_requires_callers_to_flush()
    {
        ConsumerProject project = ConsumerProject.Create(_feed, "Format", "net10.0")
            .Write("Tlb.cs", ConsumerSources.Tlb)
            .Write("Khugepaged.cs", ConsumerSources.Khugepaged);
        ProcessResult restore = project.Dotnet("restore", project.ProjectFile);
        Assert.True(restore.ExitCode == 0, restore.ToString());

        ProcessResult format = project.Dotnet(
            "format", "analyzers", project.ProjectFile, "--diagnostics", "TLB001", "--severity", "warn", "--no-restore");
        _output.WriteLine($"dotnet format analyzers: {format.Elapsed.TotalSeconds:F1} s");

        Assert.True(format.ExitCode == 0, format.ToString());
        string khugepaged = project.Read("Khugepaged.cs");
        Assert.DoesNotContain("FlushTlbMm", khugepaged, StringComparison.Ordinal);
        Assert.Matches(new Regex(@"\[RequiresTableFlush\]\s+public static void CollapseHugePage\("), khugepaged);
        BuildOutcome rebuild = project.Build("--no-restore");
        Assert.True(rebuild.Succeeded, rebuild.Run.ToString());
        Assert.DoesNotContain(rebuild.RuleDiagnostics, diagnostic => diagnostic.Id == "TLB001");
    }
}
