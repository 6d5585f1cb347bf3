using System;
using System.Text.RegularExpressions;

namespace KernelModel.Analyzers.IntegrationTests;

/// <summary>
/// <c>dotnet format analyzers --diagnostics TLB001</c> applies the package's first TLB001 fix, "Insert a TLB
/// flush" (SPEC §8): a whole-address-space flush before the sync, after which the build is clean.
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
    public void Dotnet_format_inserts_a_flush_before_the_sync_and_the_rebuild_has_no_TLB001()
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
        string[] lines = project.Read("Khugepaged.cs").Split('\n');
        int sync = Array.FindIndex(lines, line => line.Contains("TlbRemoveTableSyncOne();", StringComparison.Ordinal));
        Assert.True(sync > 0, string.Join('\n', lines));
        Assert.Matches(new Regex(@"^\s*(Kernel\.)?FlushTlbMm\(mm\);\s*$"), lines[sync - 1]);
        BuildOutcome rebuild = project.Build("--no-restore");
        Assert.True(rebuild.Succeeded, rebuild.Run.ToString());
        Assert.DoesNotContain(rebuild.RuleDiagnostics, diagnostic => diagnostic.Id == "TLB001");
    }
}
