using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace KernelModel.Analyzers.Tests;

/// <summary>
/// The conformance corpus, Cases/ (a verbatim copy of the shared cases, copied next to the test assembly): every
/// <c>*.cs</c> file compiled together as one project with nullable enabled and no other source, as
/// Cases/README.md prescribes, then generated and analysed once for the whole test run.
/// </summary>
public static class ConformanceCases
{
    /// <summary>The kernel model every case compiles against; it must itself stay silent.</summary>
    public const string ApiFile = "Api.cs";

    private static readonly Lazy<ImmutableArray<(string Path, string Text)>> _files = new(() =>
        Directory.GetFiles(Folder, "*.cs")
            .OrderBy(path => path, StringComparer.Ordinal)
            .Select(path => (Path.GetFileName(path), File.ReadAllText(path)))
            .ToImmutableArray());

    private static readonly Lazy<Task<AnalysisOutcome>> _outcome = new(() =>
        AnalysisRunner.RunAsync(Files, (AnalysisSettings.Default with { AssemblyName = "Cases" }).WithoutPromiseSuggestions()));

    /// <summary>Where the copies are at test time.</summary>
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Cases");

    /// <summary>Every source file, named by file name (which is also its tree's path).</summary>
    public static ImmutableArray<(string Path, string Text)> Files => _files.Value;

    /// <summary>The case files (C01…C20), without the shared kernel model, as xUnit theory rows.</summary>
    public static IEnumerable<object[]> CaseFileNames =>
        Files.Where(file => file.Path != ApiFile).Select(file => new object[] { file.Path });

    /// <summary>The one build of the case project, shared by every test.</summary>
    public static Task<AnalysisOutcome> Outcome => _outcome.Value;

    /// <summary>The text of one file.</summary>
    /// <param name="fileName">For example <c>C01_DirectFlush.cs</c>.</param>
    /// <returns>Its text.</returns>
    public static string Text(string fileName) => Files.Single(file => file.Path == fileName).Text;
}
