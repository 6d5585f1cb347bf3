using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Xml.Linq;
using KernelModel.Analyzers.Tests;

namespace KernelModel.Analyzers.IntegrationTests;

/// <summary>What <c>dotnet pack</c> puts in the package (SPEC §10).</summary>
[Collection(PackageConsumers.Name)]
public sealed class PackageContentsTests
{
    private const string AnalyzerFolder = "analyzers/dotnet/roslyn4.8/cs/";

    private readonly PackageFeed _feed;

    public PackageContentsTests(PackageFeed feed, ITestOutputHelper output)
    {
        _feed = feed;
        output.WriteLine($"dotnet pack (package project, Release): {feed.Pack.Elapsed.TotalSeconds:F1} s");
    }

    [Fact]
    public void Package_file_is_named_with_the_version_declared_in_Directory_Build_props()
    {
        Assert.Equal(PackageFeed.DeclaredVersion, _feed.Version);
        Assert.Equal($"{PackageFeed.PackageId}.{PackageFeed.DeclaredVersion}.nupkg", Path.GetFileName(_feed.PackagePath));
        Assert.Equal(PackageFeed.DeclaredVersion, Metadata("version"));
    }

    [Fact]
    public void Engine_analyzer_and_code_fix_assemblies_are_where_Roslyn_4_8_hosts_load_CSharp_analyzers()
    {
        string[] expected =
        [
            AnalyzerFolder + "KernelModel.Analysis.dll",
            AnalyzerFolder + "KernelModel.Analyzers.dll",
            AnalyzerFolder + "KernelModel.Analyzers.CodeFixes.dll",
        ];
        Assert.Equal(
            expected.Order(System.StringComparer.Ordinal),
            Entries().Where(entry => entry.EndsWith(".dll", System.StringComparison.Ordinal)).Order(System.StringComparer.Ordinal));
    }

    [Fact]
    public void Symbols_package_holds_the_PDB_of_each_assembly_at_its_path_and_the_package_none()
    {
        Assert.True(File.Exists(_feed.SymbolsPackagePath), $"{_feed.SymbolsPackagePath} was not packed.");
        string[] expected =
        [
            AnalyzerFolder + "KernelModel.Analysis.pdb",
            AnalyzerFolder + "KernelModel.Analyzers.pdb",
            AnalyzerFolder + "KernelModel.Analyzers.CodeFixes.pdb",
        ];
        Assert.Equal(
            expected.Order(System.StringComparer.Ordinal),
            Entries(_feed.SymbolsPackagePath).Where(entry => entry.EndsWith(".pdb", System.StringComparison.Ordinal)).Order(System.StringComparer.Ordinal));
        Assert.DoesNotContain(Entries(), entry => entry.EndsWith(".pdb", System.StringComparison.Ordinal));
    }

    [Fact]
    public void Package_readme_is_its_own_with_no_repository_relative_links_or_repository_commands()
    {
        string readme = Text("README.md");

        Assert.Equal(File.ReadAllText(RepositoryRoot.Combine("analyzers/KernelModel.Analyzers.Package/README.md")), readme);
        Assert.DoesNotMatch(@"\]\((?!https://)[^)]*\)", readme);
        Assert.DoesNotContain("dotnet run --project", readme, System.StringComparison.Ordinal);
        Assert.Contains($"Version=\"{_feed.Version}\"", readme, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Package_carries_the_presets_and_the_targets_that_select_them()
    {
        Assert.Contains("build/KernelModel.Analyzers.targets", Entries());
        Assert.Contains("KernelModelAnalysisMode", Text("build/KernelModel.Analyzers.targets"), System.StringComparison.Ordinal);
        string strict = Text("globalconfig/KernelModel.Analyzers.strict.globalconfig");
        foreach (string id in new[] { "TLB001", "TLB002", "TLB005" })
        {
            Assert.Contains($"dotnet_diagnostic.{id}.severity = error", strict, System.StringComparison.Ordinal);
        }

        string recommended = Text("globalconfig/KernelModel.Analyzers.recommended.globalconfig");
        Assert.Contains("is_global = true", recommended, System.StringComparison.Ordinal);
        Assert.DoesNotContain("= error", recommended, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Package_has_no_lib_folder_and_no_dependencies()
    {
        Assert.DoesNotContain(Entries(), entry => entry.StartsWith("lib/", System.StringComparison.Ordinal) ||
                                                  entry.StartsWith("ref/", System.StringComparison.Ordinal));
        Assert.DoesNotContain(Nuspec().Descendants(), element => element.Name.LocalName == "dependencies");
    }

    [Fact]
    public void Package_is_a_development_dependency_with_readme_and_MIT_license()
    {
        Assert.Equal("true", Metadata("developmentDependency"));
        Assert.Equal("MIT", Metadata("license"));
        Assert.Equal("README.md", Metadata("readme"));
        Assert.Contains("README.md", Entries());
        Assert.Equal("KernelModel", Metadata("authors"));
        Assert.Equal(DeclaredProperty("RepositoryUrl"), Metadata("projectUrl"));
    }

    [Fact]
    public void Package_carries_every_rule_page_of_the_repository()
    {
        IEnumerable<string> pages = Directory.GetFiles(RepositoryRoot.Combine("docs/rules"), "*.md")
            .Select(page => "docs/rules/" + Path.GetFileName(page));
        Assert.Equal(
            pages.Order(System.StringComparer.Ordinal),
            Entries().Where(entry => entry.StartsWith("docs/rules/", System.StringComparison.Ordinal)).Order(System.StringComparer.Ordinal));
    }

    [Fact]
    public void Package_imports_props_that_make_KernelModelEmitContracts_visible_to_the_generator()
    {
        using ZipArchive archive = ZipFile.OpenRead(_feed.PackagePath);
        ZipArchiveEntry props = archive.GetEntry($"build/{PackageFeed.PackageId}.props")
            ?? throw new Xunit.Sdk.XunitException($"build/{PackageFeed.PackageId}.props is missing.");
        using Stream stream = props.Open();
        Assert.Contains(
            XDocument.Load(stream).Descendants().Where(element => element.Name.LocalName == "CompilerVisibleProperty"),
            element => (string?)element.Attribute("Include") == "KernelModelEmitContracts");
    }

    private List<string> Entries() => Entries(_feed.PackagePath);

    private static List<string> Entries(string package)
    {
        using ZipArchive archive = ZipFile.OpenRead(package);
        return archive.Entries.Select(entry => entry.FullName).ToList();
    }

    private string Text(string entryName)
    {
        using ZipArchive archive = ZipFile.OpenRead(_feed.PackagePath);
        ZipArchiveEntry entry = archive.GetEntry(entryName) ?? throw new Xunit.Sdk.XunitException($"{entryName} is missing.");
        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd();
    }

    private XDocument Nuspec()
    {
        using ZipArchive archive = ZipFile.OpenRead(_feed.PackagePath);
        ZipArchiveEntry entry = archive.Entries.Single(entry => entry.FullName.EndsWith(".nuspec", System.StringComparison.Ordinal));
        using Stream stream = entry.Open();
        return XDocument.Load(stream);
    }

    private static string DeclaredProperty(string property) =>
        XDocument.Load(RepositoryRoot.Combine("Directory.Build.props")).Descendants(property).Single().Value.Trim();

    private string? Metadata(string name) =>
        Nuspec().Descendants().FirstOrDefault(element => element.Name.LocalName == name)?.Value;
}
