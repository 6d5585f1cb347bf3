using System.Collections.Immutable;
using System.Linq;

namespace KernelModel.Audit;

/// <summary>
/// Everything the tool found: the target, the configurations (projects) audited, every site once with its
/// verdict per configuration, and the projects that could not be audited or were left out. Every format and
/// the matrix render this one model.
/// </summary>
internal sealed record AuditReport
{
    /// <summary>Creates a report from every configuration's verdicts.</summary>
    /// <param name="target">The audited path, relative to the report's root.</param>
    /// <param name="projects">The configurations (projects) audited, by name.</param>
    /// <param name="verdicts">Every configuration's verdicts.</param>
    public AuditReport(string target, ImmutableArray<string> projects, ImmutableArray<AuditSite> verdicts)
    {
        Target = target;
        Projects = projects;
        Sites = ReportSite.Group(verdicts);
    }

    /// <summary>The audited path, relative to the report's root.</summary>
    public string Target { get; init; }

    /// <summary>The configurations (projects) audited, by name.</summary>
    public ImmutableArray<string> Projects { get; init; }

    /// <summary>The sites shown, sorted by place.</summary>
    public ImmutableArray<ReportSite> Sites { get; init; }

    /// <summary>The projects that could not be audited, with why.</summary>
    public ImmutableArray<LoadFailure> Failures { get; init; } = ImmutableArray<LoadFailure>.Empty;

    /// <summary>The projects left out because they do not use the analyzers (see <c>--all-projects</c>).</summary>
    public ImmutableArray<string> Skipped { get; init; } = ImmutableArray<string>.Empty;

    /// <summary>How many sites the filters hid (0 when nothing is filtered).</summary>
    public int Hidden { get; init; }

    /// <summary>What the filters were, in words, or null when every site is shown.</summary>
    public string? FilterText { get; init; }

    /// <summary>How many sites are proved in every configuration.</summary>
    public int ProvedCount => Sites.Count(s => s.Proved);

    /// <summary>How many sites are violations the build reports, in some configuration.</summary>
    public int ViolationCount => Sites.Count(s => s.IsViolation);

    /// <summary>How many sites are not proved but suppressed, as the build suppresses them.</summary>
    public int SuppressedCount => Sites.Count(s => !s.Proved && !s.IsViolation);

    /// <summary>Whether no shown site is a violation.</summary>
    public bool AllProved => ViolationCount == 0;

    /// <summary>Whether sites come from more than one configuration, so each verdict must name its configurations.</summary>
    public bool ManyProjects => Projects.Length > 1;

    /// <summary>The summary line every format ends with.</summary>
    public string Summary
    {
        get
        {
            string sites = Sites.Length == 1 ? "1 site" : $"{Sites.Length} sites";
            string projects = Projects.Length == 1 ? "1 project" : $"{Projects.Length} projects";
            string suppressed = SuppressedCount == 0 ? string.Empty : $", {SuppressedCount} suppressed";
            string hidden = Hidden == 0 ? string.Empty : $" ({Hidden} more not shown: {FilterText})";
            return $"{sites} in {projects}: {ProvedCount} proved, {ViolationCount} {(ViolationCount == 1 ? "violation" : "violations")}{suppressed}{hidden}";
        }
    }

    /// <summary>The report with only the sites <paramref name="filter"/> shows.</summary>
    /// <param name="filter">The filter.</param>
    /// <returns>The filtered report.</returns>
    public AuditReport Where(SiteFilter filter)
    {
        if (!filter.ViolationsOnly && filter.PathContains.IsDefaultOrEmpty)
        {
            return this;
        }

        ImmutableArray<ReportSite> shown = Sites.Where(filter.Shows).ToImmutableArray();
        string words = string.Join(" and ", new[]
        {
            filter.ViolationsOnly ? "proved sites" : null,
            filter.PathContains.IsDefaultOrEmpty ? null : "files not matching " + string.Join(" or ", filter.PathContains),
        }.Where(w => w is not null));
        return Restrict(shown, words);
    }

    /// <summary>The report restricted to some of its sites.</summary>
    /// <param name="shown">The sites to keep.</param>
    /// <param name="why">Why the others are hidden.</param>
    /// <returns>The restricted report.</returns>
    public AuditReport Restrict(ImmutableArray<ReportSite> shown, string why) => this with
    {
        Sites = shown,
        Hidden = Hidden + Sites.Length - shown.Length,
        FilterText = FilterText is null ? why : FilterText + "; " + why,
    };
}
