using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace KernelModel.Analyzers.Tests;

/// <summary>
/// The sample kernel as its own project builds it (sample-kernel/SampleKernel.csproj): every <c>*.cs</c> below
/// sample-kernel/ except the sub-projects Run/ and Linux70TlbFlush/ and build output, with the settings of
/// SampleKernel.props. Files are read and parsed once per test run and shared, so that tests which vary one file
/// reuse every other tree.
/// </summary>
public static class SampleKernelSources
{
    /// <summary>The folder, relative to the repository root.</summary>
    public const string Folder = "sample-kernel";

    /// <summary>
    /// SampleKernel.props, mirrored: x86 overrides <c>tlb_table_flush_implies_ipi_broadcast()</c> with a
    /// compile-time symbol, and CS0162 is off because KernelConfig's const switches make configured-out code
    /// unreachable on purpose. <see cref="SampleKernelTests"/> checks the props file still says so.
    /// </summary>
    public static AnalysisSettings Settings { get; } = AnalysisSettings.Default with
    {
        AssemblyName = "KernelModel.SampleKernel",
        PreprocessorSymbols = ["ARCH_HAS_TLB_TABLE_FLUSH_IMPLIES_IPI_BROADCAST"],
        SuppressedWarnings = ["CS0162"],

        // The repository's Directory.Build.props generates documentation files, so doc comments are checked.
        DocumentationMode = DocumentationMode.Diagnose,
    };

    private static readonly string[] _excludedFolders = ["Run", "Linux70TlbFlush", "bin", "obj"];

    private static readonly Lazy<ImmutableArray<SampleKernelFile>> _files = new(Load);

    private static readonly Lazy<CSharpCompilation> _compilation = new(() =>
        AnalysisRunner.Compile(Files.Select(file => file.Tree), Settings));

    /// <summary>Every file of the port, in path order.</summary>
    public static ImmutableArray<SampleKernelFile> Files => _files.Value;

    /// <summary>The unchanged port's compilation, before generators; derive variants from it.</summary>
    public static CSharpCompilation Compilation => _compilation.Value;

    /// <summary>The relative paths of every file, as xUnit theory rows.</summary>
    public static IEnumerable<object[]> FilePaths => Files.Select(file => new object[] { file.RelativePath });

    /// <summary>One file by its path relative to sample-kernel/.</summary>
    /// <param name="relativePath">For example <c>Mm/Khugepaged.cs</c>.</param>
    /// <returns>The file.</returns>
    public static SampleKernelFile Get(string relativePath) =>
        Files.SingleOrDefault(file => file.RelativePath == relativePath)
        ?? throw new ArgumentException($"sample-kernel/{relativePath} is not part of the sample kernel's sources.", nameof(relativePath));

    /// <summary>The port's compilation with one file's text replaced, as after an edit in the IDE.</summary>
    /// <param name="file">The file to replace.</param>
    /// <param name="newText">Its new text.</param>
    /// <returns>The compilation; every other tree is shared with <see cref="Compilation"/>.</returns>
    public static CSharpCompilation WithText(SampleKernelFile file, string newText) =>
        Compilation.ReplaceSyntaxTree(file.Tree, AnalysisRunner.Parse(file.Tree.FilePath, newText, Settings));

    private static ImmutableArray<SampleKernelFile> Load()
    {
        string root = RepositoryRoot.Combine(Folder);
        return Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(relative => !_excludedFolders.Contains(relative.Split('/')[0], StringComparer.Ordinal))
            .OrderBy(relative => relative, StringComparer.Ordinal)
            .Select(relative =>
            {
                string text = File.ReadAllText(Path.Combine(root, relative));
                return new SampleKernelFile(relative, text, AnalysisRunner.Parse(relative, text, Settings));
            })
            .ToImmutableArray();
    }
}
