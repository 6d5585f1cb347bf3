using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace KernelModel.Analyzers.Tests;

/// <summary>
/// The sample kernel is the compile-only corpus of correct code (Clang's <c>test_context-analysis.c</c>,
/// IDisposableAnalyzers' <c>ValidCode/</c>): every real configuration under sample-kernel/Configurations/ must
/// build cleanly with the generator and the analyzer and stay completely silent (SPEC §11). Where no flush
/// precedes a sync (powerpc hash, Linux 7.0), that silence rests on the sync's own contract (SPEC §4).
/// </summary>
public class SampleKernelTests
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<AnalysisOutcome>>> _outcomes = new();

    public static IEnumerable<object[]> Configurations => SampleKernelConfiguration.RealNames.Select(name => new object[] { name });

    [Theory]
    [MemberData(nameof(Configurations))]
    public async Task Configuration_compiles_without_errors(string name)
    {
        AnalysisOutcome outcome = await Outcome(name);
        Assert.True(
            !outcome.CompilerErrors.Any(),
            $"{name} does not compile as the tests build it:{Environment.NewLine}{DiagnosticListing.Describe(outcome.CompilerErrors)}");
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public async Task Configuration_has_no_TLB_diagnostic(string name)
    {
        AnalysisOutcome outcome = await Outcome(name);
        Assert.True(
            !outcome.RuleDiagnostics.Any(),
            $"Every guarded site of {name} is proved (docs/sample-kernel.md), yet the analyzer reported:{Environment.NewLine}" +
            DiagnosticListing.Describe(outcome.RuleDiagnostics));
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public async Task Analyzer_throws_no_exception_on_the_configuration(string name)
    {
        AnalysisOutcome outcome = await Outcome(name);
        Assert.False(outcome.AnalyzerFailed, outcome.DescribeAnalyzerFailures());
    }

    [Fact]
    public void Configurations_folder_holds_exactly_the_real_configurations()
    {
        // tlb-audit --matrix sample-kernel/Configurations takes the folder as the set: nothing else may live there.
        string folder = RepositoryRoot.Combine($"{SampleKernelSources.Folder}/Configurations");
        string[] projects = Directory.EnumerateFiles(folder, "*.csproj", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(folder, path).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)
            .ToArray();
        Assert.Equal(SampleKernelConfiguration.RealNames.Select(name => $"{name}/{name}.csproj").Order(StringComparer.Ordinal), projects);
    }

    [Theory]
    [InlineData("X86_64", "X86", "ARCH_HAS_TLB_TABLE_FLUSH_IMPLIES_IPI_BROADCAST CONFIG_X86_64")]
    [InlineData("X86_32Pae", "X86", "ARCH_HAS_TLB_TABLE_FLUSH_IMPLIES_IPI_BROADCAST CONFIG_X86_32_PAE")]
    [InlineData("PowerpcHash", "Powerpc", "ARCH_HAS_PMDP_COLLAPSE_FLUSH ARCH_HAS_TLB_NEEDS_TABLE_INVALIDATE CONFIG_PPC_BOOK3S_64_HASH")]
    [InlineData("Linux70X86_64", "X86", "CONFIG_X86_64 LINUX_7_0 LINUX_7_0_TLB_FLUSH")]
    [InlineData("Linux70TlbFlush", "X86", "ARCH_HAS_TLB_TABLE_FLUSH_IMPLIES_IPI_BROADCAST CONFIG_X86_64 LINUX_7_0_TLB_FLUSH")]
    public void Each_build_is_one_architecture_and_one_tree(string name, string arch, string symbols)
    {
        SampleKernelConfiguration configuration = SampleKernelConfiguration.Named(name);

        Assert.Equal(arch, configuration.Arch);
        Assert.Equal(symbols.Split(' '), configuration.Settings.PreprocessorSymbols.ToArray());
        Assert.Equal(new[] { "CS0162" }, configuration.Settings.SuppressedWarnings.ToArray());
    }

    [Theory]
    [InlineData("X86_64", "Arch/X86/Include/Asm/Tlb.cs", "Arch/Powerpc/Include/Asm/Tlb.cs")]
    [InlineData("PowerpcHash", "Arch/Powerpc/Include/Asm/Tlb.cs", "Arch/X86/Include/Asm/Tlb.cs")]
    public void Each_build_compiles_its_own_architecture_and_not_the_others(string name, string included, string excluded)
    {
        SampleKernelConfiguration configuration = SampleKernelConfiguration.Named(name);

        Assert.Contains(configuration.Files, file => file.RelativePath == included);
        Assert.DoesNotContain(configuration.Files, file => file.RelativePath == excluded);
        Assert.DoesNotContain(configuration.Files, file => file.RelativePath.StartsWith("Run/", StringComparison.Ordinal));
        Assert.DoesNotContain(configuration.Files, file => file.RelativePath.StartsWith("Configurations/", StringComparison.Ordinal));
    }

    [Fact]
    public void Sample_kernel_sources_include_every_guarded_site_of_the_docs()
    {
        // docs/sample-kernel.md's table of the six guarded call sites names these files; losing one would make
        // the silence above meaningless.
        string[] files = ["Mm/Khugepaged.cs", "Mm/MmuGather.cs", "Include/AsmGeneric/Tlb.cs", "Include/Linux/Pgtable.cs", "Mm/Hugetlb.cs", "Mm/Rmap.cs"];
        Assert.All(files, file => Assert.Contains(SampleKernelSources.Files, source => source.RelativePath == file));
    }

    private static Task<AnalysisOutcome> Outcome(string name) =>
        _outcomes.GetOrAdd(name, key => new Lazy<Task<AnalysisOutcome>>(() =>
        {
            SampleKernelConfiguration configuration = SampleKernelConfiguration.Named(key);
            return AnalysisRunner.RunAsync(configuration.Compilation, configuration.Settings);
        })).Value;
}
