namespace KernelModel.Analyzers.IntegrationTests;

/// <summary>
/// <c>KernelModelEmitContracts=false</c> reaches the package's generator through the package's build props: the
/// generator adds nothing, and the project's own contract attributes (any namespace) are honoured.
/// </summary>
[Collection(PackageConsumers.Name)]
public sealed class EmitContractsTests
{
    private readonly PackageFeed _feed;

    public EmitContractsTests(PackageFeed feed) => _feed = feed;

    [Fact]
    public void Project_with_its_own_attributes_builds_without_generated_ones_and_is_still_checked()
    {
        ConsumerProject project = ConsumerProject.Create(_feed, "OwnContracts", "net10.0",
                ("KernelModelEmitContracts", "false"), ("EmitCompilerGeneratedFiles", "true"))
            .Write("Tlb.cs", ConsumerSources.Tlb)
            .Write("Contracts.cs", ConsumerSources.OwnContracts)
            .Write("Retract.cs", ConsumerSources.OwnContractsUse);
        (int line, int column) = SourceMarker.Find(ConsumerSources.OwnContractsUse, ConsumerSources.ReportedLine, "PmdpGetLocklessSync");

        BuildOutcome build = project.Build();

        Assert.True(build.Succeeded, build.Run.ToString());
        Assert.Empty(ConsoleConsumer.GeneratedContractFiles(project));
        BuildDiagnostic diagnostic = Assert.Single(build.RuleDiagnostics);
        Assert.Equal(("Retract.cs", line, column, "TLB001"), (diagnostic.File, diagnostic.Line, diagnostic.Column, diagnostic.Id));
    }
}
