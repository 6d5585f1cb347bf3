using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using KernelModel.CorpusGenerator;

namespace KernelModel.Analyzers.Tests;

/// <summary>
/// A kernel-model corpus from build/CorpusGenerator, generated in memory and analysed once per test run: the same
/// generator that docs/performance.md measures, at a size CI can afford.
/// </summary>
public static class GeneratedCorpus
{
    /// <summary>How many code files the in-memory corpus has.</summary>
    public const int Files = 100;

    /// <summary>The build settings: a library, as the generated project is.</summary>
    public static AnalysisSettings Settings { get; } = (AnalysisSettings.Default with { AssemblyName = "Corpus" }).WithoutPromiseSuggestions();

    /// <summary>The options; seed 7 is arbitrary but fixed, so failures reproduce.</summary>
    public static CorpusOptions Options { get; } = new() { Files = Files, Seed = 7 };

    private static readonly Lazy<ImmutableArray<CorpusFile>> _sources = new(() => KernelModelCorpus.Generate(Options));

    private static readonly Lazy<Task<AnalysisOutcome>> _outcome = new(() =>
        AnalysisRunner.RunAsync(Sources.Select(file => (file.Path, file.Text)), Settings));

    /// <summary>The corpus's files, the kernel-model API first.</summary>
    public static ImmutableArray<CorpusFile> Sources => _sources.Value;

    /// <summary>The one build of the corpus, with concurrent analysis as a compiler runs it.</summary>
    public static Task<AnalysisOutcome> Outcome => _outcome.Value;
}
