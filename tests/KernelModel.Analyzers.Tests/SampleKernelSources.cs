using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp;

namespace KernelModel.Analyzers.Tests;

/// <summary>
/// The sample kernel as its default configuration builds it (sample-kernel/Configurations/X86_64): the
/// shorthand most tests use. <see cref="SampleKernelConfiguration"/> has every build.
/// </summary>
public static class SampleKernelSources
{
    /// <summary>The folder, relative to the repository root.</summary>
    public const string Folder = "sample-kernel";

    /// <summary>How X86_64 compiles and analyses the sources.</summary>
    public static AnalysisSettings Settings => SampleKernelConfiguration.X86_64.Settings;

    /// <summary>Every file of the X86_64 build, in path order.</summary>
    public static ImmutableArray<SampleKernelFile> Files => SampleKernelConfiguration.X86_64.Files;

    /// <summary>The unchanged X86_64 compilation, before generators; derive variants from it.</summary>
    public static CSharpCompilation Compilation => SampleKernelConfiguration.X86_64.Compilation;

    /// <summary>The relative paths of every file, as xUnit theory rows.</summary>
    public static IEnumerable<object[]> FilePaths => Files.Select(file => new object[] { file.RelativePath });

    /// <summary>One file by its path relative to sample-kernel/.</summary>
    /// <param name="relativePath">For example <c>Mm/Khugepaged.cs</c>.</param>
    /// <returns>The file.</returns>
    public static SampleKernelFile Get(string relativePath) => SampleKernelConfiguration.X86_64.Get(relativePath);

    /// <summary>The X86_64 compilation with one file's text replaced, as after an edit in the IDE.</summary>
    /// <param name="file">The file to replace.</param>
    /// <param name="newText">Its new text.</param>
    /// <returns>The compilation; every other tree is shared with <see cref="Compilation"/>.</returns>
    public static CSharpCompilation WithText(SampleKernelFile file, string newText) => SampleKernelConfiguration.X86_64.WithText(file, newText);
}
