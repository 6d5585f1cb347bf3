using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;

namespace KernelModel.Audit.Tests;

/// <summary>
/// Several projects over one source, as a kernel is built in several configurations: each site reported once with
/// a verdict per configuration, the matrix in text, markdown and JSON, load failures and projects without the
/// analyzers reported rather than fatal, and the filters and baseline applied to the same model.
/// </summary>
[Collection(RepositoryWorkspace.Name)]
public sealed class ConfigurationMatrixTests(ConfigurationProjects projects)
{
    private static readonly string[] _configurations = ["Multi(net10.0)", "Multi(netstandard2.0)", "Powerpc", "Safe", "Unsafe"];

    [Fact]
    public void SharedSourcesAndTargetsGiveEachSiteOnceWithAVerdictPerConfiguration()
    {
        AuditReport report = projects.Report;
        Assert.Equal(_configurations, report.Projects.ToArray());
        Assert.Equal(
            [$"Shared/Kernel.cs:{ConfigurationProjects.CollapseLine}", $"Shared/Kernel.cs:{ConfigurationProjects.RetractLine}"],
            report.Sites.Select(s => s.At.FileAndLine));

        ReportSite collapse = report.Sites[0];
        Assert.Equal(
            [("proved", "Multi(net10.0), Safe"), ("violation", "Multi(netstandard2.0), Unsafe"), ("proved", "Powerpc")],
            collapse.Verdicts.Select(v => (v.Site.Verdict, string.Join(", ", v.Configurations))));

        // Identical verdicts of both targets and of the other project are one verdict, not three.
        SiteVerdict retract = Assert.Single(report.Sites[1].Verdicts);
        Assert.Equal(["Multi(net10.0)", "Multi(netstandard2.0)", "Safe"], retract.Configurations.ToArray());
        Assert.Equal("2 sites in 5 projects: 1 proved, 1 violation", report.Summary);
    }

    [Fact]
    public void AProjectThatDoesNotLoadIsReportedAndTheOthersAreAudited()
    {
        LoadFailure failure = Assert.Single(projects.Report.Failures);
        Assert.Equal("Broken/Broken.csproj", failure.Project);
        Assert.Contains("Broken.csproj", failure.Reason);
        Assert.Contains(projects.Warnings, w => w.StartsWith("not audited: Broken/Broken.csproj: ", StringComparison.Ordinal));
        Assert.Contains("not audited: Broken/Broken.csproj: ", projects.Render(ReportFormat.Text));
        JsonElement json = JsonDocument.Parse(projects.Render(ReportFormat.Json)).RootElement;
        Assert.Equal("Broken/Broken.csproj", Assert.Single(json.GetProperty("failures").EnumerateArray()).GetProperty("project").GetString());
    }

    [Fact]
    public void ProjectsThatDoNotUseTheAnalyzersAreLeftOutByDefault()
    {
        Assert.Equal(["Plain"], projects.Report.Skipped.ToArray());
        Assert.DoesNotContain("Plain", projects.Report.Projects);
        Assert.Contains("left out (no KernelModel analyzers; --all-projects includes them): Plain", projects.Render(ReportFormat.Text));
    }

    [Fact]
    public async Task AllProjectsIncludesThemAndWithoutItThereIsNothingToAudit()
    {
        AuditRun without = await AuditRun.StartAsync(projects.Configs, "Plain/Plain.csproj");
        Assert.Equal(2, without.ExitCode);
        Assert.Equal("tlb-audit: no project of Plain.csproj uses the KernelModel analyzers (Plain); --all-projects audits them anyway\n", without.Error);

        AuditRun with = await AuditRun.StartAsync(projects.Configs, "Plain/Plain.csproj", "--all-projects");
        Assert.True(with.ExitCode == 0, with.Error);
        Assert.EndsWith("\n1 site in 1 project: 1 proved, 0 violations\n", with.Out);
    }

    [Fact]
    public async Task WithNoPathTheProjectInTheCurrentFolderIsAudited()
    {
        AuditRun run = await AuditRun.StartAsync(Path.Combine(projects.Configs, "Unsafe"));
        Assert.Equal(1, run.ExitCode);
        // Outside a repository, paths are relative to the folder audited.
        Assert.StartsWith($"tlb-audit Unsafe (Unsafe)\n\n../Shared/Kernel.cs:{ConfigurationProjects.CollapseLine}  CollapseHugePage", run.Out);
        Assert.EndsWith("\n1 site in 1 project: 0 proved, 1 violation\n", run.Out);
    }

    [Fact]
    public void TheTextMatrixShowsEachSiteAgainstEachConfiguration()
    {
        string text = projects.Render(ReportFormat.Text);
        string[] lines = text.Split('\n');
        Assert.Equal(
            ["  [1] Multi(net10.0)", "  [2] Multi(netstandard2.0)", "  [3] Powerpc", "  [4] Safe", "  [5] Unsafe"],
            lines.SkipWhile(l => l != "Configuration matrix").Skip(1).Take(5));
        Assert.Contains($"  1  proved        VIOLATED      own IPI       proved        VIOLATED      Shared/Kernel.cs:{ConfigurationProjects.CollapseLine}", lines);
        Assert.Contains($"  2  proved        proved        not compiled  proved        not compiled  Shared/Kernel.cs:{ConfigurationProjects.RetractLine}", lines);
        Assert.Contains($"  1  Shared/Kernel.cs:{ConfigurationProjects.CollapseLine}  collapse_huge_page -> tlb_remove_table_sync_one (mm/fixture.c)", lines);
        Assert.Contains("       [1] proved by the flush flush_tlb_mm_range()", lines);
        Assert.Contains(lines, l => l.StartsWith("       [2] violated: ", StringComparison.Ordinal));
        Assert.Contains("       [3] safe: the sync sends its own IPI (TlbTableFlushImpliesIpiBroadcast() is always false)", lines);
        Assert.Contains("       [5] not compiled", lines);
        Assert.All(lines, l => Assert.True(l.Length <= 100, l));
    }

    [Fact]
    public void MarkdownAndJsonCarryTheSameTable()
    {
        string markdown = projects.Render(ReportFormat.Markdown);
        Assert.Contains("| # | site | function | Multi(net10.0) | Multi(netstandard2.0) | Powerpc | Safe | Unsafe |", markdown);
        string first = markdown.Split('\n').Single(l => l.StartsWith("| 1 | ", StringComparison.Ordinal));
        Assert.Contains("| ✅ safe: the sync sends its own IPI (TlbTableFlushImpliesIpiBroadcast() is always false) |", first);
        string row = markdown.Split('\n').Single(l => l.StartsWith("| 2 | ", StringComparison.Ordinal));
        Assert.EndsWith("| ✅ proved by the flush flush_tlb_mm_range() | — not compiled |", row);

        JsonElement matrix = JsonDocument.Parse(projects.Render(ReportFormat.Json)).RootElement.GetProperty("matrix");
        Assert.Equal(_configurations, matrix.GetProperty("configurations").EnumerateArray().Select(c => c.GetString()));
        List<List<string?>> states = matrix.GetProperty("rows").EnumerateArray()
            .Select(r => r.GetProperty("cells").EnumerateArray().Select(c => c.GetProperty("state").GetString()).ToList())
            .ToList();
        Assert.Equal([["proved", "violated", "proved", "proved", "violated"], ["proved", "proved", "not-compiled", "proved", "not-compiled"]], states);
        Assert.Equal(
            markdown.Split('\n').Count(l => l.StartsWith("| 1 | ", StringComparison.Ordinal) || l.StartsWith("| 2 | ", StringComparison.Ordinal)),
            matrix.GetProperty("rows").GetArrayLength());
    }

    [Fact]
    public void FiltersApplyToTheMatrixToo()
    {
        AuditReport violations = projects.Report.Where(new SiteFilter(true, []));
        Assert.Equal([ConfigurationProjects.CollapseLine], violations.Sites.Select(s => s.At.Line));
        Assert.Equal("1 site in 5 projects: 0 proved, 1 violation (1 more not shown: proved sites)", violations.Summary);
        JsonElement matrix = JsonDocument.Parse(projects.Render(ReportFormat.Json, violations)).RootElement.GetProperty("matrix");
        Assert.Equal(1, matrix.GetProperty("rows").GetArrayLength());

        Assert.Empty(projects.Report.Where(new SiteFilter(false, ["Elsewhere/"])).Sites);
        Assert.Equal(2, projects.Report.Where(new SiteFilter(false, ["Shared/"])).Sites.Length);
    }

    [Fact]
    public void ABaselineShowsOnlyNewOrChangedVerdicts()
    {
        using var folder = new TemporaryFolder();
        string same = folder.Write("same.sarif", projects.Render(ReportFormat.Sarif));
        AuditReport unchanged = Baseline.Read(same).NewOrChanged(projects.Report);
        Assert.Empty(unchanged.Sites);
        Assert.True(unchanged.AllProved);

        // A baseline from before the extra site existed and before Unsafe broke: both sites are new or changed.
        AuditReport older = projects.Report.Restrict([], "none");
        string empty = folder.Write("empty.sarif", projects.Render(ReportFormat.Sarif, older));
        Assert.Equal(2, Baseline.Read(empty).NewOrChanged(projects.Report).Sites.Length);
    }
}
