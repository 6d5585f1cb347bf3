using System.IO;
using System.Linq;
using System.Text.Json;

namespace KernelModel.Analyzers.IntegrationTests;

/// <summary>
/// <c>-p:ErrorLog=out.sarif%2Cversion=2.1</c>: the SARIF log a CI system or code-scanning service reads carries
/// the rule's help link and the witness path's locations.
/// </summary>
[Collection(PackageConsumers.Name)]
public sealed class SarifLogTests
{
    private readonly PackageFeed _feed;

    public SarifLogTests(PackageFeed feed) => _feed = feed;

    [Fact]
    public void Rule_entry_carries_the_help_uri_of_the_rule_page_and_the_rule_description()
    {
        using JsonDocument log = Log();
        JsonElement rule = Run(log).GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray()
            .Single(rule => rule.GetProperty("id").GetString() == "TLB001");

        string helpUri = rule.GetProperty("helpUri").GetString() ?? "";
        Assert.StartsWith("https://", helpUri, System.StringComparison.Ordinal);
        Assert.EndsWith("/docs/rules/TLB001.md", helpUri, System.StringComparison.Ordinal);
        string description = rule.GetProperty("fullDescription").GetProperty("text").GetString() ?? "";
        Assert.Contains("freedTables or unsharedTables", description, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Result_locates_the_call_and_the_witness_flush()
    {
        using JsonDocument log = Log();
        JsonElement result = Assert.Single(
            Run(log).GetProperty("results").EnumerateArray(),
            result => result.GetProperty("ruleId").GetString() == "TLB001");
        (int callLine, int callColumn) = SourceMarker.Find(ConsumerSources.Khugepaged, ConsumerSources.ReportedLine, "TlbRemoveTableSyncOne");
        (int witnessLine, int witnessColumn) = SourceMarker.Find(ConsumerSources.Khugepaged, ConsumerSources.WitnessLine, "FlushTlbPage");

        Assert.Equal(("Khugepaged.cs", callLine, callColumn), Place(result.GetProperty("locations")[0]));
        Assert.Contains(("Khugepaged.cs", witnessLine, witnessColumn),
            result.GetProperty("relatedLocations").EnumerateArray().Select(Place));
    }

    private static JsonElement Run(JsonDocument log)
    {
        Assert.Equal("2.1.0", log.RootElement.GetProperty("version").GetString());
        return log.RootElement.GetProperty("runs")[0];
    }

    private static (string File, int Line, int Column) Place(JsonElement location)
    {
        JsonElement physical = location.GetProperty("physicalLocation");
        JsonElement region = physical.GetProperty("region");
        return (Path.GetFileName(physical.GetProperty("artifactLocation").GetProperty("uri").GetString()) ?? "",
            region.GetProperty("startLine").GetInt32(),
            region.GetProperty("startColumn").GetInt32());
    }

    private JsonDocument Log()
    {
        ConsoleConsumer consumer = ConsoleConsumer.For(_feed, "net10.0");
        string path = consumer.Project.PathOf(ConsoleConsumer.SarifFile);
        Assert.True(File.Exists(path), $"No SARIF log at {path}:\n{consumer.Outcome.Run}");
        return JsonDocument.Parse(File.ReadAllText(path));
    }
}
