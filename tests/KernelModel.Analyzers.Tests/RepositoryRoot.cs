using System;
using System.IO;

namespace KernelModel.Analyzers.Tests;

/// <summary>
/// The repository the tests were built from: the nearest folder above the test assembly that holds
/// <c>Analyzers.sln</c>. Tests read the sample kernel and the rule pages from there, so they always judge the
/// working tree rather than a copy.
/// </summary>
public static class RepositoryRoot
{
    private const string SolutionFile = "Analyzers.sln";

    private static readonly Lazy<string> _path = new(Find);

    /// <summary>The repository's root folder.</summary>
    public static string Path => _path.Value;

    /// <summary>A path below the root, given with forward slashes as in the repository's docs.</summary>
    /// <param name="relative">For example <c>sample-kernel/Mm/Khugepaged.cs</c>.</param>
    /// <returns>The full path.</returns>
    public static string Combine(string relative) =>
        System.IO.Path.Combine(Path, relative.Replace('/', System.IO.Path.DirectorySeparatorChar));

    private static string Find()
    {
        for (DirectoryInfo? folder = new(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, SolutionFile)))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException(
            $"No folder above the test assembly ({AppContext.BaseDirectory}) contains {SolutionFile}; " +
            "these tests must run from a build inside the repository.");
    }
}
