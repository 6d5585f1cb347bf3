using System.Collections.Generic;
using System.IO;

namespace KernelModel.Analyzers.IntegrationTests;

/// <summary>
/// A folder of consumer projects with a package cache of its own (its own <c>RestorePackagesPath</c>, and
/// <c>NUGET_PACKAGES</c> for the commands run in it), under the feed's consumers folder so that the feed's
/// <c>nuget.config</c> applies. Projects written here see the packed package and nothing another test restored.
/// </summary>
public sealed class IsolatedConsumers
{
    private readonly Dictionary<string, string> _environment;

    /// <summary>Creates the folder and its <c>Directory.Build.props</c>.</summary>
    /// <param name="feed">The packed package.</param>
    /// <param name="name">The folder's name.</param>
    public IsolatedConsumers(PackageFeed feed, string name)
    {
        Feed = feed;
        Folder = Path.Combine(feed.ConsumersFolder, name);
        string packages = Path.Combine(Folder, ".packages");
        Directory.CreateDirectory(Folder);
        File.WriteAllText(Path.Combine(Folder, "Directory.Build.props"), $"""
            <Project>
              <PropertyGroup>
                <RestorePackagesPath>{packages}</RestorePackagesPath>
              </PropertyGroup>
            </Project>
            """);
        _environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = packages };
    }

    /// <summary>The packed package.</summary>
    public PackageFeed Feed { get; }

    /// <summary>The folder.</summary>
    public string Folder { get; }

    /// <summary>The package reference every project here gets, as the README shows it.</summary>
    public string PackageReference =>
        $"""<PackageReference Include="{PackageFeed.PackageId}" Version="{Feed.Version}" PrivateAssets="all" />""";

    /// <summary>Writes a file below the folder, creating its folder.</summary>
    /// <param name="file">A path relative to the folder.</param>
    /// <param name="text">The content.</param>
    /// <returns>This folder.</returns>
    public IsolatedConsumers Write(string file, string text)
    {
        string path = Path.Combine(Folder, file);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return this;
    }

    /// <summary>Runs <c>dotnet build</c> of a project below the folder with the classic console logger.</summary>
    /// <param name="project">The project file, relative to the folder.</param>
    /// <returns>The run and its diagnostics.</returns>
    public BuildOutcome Build(string project)
    {
        ProcessResult run = DotnetCommand.Run(Folder, ["build", project, "-tl:off", "-nologo", "-clp:NoSummary"], _environment);
        return new BuildOutcome(run, BuildDiagnostic.Parse(run.Output));
    }
}
