using System;
using System.IO;

namespace KernelModel.Audit.Tests;

/// <summary>The repository the tests were built from: the nearest folder above the test assembly holding <c>Analyzers.sln</c>.</summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string> _path = new(() =>
    {
        for (DirectoryInfo? folder = new(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "Analyzers.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds Analyzers.sln; run the tests from a build inside the repository.");
    });

    /// <summary>The repository's root folder.</summary>
    public static string Path => _path.Value;

    /// <summary>A path below the root, given with '/' separators.</summary>
    /// <param name="relative">For example <c>sample-kernel/Mm/Khugepaged.cs</c>.</param>
    /// <returns>The full path.</returns>
    public static string Combine(string relative) => System.IO.Path.Combine(Path, relative.Replace('/', System.IO.Path.DirectorySeparatorChar));
}
