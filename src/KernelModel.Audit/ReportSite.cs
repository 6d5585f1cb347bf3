using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace KernelModel.Audit;

/// <summary>
/// One guarded site of the report, however many configurations compile it: a multi-targeted project, or several
/// projects sharing its source, see it once (keyed by file, position, kind, callee and condition), with one
/// verdict per group of configurations that agree.
/// </summary>
/// <param name="At">Where the site is.</param>
/// <param name="Verdicts">The verdicts, each with the configurations that reach it; one entry when all agree.</param>
internal sealed record ReportSite(SourceSpot At, ImmutableArray<SiteVerdict> Verdicts)
{
    /// <summary>The first verdict, for what every configuration shares: the method, kind, callee and names.</summary>
    public AuditSite First => Verdicts[0].Site;

    /// <summary>What the site requires.</summary>
    public SiteKind Kind => First.Kind;

    /// <summary>Whether every configuration proves the site.</summary>
    public bool Proved => Verdicts.All(v => v.Site.Proved);

    /// <summary>Whether some configuration reports a violation the build shows.</summary>
    public bool IsViolation => Verdicts.Any(v => v.Site.IsViolation);

    /// <summary>The verdict in one word: proved, violation, or suppressed.</summary>
    public string Verdict => Proved ? "proved" : IsViolation ? "violation" : "suppressed";

    /// <summary>Whether the configurations disagree.</summary>
    public bool Differs => Verdicts.Length > 1;

    /// <summary>The verdict of one configuration, or null when it does not compile the site.</summary>
    /// <param name="configuration">The configuration (project) name.</param>
    /// <returns>The verdict, or null.</returns>
    public AuditSite? In(string configuration) =>
        Verdicts.FirstOrDefault(v => v.Configurations.Contains(configuration))?.Site;

    /// <summary>Groups per-configuration verdicts into report sites, sorted by place.</summary>
    /// <param name="verdicts">Every configuration's verdicts.</param>
    /// <returns>The sites.</returns>
    public static ImmutableArray<ReportSite> Group(IEnumerable<AuditSite> verdicts) => verdicts
        .GroupBy(s => (s.At, s.Kind, s.Callee, s.Condition))
        .Select(g => new ReportSite(g.Key.At, g
            .GroupBy(Fingerprint, StringComparer.Ordinal)
            .Select(same => new SiteVerdict(same.Select(s => s.Project).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToImmutableArray(), same.First()))
            .OrderBy(v => v.Configurations[0], StringComparer.Ordinal)
            .ToImmutableArray()))
        .OrderBy(s => s.At)
        .ThenBy(s => s.Kind)
        .ThenBy(s => s.First.Callee, StringComparer.Ordinal)
        .ThenBy(s => s.First.Condition, StringComparer.Ordinal)
        .ToImmutableArray();

    /// <summary>Two configurations agree when the verdict and every line explaining it are the same.</summary>
    private static string Fingerprint(AuditSite site) =>
        site.Verdict + "\n" + string.Join("\n", JustificationLines.Of(site, NameStyle.CSharp).Select(l => l.Text));
}

/// <summary>A verdict on a site and the configurations that reach it.</summary>
/// <param name="Configurations">The configurations (projects), sorted.</param>
/// <param name="Site">The verdict with its justification or witness.</param>
internal sealed record SiteVerdict(ImmutableArray<string> Configurations, AuditSite Site);
