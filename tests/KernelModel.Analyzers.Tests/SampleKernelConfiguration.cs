using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace KernelModel.Analyzers.Tests;

/// <summary>
/// One build of the sample kernel as its project compiles it: the sources SampleKernel.props selects for the
/// project's architecture, with the project's DefineConstants, the props' NoWarn and the analyzer options of
/// SampleKernel.globalconfig. Files are read and parsed once per configuration and test run.
/// </summary>
public sealed class SampleKernelConfiguration
{
    private static readonly string[] _projectFolders = ["Run", "Configurations", "Linux70TlbFlush", "bin", "obj"];

    /// <summary>The files powerpc supplies its own versions of.</summary>
    private static readonly string[] _x86FilesPowerpcReplaces =
        ["Arch/X86/Include/Asm/Tlb.cs", "Arch/X86/Include/Asm/Tlbflush.cs", "Arch/X86/Mm/Pgtable.cs"];

    private readonly Lazy<ImmutableArray<SampleKernelFile>> _files;
    private readonly Lazy<CSharpCompilation> _compilation;

    private SampleKernelConfiguration(string name, string project)
    {
        Name = name;
        Project = project;
        XDocument csproj = XDocument.Load(RepositoryRoot.Combine(project));
        Arch = csproj.Descendants("SampleKernelArch").Single().Value;
        XDocument props = XDocument.Load(RepositoryRoot.Combine($"{SampleKernelSources.Folder}/SampleKernel.props"));
        Settings = AnalysisSettings.Default with
        {
            AssemblyName = csproj.Descendants("AssemblyName").Single().Value,
            PreprocessorSymbols = Listed(csproj, "DefineConstants"),
            SuppressedWarnings = Listed(props, "NoWarn"),
            ConfigOptions = GlobalConfig(),

            // The repository's Directory.Build.props generates documentation files, so doc comments are checked.
            DocumentationMode = DocumentationMode.Diagnose,
        };
        _files = new(Load);
        _compilation = new(() => AnalysisRunner.Compile(Files.Select(file => file.Tree), Settings));
    }

    /// <summary>The real configurations, as sample-kernel/Configurations/ holds them.</summary>
    public static ImmutableArray<string> RealNames { get; } = ["X86_64", "X86_32Pae", "PowerpcHash", "Linux70X86_64"];

    /// <summary>x86-64, the mm tree: the default build, the one <see cref="SampleKernelSources"/> stands for.</summary>
    public static SampleKernelConfiguration X86_64 { get; } = Real("X86_64");

    /// <summary>x86-32 with PAE, the mm tree.</summary>
    public static SampleKernelConfiguration X86_32Pae { get; } = Real("X86_32Pae");

    /// <summary>powerpc with the hash MMU, the mm tree.</summary>
    public static SampleKernelConfiguration PowerpcHash { get; } = Real("PowerpcHash");

    /// <summary>Linux 7.0 as released, x86-64.</summary>
    public static SampleKernelConfiguration Linux70X86_64 { get; } = Real("Linux70X86_64");

    /// <summary>The unsafe mix: the series' generic half with Linux 7.0's x86 tlb_flush().</summary>
    public static SampleKernelConfiguration Linux70TlbFlush { get; } =
        new("Linux70TlbFlush", $"{SampleKernelSources.Folder}/Linux70TlbFlush/SampleKernel.Linux70TlbFlush.csproj");

    /// <summary>The configuration's name (its project folder).</summary>
    public string Name { get; }

    /// <summary>Its project, relative to the repository root.</summary>
    public string Project { get; }

    /// <summary>Its SampleKernelArch: X86 or Powerpc.</summary>
    public string Arch { get; }

    /// <summary>How the project compiles and analyses the sources.</summary>
    public AnalysisSettings Settings { get; }

    /// <summary>Every file of the build, in path order.</summary>
    public ImmutableArray<SampleKernelFile> Files => _files.Value;

    /// <summary>The unchanged build's compilation, before generators; derive variants from it.</summary>
    public CSharpCompilation Compilation => _compilation.Value;

    /// <summary>A configuration by name: one of <see cref="RealNames"/> or Linux70TlbFlush.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The configuration.</returns>
    public static SampleKernelConfiguration Named(string name) => name switch
    {
        "X86_64" => X86_64,
        "X86_32Pae" => X86_32Pae,
        "PowerpcHash" => PowerpcHash,
        "Linux70X86_64" => Linux70X86_64,
        "Linux70TlbFlush" => Linux70TlbFlush,
        _ => throw new ArgumentException($"No sample-kernel configuration is called {name}.", nameof(name)),
    };

    /// <summary>One file by its path relative to sample-kernel/.</summary>
    /// <param name="relativePath">For example <c>Mm/Khugepaged.cs</c>.</param>
    /// <returns>The file.</returns>
    public SampleKernelFile Get(string relativePath) =>
        Files.SingleOrDefault(file => file.RelativePath == relativePath)
        ?? throw new ArgumentException($"sample-kernel/{relativePath} is not part of the {Name} build.", nameof(relativePath));

    /// <summary>The build's compilation with one file's text replaced, as after an edit in the IDE.</summary>
    /// <param name="file">The file to replace.</param>
    /// <param name="newText">Its new text.</param>
    /// <returns>The compilation; every other tree is shared with <see cref="Compilation"/>.</returns>
    public CSharpCompilation WithText(SampleKernelFile file, string newText) =>
        Compilation.ReplaceSyntaxTree(file.Tree, AnalysisRunner.Parse(file.Tree.FilePath, newText, Settings));

    /// <inheritdoc />
    public override string ToString() => Name;

    private static SampleKernelConfiguration Real(string name) =>
        new(name, $"{SampleKernelSources.Folder}/Configurations/{name}/{name}.csproj");

    private bool Compiles(string relative)
    {
        if (_projectFolders.Contains(relative.Split('/')[0], StringComparer.Ordinal))
        {
            return false;
        }

        return Arch == "Powerpc"
            ? !_x86FilesPowerpcReplaces.Contains(relative, StringComparer.Ordinal)
            : !relative.StartsWith("Arch/Powerpc/", StringComparison.Ordinal);
    }

    private ImmutableArray<SampleKernelFile> Load()
    {
        string root = RepositoryRoot.Combine(SampleKernelSources.Folder);
        return Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(Compiles)
            .OrderBy(relative => relative, StringComparer.Ordinal)
            .Select(relative =>
            {
                string text = File.ReadAllText(Path.Combine(root, relative));
                return new SampleKernelFile(relative, text, AnalysisRunner.Parse(relative, text, Settings));
            })
            .ToImmutableArray();
    }

    /// <summary>The entries of a semicolon-separated property, without the inherited <c>$(…)</c> part.</summary>
    private static ImmutableArray<string> Listed(XDocument project, string property) =>
        [.. project.Descendants(property)
            .SelectMany(element => element.Value.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Where(entry => !entry.StartsWith("$(", StringComparison.Ordinal))
            .Order()];

    /// <summary>The <c>key = value</c> lines of SampleKernel.globalconfig.</summary>
    private static ImmutableDictionary<string, string> GlobalConfig() =>
        File.ReadAllLines(RepositoryRoot.Combine($"{SampleKernelSources.Folder}/SampleKernel.globalconfig"))
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#') && line.Contains('='))
            .Select(line => line.Split('=', 2, StringSplitOptions.TrimEntries))
            .Where(pair => pair[0] != "is_global")
            .ToImmutableDictionary(pair => pair[0], pair => pair[1]);
}
