using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace KernelModel.Analyzers.Tests;

/// <summary>
/// Builds a test project the way <c>dotnet build</c> would run the package: compile the sources against the
/// targeting pack, run <see cref="ContractAttributesGenerator"/>, then run every analyzer of the package (<see cref="ProductAnalyzers"/>) over
/// the result with the same options. Analyzer exceptions are collected, not swallowed, so tests can insist
/// there are none.
/// </summary>
public static class AnalysisRunner
{
    /// <summary>Parses one source file with the settings' parse options.</summary>
    /// <param name="path">The file's path as diagnostics should show it.</param>
    /// <param name="text">The source.</param>
    /// <param name="settings">The build settings.</param>
    /// <param name="cancellationToken">Cancels parsing.</param>
    /// <returns>The tree.</returns>
    public static SyntaxTree Parse(string path, string text, AnalysisSettings settings, CancellationToken cancellationToken = default) =>
        CSharpSyntaxTree.ParseText(SourceText.From(text, Encoding.UTF8), settings.ParseOptions, path, cancellationToken);

    /// <summary>Creates the compilation of a test project, before generators run.</summary>
    /// <param name="trees">Its source files.</param>
    /// <param name="settings">The build settings.</param>
    /// <returns>The compilation.</returns>
    public static CSharpCompilation Compile(IEnumerable<SyntaxTree> trees, AnalysisSettings settings) =>
        CSharpCompilation.Create(settings.AssemblyName, trees, TargetingPack.References, settings.CompilationOptions);

    /// <summary>Parses, compiles, generates and analyses named sources.</summary>
    /// <param name="sources">Path and text of each file.</param>
    /// <param name="settings">The build settings.</param>
    /// <param name="cancellationToken">Cancels the whole run.</param>
    /// <returns>What the build produced.</returns>
    public static Task<AnalysisOutcome> RunAsync(
        IEnumerable<(string Path, string Text)> sources,
        AnalysisSettings settings,
        CancellationToken cancellationToken = default) =>
        RunAsync(Compile(sources.Select(source => Parse(source.Path, source.Text, settings, cancellationToken)), settings), settings, cancellationToken: cancellationToken);

    /// <summary>Generates and analyses an existing compilation, as a build does.</summary>
    /// <param name="compilation">The compilation, without generated sources.</param>
    /// <param name="settings">The build settings the compilation was made with.</param>
    /// <param name="includeCompilerDiagnostics">
    /// Whether to also compute the compiler's own diagnostics, which costs a second pass over every method
    /// body; tests that only care about the analyzer may skip it.
    /// </param>
    /// <param name="cancellationToken">Cancels generation and analysis.</param>
    /// <returns>What the build produced.</returns>
    public static async Task<AnalysisOutcome> RunAsync(
        CSharpCompilation compilation,
        AnalysisSettings settings,
        bool includeCompilerDiagnostics = true,
        CancellationToken cancellationToken = default)
    {
        PreparedAnalysis prepared = Prepare(compilation, settings, cancellationToken);
        ImmutableArray<Diagnostic> analyzerDiagnostics = await prepared.Analyzers.GetAnalyzerDiagnosticsAsync(cancellationToken).ConfigureAwait(false);
        ImmutableArray<Diagnostic> compilerDiagnostics = includeCompilerDiagnostics
            ? prepared.GeneratorDiagnostics.AddRange(prepared.Compilation.GetDiagnostics(cancellationToken))
            : prepared.GeneratorDiagnostics;
        return new AnalysisOutcome(prepared.Compilation, compilerDiagnostics, analyzerDiagnostics, [.. prepared.Exceptions]);
    }

    /// <summary>
    /// Generates, then analyses one document of the compilation, as the IDE does for the file being edited:
    /// the document's syntax and semantic analyzer diagnostics, and optionally its compiler diagnostics. The analyzer may
    /// still read other files (callee summaries), but only this document's methods are analysed, which is what
    /// makes thousands of edited variants affordable.
    /// </summary>
    /// <param name="compilation">The compilation, without generated sources.</param>
    /// <param name="document">The tree being edited; it must belong to <paramref name="compilation"/>.</param>
    /// <param name="settings">The build settings the compilation was made with.</param>
    /// <param name="includeCompilerDiagnostics">Whether to also compute the document's compiler diagnostics.</param>
    /// <param name="cancellationToken">Cancels generation and analysis.</param>
    /// <returns>What the IDE would show for the document.</returns>
    public static async Task<AnalysisOutcome> RunOnDocumentAsync(
        CSharpCompilation compilation,
        SyntaxTree document,
        AnalysisSettings settings,
        bool includeCompilerDiagnostics = true,
        CancellationToken cancellationToken = default)
    {
        PreparedAnalysis prepared = Prepare(compilation, settings, cancellationToken);
        SemanticModel model = prepared.Compilation.GetSemanticModel(document);
        ImmutableArray<Diagnostic> syntax = await prepared.Analyzers.GetAnalyzerSyntaxDiagnosticsAsync(document, cancellationToken).ConfigureAwait(false);
        ImmutableArray<Diagnostic> semantic = await prepared.Analyzers.GetAnalyzerSemanticDiagnosticsAsync(model, null, cancellationToken).ConfigureAwait(false);
        ImmutableArray<Diagnostic> compilerDiagnostics = includeCompilerDiagnostics
            ? prepared.GeneratorDiagnostics.AddRange(model.GetDiagnostics(cancellationToken: cancellationToken))
            : prepared.GeneratorDiagnostics;
        return new AnalysisOutcome(prepared.Compilation, compilerDiagnostics, syntax.AddRange(semantic), [.. prepared.Exceptions]);
    }

    /// <summary>Runs the generator and sets up the analyzer, with exceptions collected rather than lost.</summary>
    private static PreparedAnalysis Prepare(CSharpCompilation compilation, AnalysisSettings settings, CancellationToken cancellationToken)
    {
        var options = new GlobalConfigOptionsProvider(settings.ConfigOptions, settings.OptionsListKeys);
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [new ContractAttributesGenerator().AsSourceGenerator()],
            parseOptions: settings.ParseOptions,
            optionsProvider: options);
        driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation generated, out ImmutableArray<Diagnostic> generatorDiagnostics, cancellationToken);

        var exceptions = new ConcurrentQueue<Exception>();
        CompilationWithAnalyzers analyzers = generated.WithAnalyzers(
            ProductAnalyzers.Create(),
            new CompilationWithAnalyzersOptions(
                new AnalyzerOptions([], options),
                onAnalyzerException: (exception, _, _) => exceptions.Enqueue(exception),
                concurrentAnalysis: true,
                logAnalyzerExecutionTime: false,
                reportSuppressedDiagnostics: false));
        return new PreparedAnalysis(generated, generatorDiagnostics, analyzers, exceptions);
    }

    private sealed record PreparedAnalysis(
        Compilation Compilation,
        ImmutableArray<Diagnostic> GeneratorDiagnostics,
        CompilationWithAnalyzers Analyzers,
        ConcurrentQueue<Exception> Exceptions);
}
