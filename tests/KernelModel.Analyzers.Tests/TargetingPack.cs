using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace KernelModel.Analyzers.Tests;

/// <summary>
/// The reference assemblies of the SDK's own targeting pack (Microsoft.NETCore.App.Ref) for the running runtime's
/// major version, found next to the runtime at run time. Tests compile against the pack rather than a NuGet
/// download so that they work offline and always match the SDK that builds the repository; nothing about its
/// location or version is written down here.
/// </summary>
public static class TargetingPack
{
    private const string PackName = "Microsoft.NETCore.App.Ref";

    private static readonly Lazy<string> _directory = new(FindReferenceDirectory);

    private static readonly Lazy<ImmutableArray<MetadataReference>> _references = new(() =>
        Directory.GetFiles(ReferenceDirectory, "*.dll")
            .OrderBy(path => path, StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray());

    /// <summary>The pack's <c>ref/net&lt;major&gt;.0</c> folder.</summary>
    public static string ReferenceDirectory => _directory.Value;

    /// <summary>
    /// One reference per assembly of the pack. The same instances are shared by every compilation in the test run,
    /// so Roslyn reads each assembly's metadata once.
    /// </summary>
    public static ImmutableArray<MetadataReference> References => _references.Value;

    private static string FindReferenceDirectory()
    {
        // typeof(object) lives in <dotnet root>/shared/Microsoft.NETCore.App/<version>/System.Private.CoreLib.dll.
        string coreLibrary = typeof(object).Assembly.Location;
        int major = Environment.Version.Major;
        DirectoryInfo? runtimeDirectory = Directory.GetParent(coreLibrary);
        DirectoryInfo? dotnetRoot = runtimeDirectory?.Parent?.Parent?.Parent;
        string searched = dotnetRoot is null
            ? $"(no dotnet root above '{coreLibrary}')"
            : Path.Combine(dotnetRoot.FullName, "packs", PackName);

        if (dotnetRoot is not null && Directory.Exists(searched))
        {
            string? best = Directory.GetDirectories(searched)
                .Select(path => (Path: path, Version: PackVersion.TryParse(Path.GetFileName(path))))
                .Where(pack => pack.Version is { } version && version.Major == major)
                .OrderByDescending(pack => pack.Version!.Value)
                .Select(pack => Path.Combine(pack.Path, "ref", $"net{major}.0"))
                .FirstOrDefault(Directory.Exists);
            if (best is not null && Directory.EnumerateFiles(best, "*.dll").Any())
            {
                return best;
            }
        }

        throw new InvalidOperationException(
            $"No reference assemblies for .NET {major} were found: expected {searched}/<{major}.x.y>/ref/net{major}.0/*.dll " +
            $"next to the running runtime ({coreLibrary}). Install the .NET {major} SDK, whose targeting pack provides them.");
    }

    /// <summary>A pack folder's version: numeric parts compared as numbers, a release above its previews.</summary>
    private readonly record struct PackVersion(Version Number, string PreRelease) : IComparable<PackVersion>
    {
        public int Major => Number.Major;

        public static PackVersion? TryParse(string name)
        {
            int dash = name.IndexOf('-', StringComparison.Ordinal);
            string number = dash < 0 ? name : name[..dash];
            return Version.TryParse(number, out Version? parsed)
                ? new PackVersion(parsed, dash < 0 ? string.Empty : name[(dash + 1)..])
                : null;
        }

        public int CompareTo(PackVersion other)
        {
            int byNumber = Number.CompareTo(other.Number);
            if (byNumber != 0)
            {
                return byNumber;
            }

            return (PreRelease.Length == 0, other.PreRelease.Length == 0) switch
            {
                (true, true) => 0,
                (true, false) => 1,
                (false, true) => -1,
                _ => string.CompareOrdinal(PreRelease, other.PreRelease),
            };
        }
    }
}
