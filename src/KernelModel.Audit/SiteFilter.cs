using System;
using System.Collections.Immutable;
using System.Linq;

namespace KernelModel.Audit;

/// <summary>Which sites a report shows: <c>--violations-only</c> and <c>--path</c>.</summary>
/// <param name="ViolationsOnly">Show only sites not proved in some configuration.</param>
/// <param name="PathContains">Show only sites whose file path contains one of these; empty for every file.</param>
internal sealed record SiteFilter(bool ViolationsOnly, ImmutableArray<string> PathContains)
{
    /// <summary>Shows every site.</summary>
    public static SiteFilter None { get; } = new(false, ImmutableArray<string>.Empty);

    /// <summary>Whether the filter shows <paramref name="site"/>.</summary>
    /// <param name="site">A site.</param>
    /// <returns>True when shown.</returns>
    public bool Shows(ReportSite site) =>
        (!ViolationsOnly || !site.Proved) &&
        (PathContains.IsDefaultOrEmpty || PathContains.Any(p => site.At.File.Contains(p.Replace('\\', '/'), StringComparison.Ordinal)));
}
