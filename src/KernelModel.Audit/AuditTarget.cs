using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;

namespace KernelModel.Audit;

/// <summary>What to audit: a solution or a set of projects, and the folder the report's paths are relative to.</summary>
/// <param name="Solution">The solution file, or null when projects are given.</param>
/// <param name="Projects">The project files, when no solution is given.</param>
/// <param name="Root">The folder report paths are relative to: the repository's root when the target is in one, else the target's folder.</param>
/// <param name="Display">The target as the report names it, relative to <paramref name="Root"/> (the folder's own name when it is the root).</param>
internal sealed record AuditTarget(string? Solution, ImmutableArray<string> Projects, string Root, string Display)
{
    /// <summary>Resolves one command-line path, or the current folder when none is given (as <c>dotnet build</c> does).</summary>
    /// <param name="path">The path argument, or null.</param>
    /// <param name="currentDirectory">The folder relative paths start from.</param>
    /// <param name="matrix">Whether a folder means every project under it (the configurations of a matrix).</param>
    /// <returns>The target.</returns>
    /// <exception cref="AuditInputException">The path does not exist or holds nothing to audit.</exception>
    public static AuditTarget Resolve(string? path, string currentDirectory, bool matrix = false)
    {
        string full = Path.GetFullPath(path ?? ".", currentDirectory);
        string shown = path ?? "the current folder (" + full + ")";
        if (File.Exists(full))
        {
            string extension = Path.GetExtension(full).ToLowerInvariant();
            return extension switch
            {
                ".sln" or ".slnx" => Create(full, ImmutableArray<string>.Empty, full),
                ".csproj" => Create(null, [full], full),
                _ => throw new AuditInputException($"{shown} is not a .sln, .csproj or folder"),
            };
        }

        if (!Directory.Exists(full))
        {
            throw new AuditInputException($"{shown} does not exist");
        }

        if (matrix)
        {
            string[] all = Directory.EnumerateFiles(full, "*.csproj", SearchOption.AllDirectories)
                .Where(f => !Path.GetRelativePath(full, f).Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
                .OrderBy(f => f, StringComparer.Ordinal)
                .ToArray();
            return all.Length == 0
                ? throw new AuditInputException($"{shown} holds no .csproj file")
                : Create(null, [.. all], full);
        }

        string[] solutions = Directory.GetFiles(full, "*.sln").Concat(Directory.GetFiles(full, "*.slnx")).OrderBy(f => f, StringComparer.Ordinal).ToArray();
        if (solutions.Length == 1)
        {
            return Create(solutions[0], ImmutableArray<string>.Empty, full);
        }

        if (solutions.Length > 1)
        {
            throw new AuditInputException($"{shown} holds {solutions.Length} solutions ({string.Join(", ", solutions.Select(Path.GetFileName))}); name one");
        }

        string[] projects = Directory.GetFiles(full, "*.csproj").OrderBy(f => f, StringComparer.Ordinal).ToArray();
        if (projects.Length == 0)
        {
            throw new AuditInputException($"{shown} holds no .sln or .csproj file");
        }

        return Create(null, [.. projects], full);
    }

    /// <summary>Resolves the command line's paths: one target, or several projects audited together.</summary>
    /// <param name="paths">The path arguments; empty for the current folder.</param>
    /// <param name="currentDirectory">The folder relative paths start from.</param>
    /// <param name="matrix">Whether a folder means every project under it.</param>
    /// <returns>The target.</returns>
    /// <exception cref="AuditInputException">A path does not exist, or several paths include a solution.</exception>
    public static AuditTarget Resolve(ImmutableArray<string> paths, string currentDirectory, bool matrix)
    {
        if (paths.Length <= 1)
        {
            return Resolve(paths.IsEmpty ? null : paths[0], currentDirectory, matrix);
        }

        AuditTarget[] targets = paths.Select(p => Resolve(p, currentDirectory, matrix)).ToArray();
        if (targets.Any(t => t.Solution is not null))
        {
            throw new AuditInputException("several paths must all be projects or folders of projects, not solutions");
        }

        ImmutableArray<string> projects = targets.SelectMany(t => t.Projects).Distinct(StringComparer.Ordinal).ToImmutableArray();
        string common = CommonFolder(projects);
        AuditTarget shape = Create(null, projects, common);
        return shape with { Display = string.Join(" ", targets.Select(t => t.Display)) };
    }

    private static string CommonFolder(ImmutableArray<string> files)
    {
        string[] folders = files.Select(f => Path.GetDirectoryName(f)!).ToArray();
        string common = folders[0];
        while (!folders.All(f => f == common || f.StartsWith(common + Path.DirectorySeparatorChar, StringComparison.Ordinal)))
        {
            common = Path.GetDirectoryName(common)!;
        }

        return common;
    }

    private static AuditTarget Create(string? solution, ImmutableArray<string> projects, string target)
    {
        string folder = Directory.Exists(target) ? target : Path.GetDirectoryName(target)!;
        string root = RepositoryRoot(folder) ?? folder;
        string display = Path.GetRelativePath(root, target).Replace('\\', '/');
        if (display == ".")
        {
            display = Path.GetFileName(Path.TrimEndingDirectorySeparator(target));
        }

        return new AuditTarget(solution, projects, root, display);
    }

    private static string? RepositoryRoot(string folder)
    {
        for (DirectoryInfo? current = new(folder); current is not null; current = current.Parent)
        {
            if (Directory.Exists(Path.Combine(current.FullName, ".git")) || File.Exists(Path.Combine(current.FullName, ".git")))
            {
                return current.FullName;
            }
        }

        return null;
    }
}
