using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.MSBuild;

namespace KernelModel.Audit;

/// <summary>
/// Loads the target's projects with MSBuildWorkspace. Whatever loads is audited; each project that does not load
/// is reported with MSBuild's reason. By default only projects that use the KernelModel analyzers are audited, as
/// only their builds report what the tool does.
/// </summary>
internal static class WorkspaceLoader
{
    /// <summary>The analyzer assembly whose reference marks a project as using the analyzers.</summary>
    public const string AnalyzerAssembly = "KernelModel.Analyzers.dll";

    private static readonly Regex _projectInMessage = new(@"'([^']+\.(?:cs|vb|fs)proj)'", RegexOptions.CultureInvariant);

    /// <summary>Loads the target.</summary>
    /// <param name="target">The solution or projects.</param>
    /// <param name="allProjects">Whether to audit projects that do not use the analyzers too.</param>
    /// <param name="progress">Receives a line per step, for the terminal.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The workspace, holding the C# projects to audit, the failures and the projects left out.</returns>
    /// <exception cref="AuditInputException">Nothing could be loaded, or no loaded project uses the analyzers.</exception>
    public static async Task<LoadedWorkspace> LoadAsync(AuditTarget target, bool allProjects, Action<string> progress, CancellationToken cancellationToken)
    {
        MSBuildRegistration.Ensure();
        var workspace = MSBuildWorkspace.Create();
        try
        {
            return await OpenAsync(workspace, target, allProjects, progress, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            workspace.Dispose();
            throw;
        }
    }

    private static async Task<LoadedWorkspace> OpenAsync(MSBuildWorkspace workspace, AuditTarget target, bool allProjects, Action<string> progress, CancellationToken cancellationToken)
    {
        var spots = new SpotMap(target.Root);
        var failures = new List<LoadFailure>();
        string current = target.Display;
        using IDisposable handler = workspace.RegisterWorkspaceFailedHandler(e =>
        {
            if (e.Diagnostic.Kind == WorkspaceDiagnosticKind.Failure)
            {
                string message = OneLine(e.Diagnostic.Message).Replace(spots.Root + Path.DirectorySeparatorChar, string.Empty, StringComparison.Ordinal);
                Match named = _projectInMessage.Match(message);
                lock (failures)
                {
                    failures.Add(new LoadFailure(named.Success ? spots.Relative(named.Groups[1].Value) : current, message));
                }
            }
        });
        var loading = new Progress<ProjectLoadProgress>(p =>
            progress($"{p.Operation.ToString().ToLowerInvariant()} {Path.GetFileName(p.FilePath)}{(p.TargetFramework is null ? string.Empty : $" ({p.TargetFramework})")}"));

        var audited = new HashSet<string>(StringComparer.Ordinal);
        if (target.Solution is not null)
        {
            progress("loading " + target.Display);
            try
            {
                Solution solution = await workspace.OpenSolutionAsync(target.Solution, loading, cancellationToken).ConfigureAwait(false);
                audited.UnionWith(solution.Projects.Select(p => p.FilePath ?? string.Empty));
            }
            catch (Exception e) when (IsLoadFailure(e))
            {
                failures.Insert(0, new LoadFailure(target.Display, OneLine(e.Message)));
            }
        }
        else
        {
            foreach (string path in target.Projects)
            {
                current = spots.Relative(path);
                progress("loading " + current);
                string full = Path.GetFullPath(path);
                audited.Add(full);
                if (workspace.CurrentSolution.Projects.Any(p => p.FilePath == full))
                {
                    continue;
                }

                try
                {
                    _ = await workspace.OpenProjectAsync(path, loading, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (IsLoadFailure(e))
                {
                    failures.Add(new LoadFailure(current, OneLine(e.Message)));
                }
            }
        }

        // A project that loaded with a failure is reported, not audited: its compilation would not be the build's.
        var failed = new HashSet<string>(failures.Select(f => f.Project), StringComparer.Ordinal);
        ImmutableArray<Project> loaded = workspace.CurrentSolution.Projects
            .Where(p => p.Language == LanguageNames.CSharp && p.FilePath is not null && audited.Contains(Path.GetFullPath(p.FilePath)))
            .Where(p => !failed.Contains(spots.Relative(p.FilePath!)))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ToImmutableArray();
        ImmutableArray<Project> projects = allProjects ? loaded : loaded.Where(UsesAnalyzers).ToImmutableArray();
        ImmutableArray<string> skipped = loaded.Except(projects).Select(p => p.Name).ToImmutableArray();
        ImmutableArray<LoadFailure> unique = failures.Distinct().ToImmutableArray();
        if (projects.IsEmpty)
        {
            workspace.Dispose();
            throw new AuditInputException(Nothing(target, unique, skipped));
        }

        return new LoadedWorkspace(workspace, projects, unique, skipped);
    }

    /// <summary>Whether a project runs the KernelModel analyzers: the package, a ProjectReference as analyzer, or an Analyzer item.</summary>
    /// <param name="project">The project.</param>
    /// <returns>True when its build reports what the tool does.</returns>
    public static bool UsesAnalyzers(Project project) => project.AnalyzerReferences.Any(r =>
        string.Equals(Path.GetFileName(r.FullPath), AnalyzerAssembly, StringComparison.OrdinalIgnoreCase));

    private static string Nothing(AuditTarget target, ImmutableArray<LoadFailure> failures, ImmutableArray<string> skipped)
    {
        if (!failures.IsEmpty)
        {
            string rest = failures.Length > 1 ? "; " + string.Join("; ", failures.Skip(1).Select(f => $"{f.Project}: {f.Reason}")) : string.Empty;
            return $"cannot load {failures[0].Project}: {failures[0].Reason}{rest}";
        }

        if (!skipped.IsEmpty)
        {
            return $"no project of {target.Display} uses the KernelModel analyzers ({string.Join(", ", skipped)}); --all-projects audits them anyway";
        }

        return $"{target.Display} holds no C# project";
    }

    private static bool IsLoadFailure(Exception e) => e is InvalidOperationException or IOException or ArgumentException or UnauthorizedAccessException;

    private static string OneLine(string text) => string.Join(" ", text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()));
}
