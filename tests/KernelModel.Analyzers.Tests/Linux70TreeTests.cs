using System;
using System.Linq;
using System.Threading.Tasks;
using System.Xml.Linq;

namespace KernelModel.Analyzers.Tests;

/// <summary>
/// The second tree the sample kernel builds (sample-kernel/Linux70TlbFlush/): the same sources with
/// <c>LINUX_7_0_TLB_FLUSH</c>, where x86 <c>tlb_flush()</c> passes <c>freed_tables</c> alone, as Linux 7.0 did.
/// That is the bug the series' x86 half fixes, and the analyzer must find it at the sync in
/// <c>TlbFlushUnsharedTables</c> (docs/sample-kernel.md, "Two kernel trees"). The project silences that TLB001
/// to build warning-free; this test is where it is asserted.
/// </summary>
public class Linux70TreeTests
{
    private const string Symbol = "LINUX_7_0_TLB_FLUSH";
    private const string Project = "sample-kernel/Linux70TlbFlush/SampleKernel.Linux70TlbFlush.csproj";

    [Fact]
    public async Task Linux_7_0_tree_reports_the_sync_in_TlbFlushUnsharedTables()
    {
        AnalysisSettings settings = SampleKernelSources.Settings with
        {
            AssemblyName = "KernelModel.SampleKernel.Linux70TlbFlush",
            PreprocessorSymbols = SampleKernelSources.Settings.PreprocessorSymbols.Add(Symbol),
        };
        AnalysisOutcome outcome = await AnalysisRunner.RunAsync(
            SampleKernelSources.Files.Select(file => (file.RelativePath, file.Text)),
            settings);

        Assert.True(
            !outcome.CompilerErrors.Any(),
            $"The Linux 7.0 tree does not compile:{Environment.NewLine}{DiagnosticListing.Describe(outcome.CompilerErrors)}");
        Assert.False(outcome.AnalyzerFailed, outcome.DescribeAnalyzerFailures());
        var sync = new CallSite("Include/AsmGeneric/Tlb.cs", "TlbFlushUnsharedTables", "TlbRemoveTableSyncOne();");
        SiteDiagnostics.AssertReportedWithWitness(outcome, "TLB001", [(sync, sync.LineIn(SampleKernelSources.Get(sync.File).Text))]);
    }

    [Fact]
    public void Linux70TlbFlush_project_still_defines_the_symbol_the_test_uses()
    {
        XDocument project = XDocument.Load(RepositoryRoot.Combine(Project));
        Assert.Contains(
            Symbol,
            project.Descendants("DefineConstants").SelectMany(element => element.Value.Split(';', StringSplitOptions.TrimEntries)));
    }
}
