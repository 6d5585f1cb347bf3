using System.Collections.Immutable;
using System.Linq;

namespace KernelModel.Audit;

/// <summary>Everything the tool found: the target, the projects audited and every site, sorted by file, line, column and project.</summary>
/// <param name="Target">The audited path, relative to the report's root.</param>
/// <param name="Projects">The projects audited, by name.</param>
/// <param name="Sites">The sites, sorted.</param>
internal sealed record AuditReport(string Target, ImmutableArray<string> Projects, ImmutableArray<AuditSite> Sites)
{
    /// <summary>How many sites are proved.</summary>
    public int ProvedCount => Sites.Count(s => s.Proved);

    /// <summary>How many sites are violations the build reports.</summary>
    public int ViolationCount => Sites.Count(s => s.IsViolation);

    /// <summary>How many sites are not proved but suppressed, as the build suppresses them.</summary>
    public int SuppressedCount => Sites.Count(s => !s.Proved && !s.IsViolation);

    /// <summary>Whether every site is proved.</summary>
    public bool AllProved => ViolationCount == 0;

    /// <summary>Whether sites come from more than one project, so each must name its project.</summary>
    public bool ManyProjects => Projects.Length > 1;

    /// <summary>The summary line every format ends with.</summary>
    public string Summary
    {
        get
        {
            string sites = Sites.Length == 1 ? "1 site" : $"{Sites.Length} sites";
            string projects = Projects.Length == 1 ? "1 project" : $"{Projects.Length} projects";
            string suppressed = SuppressedCount == 0 ? string.Empty : $", {SuppressedCount} suppressed";
            return $"{sites} in {projects}: {ProvedCount} proved, {ViolationCount} {(ViolationCount == 1 ? "violation" : "violations")}{suppressed}";
        }
    }
}
