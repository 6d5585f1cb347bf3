using System.IO;
using System.Linq;

namespace KernelModel.Analyzers.IntegrationTests;

/// <summary>
/// The plain consumer: a console project with one violating file (<c>Khugepaged.cs</c>) and one compliant file
/// (<c>Retract.cs</c>), built once per target framework with a SARIF 2.1 error log and the generated sources
/// written to disk. Several tests read the same build.
/// </summary>
/// <param name="Project">The project.</param>
/// <param name="Outcome">Its build.</param>
public sealed record ConsoleConsumer(ConsumerProject Project, BuildOutcome Outcome)
{
    /// <summary>The SARIF log's file name, in the project folder.</summary>
    public const string SarifFile = "out.sarif";

    /// <summary>The build for one target framework, made on first use.</summary>
    /// <param name="feed">The packed package.</param>
    /// <param name="targetFramework"><c>net8.0</c> or <c>net10.0</c>.</param>
    /// <returns>The shared consumer.</returns>
    public static ConsoleConsumer For(PackageFeed feed, string targetFramework) =>
        feed.Shared("console-" + targetFramework, () =>
        {
            ConsumerProject project = ConsumerProject
                .Create(feed, "Console" + targetFramework.Replace(".", "", System.StringComparison.Ordinal), targetFramework,
                    ("EmitCompilerGeneratedFiles", "true"))
                .Write("Tlb.cs", ConsumerSources.Tlb)
                .Write("Khugepaged.cs", ConsumerSources.Khugepaged)
                .Write("Retract.cs", ConsumerSources.Retract);
            return new ConsoleConsumer(project, project.Build($"-p:ErrorLog={SarifFile}%2Cversion=2.1"));
        });

    /// <summary>The files the contract-attribute generator wrote under <c>obj/</c>.</summary>
    /// <returns>Their names.</returns>
    public string[] GeneratedContractFiles() => GeneratedContractFiles(Project);

    /// <summary>The files the contract-attribute generator wrote under a project's <c>obj/</c>.</summary>
    /// <param name="project">A project built with <c>EmitCompilerGeneratedFiles=true</c>.</param>
    /// <returns>Their names.</returns>
    public static string[] GeneratedContractFiles(ConsumerProject project) =>
        Directory.Exists(project.PathOf("obj"))
            ? Directory.GetFiles(project.PathOf("obj"), "KernelModel.Contracts.g.cs", SearchOption.AllDirectories)
                .Select(Path.GetFileName).OfType<string>().ToArray()
            : [];
}
