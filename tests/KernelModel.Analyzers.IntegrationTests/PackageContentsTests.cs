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

    private List<string> Entries()
    {
        using ZipArchive archive = ZipFile.OpenRead(_feed.PackagePath);
        return archive.Entries.Select(entry => entry.FullName).ToList();
    }

    private XDocument Nuspec()
    {
        using ZipArchive archive = ZipFile.OpenRead(_feed.PackagePath);
        ZipArchiveEntry entry = archive.Entries.Single(entry => entry.FullName.EndsWith(".nuspec", System.StringComparison.Ordinal));
        using Stream stream = entry.Open();
        return XDocument.Load(stream);
    }

    private string? Metadata(string name) =>
        Nuspec().Descendants().FirstOrDefault(element => element.Name.LocalName == name)?.Value;
}
