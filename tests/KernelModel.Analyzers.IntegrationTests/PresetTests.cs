using System;

namespace KernelModel.Analyzers.IntegrationTests;

/// <summary>
/// The package's severity presets and its configuration check in a real build (issue 13): with
/// <c>KernelModelAnalysisMode=Strict</c> a missing flush fails the build as an error, and a misspelled
/// <c>tlb_analysis.*</c> key in <c>.editorconfig</c> is reported as TLB000 naming the key and the real one.
/// </summary>
[Collection(PackageConsumers.Name)]
public sealed class PresetTests
{
    private readonly PackageFeed _feed;

    public PresetTests(PackageFeed feed) => _feed = feed;

    [Fact]
    public void Strict_preset_makes_TLB001_an_error_and_a_misspelled_key_is_reported_by_name()
    {
        var consumers = new IsolatedConsumers(_feed, "Strict");
        consumers
            .Write("Strict.csproj", $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <KernelModelAnalysisMode>Strict</KernelModelAnalysisMode>
                  </PropertyGroup>
                  <ItemGroup>
                    {consumers.PackageReference}
                  </ItemGroup>
                </Project>
                """)
            .Write(".editorconfig", "root = true\n\n[*.cs]\ntlb_analysis.sync_method = TlbRemoveTableSyncOne\n")
            .Write("Tlb.cs", ConsumerSources.Tlb)
            .Write("Khugepaged.cs", ConsumerSources.Khugepaged);
        (int line, int column) = SourceMarker.Find(ConsumerSources.Khugepaged, ConsumerSources.ReportedLine, "TlbRemoveTableSyncOne");

        BuildOutcome build = consumers.Build("Strict.csproj");

        Assert.False(build.Succeeded, build.Run.ToString());
        BuildDiagnostic missingFlush = Assert.Single(build.RuleDiagnostics);
        Assert.Equal(("Khugepaged.cs", line, column, "error", "TLB001"), (missingFlush.File, missingFlush.Line, missingFlush.Column, missingFlush.Severity, missingFlush.Id));
        Assert.Contains(
            build.Run.Output.Split('\n'),
            output => output.Contains("warning TLB000", StringComparison.Ordinal) &&
                      output.Contains("'tlb_analysis.sync_method'", StringComparison.Ordinal) &&
                      output.Contains("did you mean 'tlb_analysis.sync_methods'?", StringComparison.Ordinal));
    }
}
