using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using KernelModel.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace KernelModel.Benchmarks;

/// <summary>
/// Compiles benchmark inputs the way a build would see them — against the SDK's reference assemblies, with the
/// contract-attribute generator's output added — but on one thread.
/// </summary>
public static class BenchmarkCompilation
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> _references = new(() =>
    {
        string runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        string dotnetRoot = Path.GetFullPath(Path.Combine(runtime, "..", "..", ".."));
        string packs = Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref");
        string pack = Directory.GetDirectories(packs)
            .Where(folder => Path.GetFileName(folder).StartsWith($"{Environment.Version.Major}.", StringComparison.Ordinal))
            .OrderBy(folder => Version.TryParse(Path.GetFileName(folder).Split('-')[0], out Version? version) ? version : new Version())
            .Last();
        return Directory.GetFiles(Path.Combine(pack, "ref", $"net{Environment.Version.Major}.0"), "*.dll")
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    });

    /// <summary>Parses and compiles sources, then runs the contract generator.</summary>
    /// <param name="sources">Path and text of each file.</param>
    /// <param name="parseOptions">How to parse them.</param>
    /// <param name="suppressed">Compiler warnings switched off.</param>
    /// <returns>The compilation, generated sources included.</returns>
    public static Compilation Create(IEnumerable<(string Path, string Text)> sources, CSharpParseOptions parseOptions, params string[] suppressed)
    {
        CSharpCompilation compilation = CSharpCompilation.Create(
            "Benchmark",
            sources.Select(source => CSharpSyntaxTree.ParseText(source.Text, parseOptions, source.Path)),
            _references.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary)

                // One thread, like the analyzer in the benchmarks, so that compiler and analyzer compare fairly.
                .WithConcurrentBuild(false)
                .WithNullableContextOptions(NullableContextOptions.Enable)
                .WithSpecificDiagnosticOptions(suppressed.ToDictionary(id => id, _ => ReportDiagnostic.Suppress)));
        CSharpGeneratorDriver.Create(new ContractAttributesGenerator())
            .WithUpdatedParseOptions(parseOptions)
            .RunGeneratorsAndUpdateCompilation(compilation, out Compilation generated, out _);
        return generated;
    }

    /// <summary>The repository's root: the nearest folder above the benchmark holding Analyzers.sln.</summary>
    /// <returns>The folder.</returns>
    public static string RepositoryRoot()
    {
        for (DirectoryInfo? folder = new(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Analyzers.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No Analyzers.sln above {AppContext.BaseDirectory}; run the benchmarks from the repository.");
    }
}
