using System.IO;
using Microsoft.CodeAnalysis;

namespace KernelModel.Audit;

/// <summary>Turns Roslyn locations into <see cref="SourceSpot"/>s relative to the report's root, so output is stable across machines.</summary>
/// <param name="root">The folder paths are made relative to.</param>
internal sealed class SpotMap(string root)
{
    /// <summary>The folder paths are relative to.</summary>
    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>The spot of a location.</summary>
    /// <param name="location">A source location.</param>
    /// <returns>The spot; a location without a file gives an empty path at line 0.</returns>
    public SourceSpot Of(Location location)
    {
        FileLinePositionSpan span = location.GetLineSpan();
        if (!span.IsValid || string.IsNullOrEmpty(span.Path))
        {
            return new SourceSpot(string.Empty, 0, 0);
        }

        return new SourceSpot(Relative(span.Path), span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1);
    }

    /// <summary>A path relative to the root, with '/' separators.</summary>
    /// <param name="path">A full path.</param>
    /// <returns>The relative path.</returns>
    public string Relative(string path) =>
        Path.IsPathRooted(path) ? Path.GetRelativePath(Root, path).Replace('\\', '/') : path.Replace('\\', '/');
}
