using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using System.Xml.Linq;

namespace KernelModel.Analyzers.Tests;

/// <summary>
/// The sample kernel is the compile-only corpus of correct code (Clang's <c>test_context-analysis.c</c>,
/// IDisposableAnalyzers' <c>ValidCode/</c>): every guarded site in it is proved, so it must build cleanly with
/// the generator and the analyzer and stay completely silent (SPEC §11).
/// </summary>
public class SampleKernelTests
{
    private static readonly Lazy<Task<AnalysisOutcome>> _outcome = new(() =>
        AnalysisRunner.RunAsync(SampleKernelSources.Compilation, SampleKernelSources.Settings));

    [Fact]
    public async Task Sample_kernel_compiles_without_errors()
    {
        AnalysisOutcome outcome = await _outcome.Value;
        Assert.True(
            !outcome.CompilerErrors.Any(),
            $"The sample kernel does not compile as the tests build it:{Environment.NewLine}{DiagnosticListing.Describe(outcome.CompilerErrors)}");
    }

    [Fact]
    public async Task Sample_kernel_has_no_TLB_diagnostic()
    {
        AnalysisOutcome outcome = await _outcome.Value;
        Assert.True(
            !outcome.RuleDiagnostics.Any(),
            $"Every guarded site of the sample kernel is proved (docs/sample-kernel.md), yet the analyzer reported:{Environment.NewLine}" +
            DiagnosticListing.Describe(outcome.RuleDiagnostics));
    }

    [Fact]
    public async Task Analyzer_throws_no_exception_on_the_sample_kernel()
    {
        AnalysisOutcome outcome = await _outcome.Value;
        Assert.False(outcome.AnalyzerFailed, outcome.DescribeAnalyzerFailures());
    }

    [Fact]
    public void Tests_build_the_sample_kernel_with_the_settings_of_SampleKernel_props()
    {
        XDocument props = XDocument.Load(RepositoryRoot.Combine($"{SampleKernelSources.Folder}/SampleKernel.props"));
        Assert.Equal(Listed(props, "DefineConstants"), SampleKernelSources.Settings.PreprocessorSymbols.Order());
        Assert.Equal(Listed(props, "NoWarn"), SampleKernelSources.Settings.SuppressedWarnings.Order());
    }

    [Fact]
    public void Sample_kernel_sources_include_every_guarded_site_of_the_docs()
    {
        // docs/sample-kernel.md's table of the six guarded call sites names these files; losing one would make
        // the silence above meaningless.
        string[] files = ["Mm/Khugepaged.cs", "Mm/MmuGather.cs", "Include/AsmGeneric/Tlb.cs", "Include/Linux/Pgtable.cs", "Mm/Hugetlb.cs"];
        Assert.All(files, file => Assert.Contains(SampleKernelSources.Files, source => source.RelativePath == file));
        Assert.DoesNotContain(SampleKernelSources.Files, source => source.RelativePath.StartsWith("Run/", StringComparison.Ordinal));
    }

    /// <summary>The entries of a semicolon-separated property, without the inherited <c>$(…)</c> part.</summary>
    private static ImmutableArray<string> Listed(XDocument props, string property) =>
        [.. props.Descendants(property)
            .SelectMany(element => element.Value.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Where(entry => !entry.StartsWith("$(", StringComparison.Ordinal))
            .Order()];
}
