namespace KernelModel.Analyzers.IntegrationTests;

/// <summary>
/// <c>dotnet build</c> of fresh console projects, net8.0 and net10.0, that reference the package from the local
/// feed: TLB001 at the exact place of the violating call, nothing for the compliant file.
/// </summary>
[Collection(PackageConsumers.Name)]
public sealed class ConsoleBuildTests
{
    private readonly PackageFeed _feed;
    private readonly ITestOutputHelper _output;

    public ConsoleBuildTests(PackageFeed feed, ITestOutputHelper output)
    {
        _feed = feed;
        _output = output;
    }

    public static TheoryData<string> TargetFrameworks => new() { "net8.0", "net10.0" };

    [Theory]
    [MemberData(nameof(TargetFrameworks))]
    public void Build_prints_TLB001_at_the_file_line_and_column_of_the_violating_call(string targetFramework)
    {
        BuildOutcome build = Build(targetFramework);
        (int line, int column) = SourceMarker.Find(ConsumerSources.Khugepaged, ConsumerSources.ReportedLine, "TlbRemoveTableSyncOne");

        Assert.True(build.Succeeded, build.Run.ToString());
        BuildDiagnostic diagnostic = Assert.Single(build.RuleDiagnostics);
        Assert.Equal(("Khugepaged.cs", line, column, "warning", "TLB001"),
            (diagnostic.File, diagnostic.Line, diagnostic.Column, diagnostic.Severity, diagnostic.Id));
        (int witnessLine, _) = SourceMarker.Find(ConsumerSources.Khugepaged, ConsumerSources.WitnessLine, "FlushTlbPage");
        Assert.StartsWith(
            "'TlbRemoveTableSyncOne' requires a prior TLB flush that frees or unshares page tables, but ", diagnostic.Message, System.StringComparison.Ordinal);
        Assert.Contains($"'FlushTlbPage' at line {witnessLine} ", diagnostic.Message, System.StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TargetFrameworks))]
    public void Package_loads_without_warnings_of_its_own(string targetFramework)
    {
        BuildOutcome build = Build(targetFramework);

        // A host that cannot load an assembly from the package says so with CS8032 or AD0001 warnings.
        Assert.True(build.Succeeded, build.Run.ToString());
        Assert.Equal(build.RuleDiagnostics, build.Diagnostics);
    }

    [Theory]
    [MemberData(nameof(TargetFrameworks))]
    public void Build_prints_nothing_for_the_compliant_file(string targetFramework)
    {
        BuildOutcome build = Build(targetFramework);

        Assert.True(build.Succeeded, build.Run.ToString());
        Assert.DoesNotContain(build.Diagnostics, diagnostic => diagnostic.File == "Retract.cs");
    }

    [Theory]
    [MemberData(nameof(TargetFrameworks))]
    public void Consumer_gets_the_contract_attributes_from_the_package_generator(string targetFramework)
    {
        ConsoleConsumer consumer = ConsoleConsumer.For(_feed, targetFramework);

        // Retract.cs uses [RequiresTableFlush] from KernelModel.Contracts, which only the generator supplies.
        Assert.True(consumer.Outcome.Succeeded, consumer.Outcome.Run.ToString());
        Assert.Equal(["KernelModel.Contracts.g.cs"], consumer.GeneratedContractFiles());
    }

    private BuildOutcome Build(string targetFramework)
    {
        BuildOutcome build = ConsoleConsumer.For(_feed, targetFramework).Outcome;
        _output.WriteLine($"{targetFramework} consumer: restore and build {build.Run.Elapsed.TotalSeconds:F1} s");
        return build;
    }
}
