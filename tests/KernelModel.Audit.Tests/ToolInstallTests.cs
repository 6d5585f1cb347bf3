using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Threading.Tasks;
using System.Xml.Linq;

namespace KernelModel.Audit.Tests;

/// <summary>
/// The tool as users get it: packed, installed from a local feed with <c>dotnet tool install</c> into its own tool
/// folder and package cache (a stale package of the same version in the user's cache must not be what runs),
/// then run with no argument in the sample kernel's folder.
/// </summary>
[Collection(RepositoryWorkspace.Name)]
public sealed class ToolInstallTests
{
    [Fact]
    public async Task TheToolInstallsFromALocalFeedAndAuditsTheSampleKernel()
    {
        using var folder = new TemporaryFolder();
        var environment = new Dictionary<string, string>
        {
            ["NUGET_PACKAGES"] = folder.Combine("packages"),
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
        };
        string feed = folder.Combine("feed");
        string project = RepositoryRoot.Combine("src/KernelModel.Audit/KernelModel.Audit.csproj");

        // The pack builds the working tree as restored for the solution; only what installs the package is isolated.
        ProcessRun pack = await ProcessRun.RunAsync("dotnet", ["pack", project, "-c", "Release", "-o", feed, "--no-restore"], RepositoryRoot.Path, new Dictionary<string, string>());
        Assert.True(pack.ExitCode == 0, pack.ToString());
        string package = Assert.Single(Directory.GetFiles(feed, "KernelModel.Audit.*.nupkg"));
        AssertMetadataForTheGallery(package);

        string tools = folder.Combine("tools");
        ProcessRun install = await ProcessRun.RunAsync("dotnet", ["tool", "install", "--tool-path", tools, "--add-source", feed, "KernelModel.Audit"], folder.Path, environment);
        Assert.True(install.ExitCode == 0, install.ToString());
        Assert.Contains("tlb-audit", install.Out);

        string command = Path.Combine(tools, "tlb-audit");
        // With no path, the tool audits the project in the current folder, as dotnet build does.
        ProcessRun audit = await ProcessRun.RunAsync(command, [], RepositoryRoot.Combine("sample-kernel/Configurations/X86_64"), environment);
        Assert.True(audit.ExitCode == 0, audit.ToString());
        Assert.Equal(string.Empty, audit.Error);
        Assert.All(DocumentedSites.All, site => Assert.Contains(
            audit.Out.Split('\n'),
            line => line.StartsWith(site.FileAndLine + " ", System.StringComparison.Ordinal) && line.Contains($" {site.Callee} ", System.StringComparison.Ordinal) && line.EndsWith(" proved", System.StringComparison.Ordinal)));
        Assert.Matches(@"\n\d+ sites in 1 project: \d+ proved, 0 violations, 1 suppressed\n$", audit.Out);
        Assert.EndsWith(".nupkg", package);
        Assert.DoesNotContain(Directory.GetFiles(tools, "*", SearchOption.AllDirectories), f => Path.GetFileName(f) == "Microsoft.Build.dll");
    }

    /// <summary>What nuget.org shows: authors, license, tags, and the tool's own README, packed.</summary>
    private static void AssertMetadataForTheGallery(string package)
    {
        using ZipArchive archive = ZipFile.OpenRead(package);
        ZipArchiveEntry nuspecEntry = archive.Entries.Single(entry => entry.FullName.EndsWith(".nuspec", System.StringComparison.Ordinal));
        XDocument nuspec;
        using (Stream stream = nuspecEntry.Open())
        {
            nuspec = XDocument.Load(stream);
        }

        string? Metadata(string name) => nuspec.Descendants().FirstOrDefault(element => element.Name.LocalName == name)?.Value;
        Assert.Equal("KernelModel", Metadata("authors"));
        Assert.Equal("MIT", Metadata("license"));
        Assert.Contains("dotnet-tool", Metadata("tags") ?? "", System.StringComparison.Ordinal);
        Assert.Equal("README.md", Metadata("readme"));
        Assert.NotNull(archive.GetEntry("README.md"));
    }
}
