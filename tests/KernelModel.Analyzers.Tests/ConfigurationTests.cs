using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;

namespace KernelModel.Analyzers.Tests;

/// <summary>
/// TLB000 (SPEC §7): an invalid <c>tlb_analysis.*</c> value, or a misspelled <c>tlb_analysis.*</c> key, is reported
/// once, naming the key — a misspelling would otherwise leave the setting its author meant at its default without
/// a word. Real keys, including those read elsewhere, and other tools' keys are not reported.
/// </summary>
public class ConfigurationTests
{
    private const string Source = """
        namespace Cases.Configuration;

        public static class Site
        {
            public static void Nothing()
            {
            }
        }
        """;

    [Fact]
    public async Task A_misspelled_key_is_reported_once_with_the_key_it_resembles()
    {
        string message = Assert.Single(await MessagesAsync(AnalysisSettings.Default.WithOption("tlb_analysis.sync_method", "ArchTlbRemoveTableSync")));

        Assert.Equal(
            "Configuration key 'tlb_analysis.sync_method' is not a tlb_analysis key (did you mean 'tlb_analysis.sync_methods'?), " +
            "so its value 'ArchTlbRemoveTableSync' is ignored",
            message);
    }

    [Fact]
    public async Task A_key_like_no_real_one_is_reported_with_the_list_of_real_keys()
    {
        string message = Assert.Single(await MessagesAsync(AnalysisSettings.Default.WithOption("tlb_analysis.enabled", "true")));

        Assert.Contains("'tlb_analysis.enabled' is not a tlb_analysis key (the keys are tlb_analysis.sync_methods, ", message, System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_value_is_reported_with_the_default_used_instead()
    {
        string message = Assert.Single(await MessagesAsync(AnalysisSettings.Default.WithOption("tlb_analysis.max_states", "sixteen")));

        Assert.Equal(
            "Configuration key 'tlb_analysis.max_states' has invalid value 'sixteen': expected a whole number from 1 to 256; using the default '16'",
            message);
    }

    [Fact]
    public async Task Real_keys_and_other_tools_keys_are_not_reported()
    {
        AnalysisSettings settings = AnalysisSettings.Default
            .WithOption("tlb_analysis.sync_methods", "TlbRemoveTableSyncOne")
            .WithOption("tlb_analysis.broadcast_checks", "TlbTableFlushImpliesIpiBroadcast")
            .WithOption("TLB_ANALYSIS.MAX_STATES", "32")
            .WithOption("dotnet_diagnostic.TLB001.severity", "error")
            .WithOption("tlb_analysis_extra", "x");

        Assert.Empty(await MessagesAsync(settings));
    }

    [Fact]
    public async Task A_host_whose_options_cannot_list_their_keys_still_gets_the_settings_read_by_name()
    {
        // AnalyzerConfigOptions.Keys throws in the base class; hosts that only answer lookups used to get AD0001 from
        // every analyzer of the package, and no diagnostics at all.
        AnalysisSettings settings = AnalysisSettings.Default with { OptionsListKeys = false };
        const string unsafeSync = """
            namespace Cases.Configuration;

            public static class Mm
            {
                public static void TlbRemoveTableSyncOne() { }

                public static void Collapse() => TlbRemoveTableSyncOne();
            }
            """;

        AnalysisOutcome outcome = await AnalysisRunner.RunAsync([("Mm.cs", unsafeSync)], settings.WithOption("tlb_analysis.max_states", "sixteen"));

        Assert.False(outcome.AnalyzerFailed, outcome.DescribeAnalyzerFailures());
        Assert.Equal(["TLB000", "TLB001", "TLB003"], outcome.RuleDiagnostics.Select(d => d.Id).Order());
    }

    private static async Task<string[]> MessagesAsync(AnalysisSettings settings)
    {
        AnalysisOutcome outcome = await AnalysisRunner.RunAsync([("Site.cs", Source)], settings);
        Assert.False(outcome.AnalyzerFailed, outcome.DescribeAnalyzerFailures());
        return [.. outcome.RuleDiagnostics.Where(d => d.Id == "TLB000").Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture))];
    }
}
