using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using KernelModel.CorpusGenerator;
using Microsoft.CodeAnalysis;

namespace KernelModel.Analyzers.Tests;

/// <summary>
/// The generated corpus doubles as a correctness test at scale: every violation it seeds (marked
/// <c>// expect: TLB00N</c>) is reported on its line, and nothing else is — across wrapper chains of every depth,
/// gather-state flows, branches, loops and all three contracts.
/// </summary>
public class GeneratedCorpusTests
{
    [Fact]
    public async Task Every_seeded_violation_is_reported_and_nothing_else()
    {
        AnalysisOutcome outcome = await GeneratedCorpus.Outcome;
        Assert.False(outcome.AnalyzerFailed, outcome.DescribeAnalyzerFailures());

        ImmutableHashSet<(string Path, int Line, string Id)> expected = KernelModelCorpus.Expectations(GeneratedCorpus.Sources).ToImmutableHashSet();
        ImmutableHashSet<(string Path, int Line, string Id)> reported = outcome.RuleDiagnostics
            .Select(d => (d.Location.SourceTree!.FilePath, DiagnosticListing.Line(d), d.Id))
            .ToImmutableHashSet();

        // A corpus that seeds nothing, or reports nothing, would make this test vacuous.
        Assert.True(expected.Count >= 10, $"the corpus seeds only {expected.Count} violations");
        Assert.True(
            expected.SetEquals(reported),
            $"missed: {string.Join("; ", expected.Except(reported).Order())}{Environment.NewLine}" +
            $"not seeded: {string.Join("; ", reported.Except(expected).Order())}");
    }

    [Fact]
    public async Task Generated_corpus_compiles_without_warnings_or_errors()
    {
        AnalysisOutcome outcome = await GeneratedCorpus.Outcome;
        Diagnostic[] problems = outcome.CompilerWarningsAndErrors.ToArray();
        Assert.True(problems.Length == 0, DiagnosticListing.Describe(problems));
    }

    [Fact]
    public async Task Corpus_without_guarded_calls_reports_nothing()
    {
        ImmutableArray<CorpusFile> files = KernelModelCorpus.Generate(GeneratedCorpus.Options with { Files = 40, GuardedShare = 0 });
        Assert.Empty(KernelModelCorpus.Expectations(files));

        AnalysisOutcome outcome = await AnalysisRunner.RunAsync(files.Select(file => (file.Path, file.Text)), GeneratedCorpus.Settings);

        Assert.Empty(outcome.CompilerErrors);
        Assert.False(outcome.AnalyzerFailed, outcome.DescribeAnalyzerFailures());
        Assert.Empty(outcome.RuleDiagnostics);
    }

    [Fact]
    public void Same_options_generate_the_same_corpus_and_a_larger_one_extends_it()
    {
        ImmutableArray<CorpusFile> small = KernelModelCorpus.Generate(GeneratedCorpus.Options with { Files = 20 });
        ImmutableArray<CorpusFile> again = KernelModelCorpus.Generate(GeneratedCorpus.Options with { Files = 20 });
        ImmutableArray<CorpusFile> larger = KernelModelCorpus.Generate(GeneratedCorpus.Options with { Files = 30 });

        Assert.Equal(small.ToArray(), again.ToArray());
        Assert.Equal(small.ToArray(), larger.Take(small.Length).ToArray());
    }
}
