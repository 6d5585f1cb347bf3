using System;
using System.Linq;
using System.Threading.Tasks;

namespace KernelModel.Analyzers.Tests;

/// <summary>
/// The deliberately unsafe build (sample-kernel/Linux70TlbFlush/): the series' generic half, whose syncs skip
/// their IPI when x86's broadcast key is on, with Linux 7.0's x86 <c>tlb_flush()</c>, which passes
/// <c>freed_tables</c> alone. A flush that only unshared tables then skips lazy-TLB CPUs, and the analyzer
/// must report exactly the sites that rely on such a flush: the sync of <c>tlb_flush_unshared_tables()</c>
/// where it flushes itself, and the three callers that flushed the gather before the unshare-flush. The
/// project keeps TLB001 a warning so that the solution builds; this test is where the list is asserted.
/// </summary>
public class Linux70TreeTests
{
    [Fact]
    public async Task Unsafe_mix_reports_exactly_the_sites_that_rely_on_an_unshare_only_flush()
    {
        SampleKernelConfiguration mix = SampleKernelConfiguration.Linux70TlbFlush;
        AnalysisOutcome outcome = await AnalysisRunner.RunAsync(mix.Compilation, mix.Settings);

        Assert.True(
            !outcome.CompilerErrors.Any(),
            $"The unsafe mix does not compile:{Environment.NewLine}{DiagnosticListing.Describe(outcome.CompilerErrors)}");
        Assert.False(outcome.AnalyzerFailed, outcome.DescribeAnalyzerFailures());

        CallSite[] expected =
        [
            new("Include/AsmGeneric/Tlb.cs", "TlbFlushUnsharedTables", "TlbRemoveTableSyncOne();"),
            new("Mm/Hugetlb.cs", "UnmapHugepageRangeLocked", "HugePmdUnshareFlush(tlb, vma);"),
            new("Mm/Hugetlb.cs", "MoveHugetlbPageTables", "HugePmdUnshareFlush(tlb, vma);"),
            new("Mm/Hugetlb.cs", "HugetlbChangeProtection", "HugePmdUnshareFlush(tlb, vma);"),
        ];
        string[] wanted = expected
            .Select(site => $"TLB001 {site.File}:{site.LineIn(mix.Get(site.File).Text)}")
            .Order(StringComparer.Ordinal)
            .ToArray();
        string[] reported = outcome.RuleDiagnostics
            .Select(diagnostic => $"{diagnostic.Id} {diagnostic.Location.SourceTree?.FilePath}:{DiagnosticListing.Line(diagnostic)}")
            .Order(StringComparer.Ordinal)
            .ToArray();

        Assert.Equal(wanted, reported);
        SiteDiagnostics.AssertReportedWithWitness(
            outcome, "TLB001", [.. expected.Select(site => (site, site.LineIn(mix.Get(site.File).Text)))]);
    }

    [Fact]
    public void Unsafe_mix_project_reports_TLB001_as_a_warning_and_silences_nothing()
    {
        System.Xml.Linq.XDocument project = System.Xml.Linq.XDocument.Load(RepositoryRoot.Combine(SampleKernelConfiguration.Linux70TlbFlush.Project));

        Assert.Empty(project.Descendants("NoWarn"));
        Assert.Equal(
            ["$(WarningsNotAsErrors)", "TLB001"],
            project.Descendants("WarningsNotAsErrors").Single().Value.Split(';', StringSplitOptions.TrimEntries));
    }
}
