using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace KernelModel.Analyzers.Tests;

/// <summary>
/// No AD0001, ever (SPEC §11): the analyzer must survive every state a file passes through while it is typed or
/// edited, and stop when asked to. Each sample-kernel file is cut to prefixes and has tokens deleted; the rest of
/// the kernel stays as it is. Every variant is analysed as the IDE analyses the file being edited; a few prefixes
/// per file are also analysed as a whole build, where the damage reaches every other file through the types it
/// no longer declares.
/// </summary>
public class RobustnessTests
{
    private const int Prefixes = 50;
    private const int TokenDeletions = 30;

    /// <summary>Which prefixes (every n-th) are also analysed as a whole build; whole builds cost ten times more.</summary>
    private const int WholeBuildEvery = 16;

    public static IEnumerable<object[]> Files => SampleKernelSources.FilePaths;

    [Theory]
    [MemberData(nameof(Files))]
    public Task Analyzer_survives_every_prefix_of_the_file(string file)
    {
        SampleKernelFile source = SampleKernelSources.Get(file);
        return AssertAnalyzerSurvivesAsync(
            source,
            SourceDamage.Prefixes(source.Text, Prefixes).Select((variant, index) => (variant, WholeBuild: index % WholeBuildEvery == WholeBuildEvery / 2)));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public Task Analyzer_survives_random_token_deletions_in_the_file(string file)
    {
        SampleKernelFile source = SampleKernelSources.Get(file);
        return AssertAnalyzerSurvivesAsync(
            source,
            SourceDamage.TokenDeletions(source.Tree, TokenDeletions, SourceDamage.SeedFor(file)).Select(variant => (variant, WholeBuild: false)));
    }

    [Fact]
    public async Task Analysis_of_the_whole_sample_kernel_honours_a_cancelled_token()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            AnalysisRunner.RunAsync(SampleKernelSources.Compilation, SampleKernelSources.Settings, cancellationToken: cancelled.Token));
    }

    private static async Task AssertAnalyzerSurvivesAsync(SampleKernelFile source, IEnumerable<(SourceVariant Variant, bool WholeBuild)> variants)
    {
        var failures = new ConcurrentQueue<string>();
        (SourceVariant Variant, bool WholeBuild)[] all = variants.ToArray();
        await Parallel.ForEachAsync(all, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, async (item, cancellationToken) =>
        {
            SyntaxTree tree = AnalysisRunner.Parse(source.Tree.FilePath, item.Variant.Text, SampleKernelSources.Settings, cancellationToken);
            CSharpCompilation compilation = SampleKernelSources.Compilation.ReplaceSyntaxTree(source.Tree, tree);
            string scope = item.WholeBuild ? "whole build" : "document";
            try
            {
                AnalysisOutcome outcome = item.WholeBuild
                    ? await AnalysisRunner.RunAsync(compilation, SampleKernelSources.Settings, includeCompilerDiagnostics: false, cancellationToken)
                    : await AnalysisRunner.RunOnDocumentAsync(compilation, tree, SampleKernelSources.Settings, includeCompilerDiagnostics: false, cancellationToken);
                if (outcome.AnalyzerFailed)
                {
                    failures.Enqueue($"{source.RelativePath}, {item.Variant.Description}, {scope}:{Environment.NewLine}{outcome.DescribeAnalyzerFailures()}");
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                failures.Enqueue($"{source.RelativePath}, {item.Variant.Description}, {scope}: the run itself threw{Environment.NewLine}{exception}");
            }
        });

        Assert.True(
            failures.IsEmpty,
            $"{failures.Count} of {all.Length} damaged versions of {source.RelativePath} made the analyzer throw; the first ones:" +
            $"{Environment.NewLine}{string.Join(Environment.NewLine + Environment.NewLine, failures.Take(3))}");
    }
}
