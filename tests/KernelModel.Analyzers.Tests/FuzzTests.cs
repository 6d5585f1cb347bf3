using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace KernelModel.Analyzers.Tests;

/// <summary>
/// No AD0001 on damaged code, beyond what <see cref="RobustnessTests"/> covers: random token insertions in the
/// sample kernel, and prefixes, token deletions and token insertions in every shared conformance case (whose
/// contracts, lambdas, recursion and malformed conditions the sample kernel does not all have). Each variant is
/// analysed as the IDE analyses the file being edited, with the rest of its project intact. Seeds are fixed, so
/// a failure names a variant that can be replayed.
/// </summary>
public class FuzzTests
{
    private const int SampleKernelInsertions = 8;
    private const int CasePrefixes = 10;
    private const int CaseDeletions = 8;
    private const int CaseInsertions = 8;

    private static readonly AnalysisSettings _caseSettings = AnalysisSettings.Default with { AssemblyName = "Cases" };

    private static readonly Lazy<(CSharpCompilation Compilation, ImmutableDictionary<string, SyntaxTree> Trees)> _cases = new(() =>
    {
        ImmutableDictionary<string, SyntaxTree> trees = ConformanceCases.Files.ToImmutableDictionary(
            file => file.Path,
            file => AnalysisRunner.Parse(file.Path, file.Text, _caseSettings));
        return (AnalysisRunner.Compile(trees.Values.OrderBy(tree => tree.FilePath, StringComparer.Ordinal), _caseSettings), trees);
    });

    public static IEnumerable<object[]> SampleKernelFiles => SampleKernelSources.FilePaths;

    /// <summary>Every case file and the kernel model they share.</summary>
    public static IEnumerable<object[]> CaseFiles => ConformanceCases.Files.Select(file => new object[] { file.Path });

    [Theory]
    [MemberData(nameof(SampleKernelFiles))]
    public Task Analyzer_survives_random_token_insertions_in_the_sample_kernel_file(string file)
    {
        SampleKernelFile source = SampleKernelSources.Get(file);
        return AssertSurvivesAsync(
            SampleKernelSources.Compilation,
            source.Tree,
            SampleKernelSources.Settings,
            SourceDamage.TokenInsertions(source.Tree, SampleKernelInsertions, SourceDamage.SeedFor(file)));
    }

    [Theory]
    [MemberData(nameof(CaseFiles))]
    public Task Analyzer_survives_prefixes_deletions_and_insertions_of_the_case(string file)
    {
        (CSharpCompilation compilation, ImmutableDictionary<string, SyntaxTree> trees) = _cases.Value;
        SyntaxTree tree = trees[file];
        string text = tree.GetText().ToString();
        int seed = SourceDamage.SeedFor(file);
        IEnumerable<SourceVariant> variants = SourceDamage.Prefixes(text, CasePrefixes)
            .Concat(SourceDamage.TokenDeletions(tree, CaseDeletions, seed))
            .Concat(SourceDamage.TokenInsertions(tree, CaseInsertions, seed));
        return AssertSurvivesAsync(compilation, tree, _caseSettings, variants);
    }

    private static async Task AssertSurvivesAsync(CSharpCompilation compilation, SyntaxTree original, AnalysisSettings settings, IEnumerable<SourceVariant> variants)
    {
        var failures = new ConcurrentQueue<string>();
        SourceVariant[] all = variants.ToArray();
        Assert.NotEmpty(all);
        await Parallel.ForEachAsync(all, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, async (variant, cancellationToken) =>
        {
            SyntaxTree tree = AnalysisRunner.Parse(original.FilePath, variant.Text, settings, cancellationToken);
            CSharpCompilation damaged = compilation.ReplaceSyntaxTree(original, tree);
            try
            {
                AnalysisOutcome outcome = await AnalysisRunner.RunOnDocumentAsync(damaged, tree, settings, includeCompilerDiagnostics: false, cancellationToken);
                if (outcome.AnalyzerFailed)
                {
                    failures.Enqueue($"{original.FilePath}, {variant.Description}:{Environment.NewLine}{outcome.DescribeAnalyzerFailures()}");
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                failures.Enqueue($"{original.FilePath}, {variant.Description}: the run itself threw{Environment.NewLine}{exception}");
            }
        });

        Assert.True(
            failures.IsEmpty,
            $"{failures.Count} of {all.Length} damaged versions of {original.FilePath} made the analyzer throw; the first ones:" +
            $"{Environment.NewLine}{string.Join(Environment.NewLine + Environment.NewLine, failures.Take(3))}");
    }
}
