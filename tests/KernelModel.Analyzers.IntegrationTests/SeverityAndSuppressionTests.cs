namespace KernelModel.Analyzers.IntegrationTests;

/// <summary>
/// The usual Roslyn controls work on the package's rules: <c>.editorconfig</c> severity, <c>#pragma warning
/// disable</c> and <c>[SuppressMessage]</c> with a justification.
/// </summary>
[Collection(PackageConsumers.Name)]
public sealed class SeverityAndSuppressionTests
{
    private const string ErrorSeverity = """
        root = true

        [*.cs]
        dotnet_diagnostic.TLB001.severity = error

        """;

    private readonly PackageFeed _feed;

    public SeverityAndSuppressionTests(PackageFeed feed) => _feed = feed;

    [Fact]
    public void Editorconfig_severity_error_fails_the_build_at_the_violating_call()
    {
        ConsumerProject project = ConsumerProject.Create(_feed, "SeverityError", "net10.0")
            .Write(".editorconfig", ErrorSeverity)
            .Write("Tlb.cs", ConsumerSources.Tlb)
            .Write("Khugepaged.cs", ConsumerSources.Khugepaged);
        (int line, int column) = SourceMarker.Find(ConsumerSources.Khugepaged, ConsumerSources.ReportedLine, "TlbRemoveTableSyncOne");

        BuildOutcome build = project.Build();

        Assert.False(build.Succeeded, build.Run.ToString());
        BuildDiagnostic diagnostic = Assert.Single(build.RuleDiagnostics);
        Assert.Equal(("Khugepaged.cs", line, column, "error", "TLB001"),
            (diagnostic.File, diagnostic.Line, diagnostic.Column, diagnostic.Severity, diagnostic.Id));
    }

    [Fact]
    public void Pragma_and_SuppressMessage_silence_TLB001_even_at_error_severity()
    {
        ConsumerProject project = ConsumerProject.Create(_feed, "Suppressed", "net10.0")
            .Write(".editorconfig", ErrorSeverity)
            .Write("Tlb.cs", ConsumerSources.Tlb)
            .Write("Suppressed.cs", ConsumerSources.Suppressed);

        BuildOutcome build = project.Build();

        Assert.True(build.Succeeded, build.Run.ToString());
        Assert.Empty(build.RuleDiagnostics);
    }
}
