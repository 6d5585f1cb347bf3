using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using KernelModel.CorpusGenerator;

namespace KernelModel.Audit.Tests;

/// <summary>
/// A generated kernel-model corpus (build/CorpusGenerator) with seeded violations: the report with
/// <c>--violations-only</c> lists exactly the sites its <c>expected.tsv</c> names for the flow rules.
/// </summary>
[Collection(RepositoryWorkspace.Name)]
public sealed class CorpusReportTests
{
    private static readonly string[] _flowRules = ["TLB001", "TLB002", "TLB005"];

    [Fact]
    public async Task ViolationsOnlyListsExactlyTheSeededViolations()
    {
        using var folder = new TemporaryFolder();
        var options = new CorpusOptions { Files = 12, ViolationShare = 0.3, Seed = 7 };
        CorpusProject.Write(folder.Path, KernelModelCorpus.Generate(options), AppContext.BaseDirectory);
        ProcessRun restore = await ProcessRun.RunAsync("dotnet", ["restore", CorpusProject.ProjectFileName], folder.Path, new Dictionary<string, string> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" });
        Assert.True(restore.ExitCode == 0, restore.ToString());

        AuditRun run = await AuditRun.StartAsync(folder.Path, CorpusProject.ProjectFileName, "--violations-only", "--format", "json", "-o", "report.json");

        List<string> expected = File.ReadAllLines(folder.Combine(CorpusProject.ExpectationsFileName))
            .Select(l => l.Split('\t'))
            .SelectMany(f => f[2].Split([',', ' '], StringSplitOptions.RemoveEmptyEntries).Select(id => (File: f[0], Line: f[1], Id: id)))
            .Where(e => _flowRules.Contains(e.Id))
            .Select(e => $"{e.File}:{e.Line} {e.Id}")
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.True(expected.Count >= 3, $"the corpus should seed a few flow violations, not {expected.Count}");
        Assert.True(run.ExitCode == 1, run.Error);

        JsonElement root = JsonDocument.Parse(File.ReadAllText(folder.Combine("report.json"))).RootElement;
        List<string> listed = root.GetProperty("sites").EnumerateArray()
            .Select(s => $"{s.GetProperty("file").GetString()}:{s.GetProperty("line").GetInt32()} {s.GetProperty("rule").GetString()}")
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(expected, listed);
        Assert.All(root.GetProperty("sites").EnumerateArray(), s => Assert.Equal("violation", s.GetProperty("verdict").GetString()));
        Assert.True(root.GetProperty("summary").GetProperty("notShown").GetInt32() > 0);
    }
}
