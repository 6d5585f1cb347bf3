using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using KernelModel.Analyzers.Tests;

namespace KernelModel.Analyzers.IntegrationTests;

/// <summary>
/// The package as users get it: <c>dotnet pack</c> of the package project, once per test run, into a local feed
/// in a fresh temporary folder. Beside the feed lives the consumers' folder, whose <c>nuget.config</c> adds the
/// feed to the machine's sources (the SDK's own packages, such as the net8.0 reference pack, still come from
/// there) and whose <c>Directory.Build.props</c> gives every consumer a package cache of its own, so a cache never
/// serves a package packed by an earlier run.
/// </summary>
public sealed class PackageFeed : IDisposable
{
    /// <summary>The package project, relative to the repository root.</summary>
    public const string PackageProject = "analyzers/KernelModel.Analyzers.Package/KernelModel.Analyzers.Package.csproj";

    /// <summary>The package's id.</summary>
    public const string PackageId = "KernelModel.Analyzers";

    private readonly ConcurrentDictionary<string, Lazy<object>> _shared = new(StringComparer.Ordinal);

    /// <summary>Packs the package and lays out the consumers' folder.</summary>
    public PackageFeed()
    {
        Root = Path.Combine(Path.GetTempPath(), "kernelmodel-it-" + Guid.NewGuid().ToString("N")[..12]);
        FeedFolder = Path.Combine(Root, "feed");
        PackagesFolder = Path.Combine(Root, "packages");
        ConsumersFolder = Path.Combine(Root, "consumers");
        Directory.CreateDirectory(FeedFolder);
        Directory.CreateDirectory(ConsumersFolder);

        Pack = DotnetCommand.Run(
            RepositoryRoot.Path,
            ["pack", RepositoryRoot.Combine(PackageProject), "-c", "Release", "-o", FeedFolder, "-tl:off", "-nologo"]);
        if (Pack.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet pack failed:\n{Pack}");
        }

        string[] packages = Directory.GetFiles(FeedFolder, "*.nupkg");
        if (packages.Length != 1)
        {
            throw new InvalidOperationException($"dotnet pack produced {packages.Length} packages, expected one:\n{Pack}");
        }

        PackagePath = packages[0];
        SymbolsPackagePath = Path.ChangeExtension(PackagePath, ".snupkg");
        Version = Path.GetFileNameWithoutExtension(PackagePath)[(PackageId.Length + 1)..];

        File.WriteAllText(Path.Combine(ConsumersFolder, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="kernelmodel-local" value="{FeedFolder}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(ConsumersFolder, "Directory.Build.props"), $"""
            <Project>
              <PropertyGroup>
                <RestorePackagesPath>{PackagesFolder}</RestorePackagesPath>
              </PropertyGroup>
            </Project>
            """);
    }

    /// <summary>The temporary folder holding everything below; deleted on dispose.</summary>
    public string Root { get; }

    /// <summary>The local feed the package was packed into.</summary>
    public string FeedFolder { get; }

    /// <summary>The consumers' own package cache.</summary>
    public string PackagesFolder { get; }

    /// <summary>The folder under which consumer projects are created.</summary>
    public string ConsumersFolder { get; }

    /// <summary>The <c>dotnet pack</c> run, with its time.</summary>
    public ProcessResult Pack { get; }

    /// <summary>The packed <c>.nupkg</c>.</summary>
    public string PackagePath { get; }

    /// <summary>The symbols package packed beside it (it may be missing; a test says so).</summary>
    public string SymbolsPackagePath { get; }

    /// <summary>The version in the package's file name.</summary>
    public string Version { get; }

    /// <summary>The version the repository declares in its one place, <c>Directory.Build.props</c>.</summary>
    public static string DeclaredVersion =>
        XDocument.Load(RepositoryRoot.Combine("Directory.Build.props")).Descendants("Version").Single().Value.Trim();

    /// <summary>
    /// Runs <paramref name="create"/> the first time <paramref name="key"/> is asked for and returns its result
    /// ever after, so that tests asserting different things about one consumer build share that build.
    /// </summary>
    /// <typeparam name="T">What is shared.</typeparam>
    /// <param name="key">Names the shared thing.</param>
    /// <param name="create">Makes it.</param>
    /// <returns>The one result.</returns>
    public T Shared<T>(string key, Func<T> create)
        where T : class =>
        (T)_shared.GetOrAdd(key, _ => new Lazy<object>(create)).Value;

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A language server or build node may still hold a file for a moment; the folder is temporary anyway.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}
