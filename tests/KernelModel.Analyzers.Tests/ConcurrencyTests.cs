using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KernelModel.Analyzers.Tests;

/// <summary>
/// The analyzer enables concurrent execution, and its session caches (contracts, callee graphs, summaries) are
/// shared by every thread of a compilation; a race there would show as diagnostics that depend on scheduling.
/// The generated corpus, analysed with concurrent execution on, must give exactly what a sequential run gives.
/// </summary>
public class ConcurrencyTests
{
    [Fact]
    public async Task Concurrent_analysis_of_the_corpus_reports_exactly_what_sequential_analysis_reports()
    {
        AnalysisOutcome concurrent = await GeneratedCorpus.Outcome;
        ImmutableArray<Diagnostic> sequential = await AnalyzeAsync(concurrent.Compilation, concurrentAnalysis: false);
        ImmutableArray<Diagnostic> again = await AnalyzeAsync(concurrent.Compilation, concurrentAnalysis: true);

        string[] expected = Describe(sequential);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, Describe(concurrent.AnalyzerDiagnostics));
        Assert.Equal(expected, Describe(again));
    }

    private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Compilation compilation, bool concurrentAnalysis)
    {
        var exceptions = new ConcurrentQueue<Exception>();
        CompilationWithAnalyzers analyzers = compilation.WithAnalyzers(
            [new TableFlushAnalyzer()],
            new CompilationWithAnalyzersOptions(
                new AnalyzerOptions([], new GlobalConfigOptionsProvider(GeneratedCorpus.Settings.ConfigOptions)),
                onAnalyzerException: (exception, _, _) => exceptions.Enqueue(exception),
                concurrentAnalysis: concurrentAnalysis,
                logAnalyzerExecutionTime: false,
                reportSuppressedDiagnostics: false));
        ImmutableArray<Diagnostic> diagnostics = await analyzers.GetAnalyzerDiagnosticsAsync();
        Assert.Empty(exceptions);
        return diagnostics;
    }

    /// <summary>Everything a user sees of each diagnostic: where, which rule, the message and the witness locations.</summary>
    private static string[] Describe(ImmutableArray<Diagnostic> diagnostics) =>
        diagnostics.Select(DiagnosticListing.Describe).Order(StringComparer.Ordinal).ToArray();
}
