using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.MSBuild;

namespace KernelModel.Audit;

/// <summary>
/// Loads the target's projects with MSBuildWorkspace. A project that does not load is bad input: its failure is
/// reported with the project and MSBuild's reason.
/// </summary>
internal static class WorkspaceLoader
{
    /// <summary>Loads the target.</summary>
    /// <param name="target">The solution or projects.</param>
    /// <param name="progress">Receives a line per step, for the terminal.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The workspace, holding the C# projects to audit.</returns>
    /// <exception cref="AuditInputException">A project does not load.</exception>
    public static async Task<LoadedWorkspace> LoadAsync(AuditTarget target, Action<string> progress, CancellationToken cancellationToken)
    {
        MSBuildRegistration.Ensure();
        return await OpenAsync(target, progress, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<LoadedWorkspace> OpenAsync(AuditTarget target, Action<string> progress, CancellationToken cancellationToken)
    {
        var workspace = MSBuildWorkspace.Create();
        try
        {
            return new LoadedWorkspace(workspace, await OpenAsync(workspace, target, progress, cancellationToken).ConfigureAwait(false));
        }
        catch
        {
            workspace.Dispose();
            throw;
        }
    }

    private static async Task<ImmutableArray<Project>> OpenAsync(MSBuildWorkspace workspace, AuditTarget target, Action<string> progress, CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        using IDisposable handler = workspace.RegisterWorkspaceFailedHandler(e =>
        {
            if (e.Diagnostic.Kind == WorkspaceDiagnosticKind.Failure)
            {
                lock (failures)
                {
                    failures.Add(OneLine(e.Diagnostic.Message));
                }
            }
        });
        var loading = new Progress<ProjectLoadProgress>(p =>
            progress($"{p.Operation.ToString().ToLowerInvariant()} {Path.GetFileName(p.FilePath)}{(p.TargetFramework is null ? string.Empty : $" ({p.TargetFramework})")}"));

        Solution solution;
        var audited = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            if (target.Solution is not null)
            {
                progress("loading " + target.Display);
                solution = await workspace.OpenSolutionAsync(target.Solution, loading, cancellationToken).ConfigureAwait(false);
                audited.UnionWith(solution.Projects.Select(p => p.FilePath ?? string.Empty));
            }
            else
            {
                foreach (string path in target.Projects)
                {
                    progress("loading " + Path.GetRelativePath(target.Root, path).Replace('\\', '/'));
                    _ = await workspace.OpenProjectAsync(path, loading, cancellationToken).ConfigureAwait(false);
                    audited.Add(Path.GetFullPath(path));
                }

                solution = workspace.CurrentSolution;
            }
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or ArgumentException or UnauthorizedAccessException)
        {
            failures.Insert(0, OneLine(e.Message));
            solution = workspace.CurrentSolution;
        }

        if (failures.Count > 0)
        {
            throw new AuditInputException("cannot load " + target.Display + ": " + failures[0] + (failures.Count > 1 ? $" (and {failures.Count - 1} more failures)" : string.Empty));
        }

        ImmutableArray<Project> projects = solution.Projects
            .Where(p => p.Language == LanguageNames.CSharp && p.FilePath is not null && audited.Contains(Path.GetFullPath(p.FilePath)))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ToImmutableArray();
        if (projects.IsEmpty)
        {
            throw new AuditInputException($"{target.Display} holds no C# project");
        }

        return projects;
    }

    private static string OneLine(string text) => string.Join(" ", text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()));
}
