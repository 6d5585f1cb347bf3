using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;

namespace KernelModel.Audit.Tests;

/// <summary>A copy of the sample kernel with the collapse's flush removed: the audit fails with exit code 1 and shows the witness.</summary>
[Collection(RepositoryWorkspace.Name)]
public sealed class BrokenKernelTests
{
    private const string Flush = "Pmd oldPmd = PmdpCollapseFlush(vma!, address, pmd);";

    [Fact]
    public async Task RemovingTheCollapseFlushIsAViolationWithItsWitness()
    {
        using var folder = new TemporaryFolder();
        string project = CopySampleKernel(folder);
        string khugepaged = folder.Combine("sample-kernel/Mm/Khugepaged.cs");
        string source = File.ReadAllText(khugepaged);
        Assert.Contains(Flush, source);
        File.WriteAllText(khugepaged, source.Replace(Flush, "Pmd oldPmd = pmd.Get();\n        pmd.Set(Pmd.None);", StringComparison.Ordinal));
        DocumentedSite collapse = DocumentedSites.All.Single(s => s.Number == 1);
        int line = collapse.LineIn(File.ReadAllText(khugepaged));

        AuditRun run = await AuditRun.StartAsync(folder.Path, project, "--format", "json", "--output", "report.json");

        Assert.True(run.ExitCode == 1, $"exit {run.ExitCode}: {run.Error}");
        // Outside a repository, paths are relative to the audited project's folder.
        Assert.Matches(@"^\d+ sites in 1 project: \d+ proved, 1 violation, 1 suppressed \(report written to report\.json\)\n$", run.Out);
        string json = File.ReadAllText(folder.Combine("report.json"));
        JsonElement site = ReportJson.Site(json, Reported("sample-kernel/Mm/Khugepaged.cs"), line, "TlbRemoveTableSyncOne");
        Assert.Equal("violation", site.GetProperty("verdict").GetString());
        Assert.Equal("CollapseHugePage", site.GetProperty("method").GetString());
        Assert.Empty(ReportJson.Verdict(site).GetProperty("justifications").EnumerateArray());
        JsonElement witness = ReportJson.Verdict(site).GetProperty("witness");
        Assert.False(string.IsNullOrWhiteSpace(witness.GetProperty("message").GetString()));
        Assert.All(witness.GetProperty("steps").EnumerateArray(), step => Assert.Equal(Reported("sample-kernel/Mm/Khugepaged.cs"), step.GetProperty("file").GetString()));

        // The sites that do not depend on the collapse's flush keep their proofs.
        Assert.Equal(
            DocumentedSites.All.Where(s => s.Number != 1).Select(s => "proved"),
            DocumentedSites.All.Where(s => s.Number != 1).Select(s =>
            {
                string file = Reported(s.File);
                int at = s.LineIn(File.ReadAllText(folder.Combine(s.File)));
                return ReportJson.Site(json, file, at, s.Callee).GetProperty("verdict").GetString();
            }));
    }

    /// <summary>The default configuration's folder in the copy; outside a repository, report paths are relative to it.</summary>
    private const string ProjectFolder = "sample-kernel/Configurations/X86_64";

    /// <summary>A path of the copy as the report names it: relative to <see cref="ProjectFolder"/>.</summary>
    private static string Reported(string relativeToCopy) =>
        Path.GetRelativePath(ProjectFolder, relativeToCopy).Replace('\\', '/');

    /// <summary>
    /// Copies the sample kernel's sources and shared settings under <paramref name="folder"/>, its analyzer references
    /// pointing back at the repository's projects.
    /// </summary>
    private static string CopySampleKernel(TemporaryFolder folder)
    {
        string source = RepositoryRoot.Combine("sample-kernel");
        foreach (string file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(source, file).Replace('\\', '/');
            if (relative.Split('/') is var parts && parts.Any(p => p is "bin" or "obj" or "Run" or "Linux70TlbFlush"))
            {
                continue;
            }

            folder.Write("sample-kernel/" + relative, File.ReadAllText(file));
        }

        foreach (string shared in new[] { ".editorconfig", "global.json" })
        {
            folder.Write(shared, File.ReadAllText(RepositoryRoot.Combine(shared)));
        }

        // The repository's language settings, without its CI-only deterministic source paths, which need a git repository.
        folder.Write("Directory.Build.props", "<Project>\n  <PropertyGroup>\n    <LangVersion>latest</LangVersion>\n    <Nullable>enable</Nullable>\n    <ImplicitUsings>disable</ImplicitUsings>\n  </PropertyGroup>\n</Project>\n");

        string props = folder.Combine("sample-kernel/SampleKernel.props");
        File.WriteAllText(props, File.ReadAllText(props).Replace("$(SampleKernelRoot)../", RepositoryRoot.Path + "/", StringComparison.Ordinal));
        return folder.Combine(ProjectFolder + "/X86_64.csproj");
    }
}
