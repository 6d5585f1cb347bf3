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
    /// <summary>Where the repository's sample kernel lives, relative to the repository's root.</summary>
    public const string SampleKernel = "sample-kernel/SampleKernel.csproj";

    /// <summary>Resolves the command line's path, or the sample kernel when none is given.</summary>
    /// <param name="path">The path argument, or null.</param>
    /// <param name="currentDirectory">The folder relative paths start from, and the first place to look for the sample kernel.</param>
    /// <param name="toolDirectory">The tool's own folder, the second place to look for the sample kernel.</param>
    /// <returns>The target.</returns>
    /// <exception cref="AuditInputException">The path does not exist or holds nothing to audit.</exception>
    public static AuditTarget Resolve(string? path, string currentDirectory, string toolDirectory)
    {
        string full = path is null ? FindSampleKernel(currentDirectory, toolDirectory) : Path.GetFullPath(path, currentDirectory);
        if (File.Exists(full))
        {
            string extension = Path.GetExtension(full).ToLowerInvariant();
            return extension switch
            {
                ".sln" or ".slnx" => Create(full, ImmutableArray<string>.Empty, full),
                ".csproj" => Create(null, [full], full),
                _ => throw new AuditInputException($"{path ?? full} is not a .sln, .csproj or folder"),
            };
        }

        if (!Directory.Exists(full))
        {
            throw new AuditInputException($"{path} does not exist");
        }

        string[] solutions = Directory.GetFiles(full, "*.sln").Concat(Directory.GetFiles(full, "*.slnx")).OrderBy(f => f, StringComparer.Ordinal).ToArray();
        if (solutions.Length == 1)
        {
            return Create(solutions[0], ImmutableArray<string>.Empty, full);
        }

        if (solutions.Length > 1)
        {
            throw new AuditInputException($"{path} holds {solutions.Length} solutions ({string.Join(", ", solutions.Select(Path.GetFileName))}); name one");
        }

        string[] projects = Directory.GetFiles(full, "*.csproj").OrderBy(f => f, StringComparer.Ordinal).ToArray();
        if (projects.Length == 0)
        {
            throw new AuditInputException($"{path} holds no .sln or .csproj file");
        }

        return Create(null, [.. projects], full);
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

    private static string FindSampleKernel(string currentDirectory, string toolDirectory)
    {
        foreach (string start in new[] { currentDirectory, toolDirectory })
        {
            for (DirectoryInfo? folder = new(start); folder is not null; folder = folder.Parent)
            {
                string candidate = Path.Combine(folder.FullName, SampleKernel);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new AuditInputException($"no path given and no {SampleKernel} found above {currentDirectory} or {toolDirectory}; pass a .sln, .csproj or folder");
    }
}
