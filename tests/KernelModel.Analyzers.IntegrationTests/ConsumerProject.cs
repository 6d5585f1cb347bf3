using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace KernelModel.Analyzers.IntegrationTests;

/// <summary>
/// A fresh console project in the consumers' folder that references the packed package the way the README
/// says (<c>PrivateAssets="all"</c>), with the consumer sources it is given. Its commands run with the
/// consumers' own package cache.
/// </summary>
public sealed class ConsumerProject
{
    private readonly Dictionary<string, string> _environment;

    private ConsumerProject(string folder, string name, PackageFeed feed)
    {
        Folder = folder;
        ProjectFile = Path.Combine(folder, name + ".csproj");
        _environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = feed.PackagesFolder };
    }

    /// <summary>The project's folder.</summary>
    public string Folder { get; }

    /// <summary>The project file.</summary>
    public string ProjectFile { get; }

    /// <summary>Writes a console project that references the package.</summary>
    /// <param name="feed">The packed package.</param>
    /// <param name="name">The project's name, also its folder's.</param>
    /// <param name="targetFramework">For example <c>net8.0</c>.</param>
    /// <param name="properties">Extra MSBuild properties, such as <c>KernelModelEmitContracts=false</c>.</param>
    /// <returns>The project, with a <c>Program.cs</c> and no other source yet.</returns>
    public static ConsumerProject Create(
        PackageFeed feed, string name, string targetFramework, params (string Name, string Value)[] properties)
    {
        string folder = Path.Combine(feed.ConsumersFolder, name);
        Directory.CreateDirectory(folder);
        string extra = string.Concat(properties.Select(property => $"\n    <{property.Name}>{property.Value}</{property.Name}>"));
        File.WriteAllText(Path.Combine(folder, name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>{targetFramework}</TargetFramework>
                <Nullable>enable</Nullable>{extra}
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="{PackageFeed.PackageId}" Version="{feed.Version}" PrivateAssets="all" />
              </ItemGroup>
            </Project>
            """);
        var project = new ConsumerProject(folder, name, feed);
        project.Write("Program.cs", ConsumerSources.Program);
        return project;
    }

    /// <summary>Writes (or overwrites) a file in the project's folder.</summary>
    /// <param name="file">A name relative to the folder.</param>
    /// <param name="text">The content.</param>
    /// <returns>This project.</returns>
    public ConsumerProject Write(string file, string text)
    {
        File.WriteAllText(PathOf(file), text);
        return this;
    }

    /// <summary>Reads a file of the project.</summary>
    /// <param name="file">A name relative to the folder.</param>
    /// <returns>Its text.</returns>
    public string Read(string file) => File.ReadAllText(PathOf(file));

    /// <summary>The full path of a file of the project.</summary>
    /// <param name="file">A name relative to the folder.</param>
    /// <returns>The path.</returns>
    public string PathOf(string file) => Path.Combine(Folder, file);

    /// <summary>Runs <c>dotnet</c> in the project's folder with the consumers' package cache.</summary>
    /// <param name="arguments">The arguments after <c>dotnet</c>.</param>
    /// <returns>What it did.</returns>
    public ProcessResult Dotnet(params string[] arguments) => DotnetCommand.Run(Folder, arguments, _environment);

    /// <summary>Runs <c>dotnet build</c> with the classic console logger, whose diagnostic lines the tests parse.</summary>
    /// <param name="arguments">Extra arguments, such as <c>-p:ErrorLog=…</c>.</param>
    /// <returns>The run and its diagnostics.</returns>
    public BuildOutcome Build(params string[] arguments)
    {
        ProcessResult run = Dotnet(["build", ProjectFile, "-tl:off", "-nologo", "-clp:NoSummary", .. arguments]);
        return new BuildOutcome(run, BuildDiagnostic.Parse(run.Output));
    }
}
