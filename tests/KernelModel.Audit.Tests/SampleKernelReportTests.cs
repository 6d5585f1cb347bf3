using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace KernelModel.Audit.Tests;

/// <summary>
/// The audit of the sample kernel, in every format: every documented site proved with the chain or contract that
/// proves it, the same sites in each format, and JSON and SARIF complete, sorted and stable.
/// </summary>
[Collection(RepositoryWorkspace.Name)]
public sealed class SampleKernelReportTests(SampleKernelReport audit) : IClassFixture<SampleKernelReport>
{
    public static TheoryData<int> SiteNumbers => new(DocumentedSites.All.Select(s => s.Number));

    [Fact]
    public void TheSampleKernelIsAuditedAndEverySiteProvedOrSuppressed()
    {
        Assert.True(audit.Report.AllProved);
        string[] lines = audit.Text.TrimEnd('\n').Split('\n');
        Assert.Equal("tlb-audit sample-kernel/Configurations/X86_64/X86_64.csproj (X86_64)", lines[0]);
        Assert.Matches(@"^\d+ sites in 1 project: \d+ proved, 0 violations, 1 suppressed$", lines[^1]);
    }

    [Theory]
    [MemberData(nameof(SiteNumbers))]
    public void TextShowsTheSiteProvedWithItsJustification(int number)
    {
        DocumentedSite site = DocumentedSites.All.Single(s => s.Number == number);
        List<string> block = TextBlock(audit.Text, site);
        Assert.Matches($@"^{Regex.Escape(site.FileAndLine)}\s+{site.Method}\s+{site.Callee}\s+proved$", block[0]);
        if (!site.Chain.IsEmpty)
        {
            Assert.StartsWith($"  flushed by {site.Chain[0]} at :", block[1]);
            for (int i = 1; i < site.Chain.Length; i++)
            {
                Assert.StartsWith($"    -> {site.Chain[i]} at ", block[1 + i]);
            }

            Assert.EndsWith(": the constant true", block[site.Chain.Length]);
        }
        else
        {
            Assert.StartsWith($"  covered by {site.Contract} on {site.Method} (:", block[1]);
            Assert.Equal(
                site.DischargedBy.Select(m => $"discharged by {m} at"),
                block.Skip(2).Select(l => Regex.Match(l, @"^    (discharged by \S+ at)").Groups[1].Value));
            Assert.All(block.Skip(2), l => Assert.EndsWith("(proved)", l));
        }
    }

    [Theory]
    [MemberData(nameof(SiteNumbers))]
    public void JsonGivesTheSiteItsVerdictAndJustification(int number)
    {
        DocumentedSite site = DocumentedSites.All.Single(s => s.Number == number);
        JsonElement json = ReportJson.Site(audit.Json, site.File, site.Line, site.Callee);
        Assert.Equal("proved", json.GetProperty("verdict").GetString());
        Assert.Equal("TLB001", json.GetProperty("rule").GetString());
        Assert.Equal(site.Method, json.GetProperty("method").GetString());
        if (!site.Chain.IsEmpty)
        {
            JsonElement flush = Assert.Single(ReportJson.Justifications(json, "flush"));
            Assert.Equal(site.Chain, ReportJson.Calls(flush));
            JsonElement primitive = flush.GetProperty("chain").EnumerateArray().Last();
            Assert.Equal("FlushTlbMmRange", primitive.GetProperty("target").GetString());
            Assert.Equal("the constant true", primitive.GetProperty("how").GetString());
            Assert.Equal("sample-kernel/Arch/X86/Include/Asm/Tlbflush.cs", primitive.GetProperty("file").GetString());
        }
        else
        {
            JsonElement contract = Assert.Single(ReportJson.Justifications(json, "callers-contract"));
            Assert.Equal(site.Contract, contract.GetProperty("contract").GetString());
            Assert.Equal(site.Method, contract.GetProperty("owner").GetString());
            List<JsonElement> discharges = contract.GetProperty("discharges").EnumerateArray().ToList();
            Assert.Equal(site.DischargedBy, discharges.Select(d => d.GetProperty("method").GetString()));
            Assert.All(discharges, d => Assert.Equal("proved", d.GetProperty("verdict").GetString()));
        }
    }

    [Theory]
    [MemberData(nameof(SiteNumbers))]
    public void MarkdownListsTheSiteAndExplainsIt(int number)
    {
        DocumentedSite site = DocumentedSites.All.Single(s => s.Number == number);
        Assert.Contains($"| [`{site.FileAndLine}`](#site-", audit.Markdown);
        // Proved sites are folded: the heading is the <details> summary.
        string section = audit.Markdown.Split("\n<details><summary>").Single(s => s.StartsWith($"{site.FileAndLine} {site.Method} (", StringComparison.Ordinal));
        Assert.Matches($@"^\S+ {site.Method} \(\w+\) → {site.Callee} \(\w+\): ✅ proved</summary>", section);
        string plain = section.Replace("\\[", "[").Replace("\\_", "_").Replace("\\*", "*");
        if (!site.Chain.IsEmpty)
        {
            Assert.Contains($"\n- flushed by {site.Chain[0]} at :", plain);
            Assert.All(site.Chain.Skip(1), call => Assert.Contains($"\n  - -> {call} at ", plain));
        }
        else
        {
            Assert.Contains($"\n- covered by {site.Contract} on {site.Method}", plain);
            Assert.All(site.DischargedBy, caller => Assert.Contains($"\n  - discharged by {caller} at ", plain));
        }
    }

    [Theory]
    [MemberData(nameof(SiteNumbers))]
    public void SarifCarriesTheJustificationAsACodeFlow(int number)
    {
        DocumentedSite site = DocumentedSites.All.Single(s => s.Number == number);
        JsonElement result = Assert.Single(SarifResults(), r =>
        {
            JsonElement physical = r.GetProperty("locations")[0].GetProperty("physicalLocation");
            return physical.GetProperty("artifactLocation").GetProperty("uri").GetString() == site.File &&
                physical.GetProperty("region").GetProperty("startLine").GetInt32() == site.Line &&
                r.GetProperty("properties").GetProperty("callee").GetString() == site.Callee;
        });
        Assert.Equal("TLB001", result.GetProperty("ruleId").GetString());
        Assert.Equal("pass", result.GetProperty("kind").GetString());
        Assert.Equal("none", result.GetProperty("level").GetString());
        JsonElement flow = Assert.Single(result.GetProperty("codeFlows").EnumerateArray());
        List<string> steps = flow.GetProperty("threadFlows")[0].GetProperty("locations").EnumerateArray()
            .Select(l => l.GetProperty("location").GetProperty("message").GetProperty("text").GetString()!)
            .ToList();
        if (!site.Chain.IsEmpty)
        {
            Assert.Equal(site.Chain.Length + 1, steps.Count);
            for (int i = 0; i < site.Chain.Length; i++)
            {
                Assert.StartsWith(site.Chain[i], steps[i]);
            }

            Assert.Equal($"'{site.Callee}' is reached flushed", steps[^1]);
        }
        else
        {
            Assert.Equal($"{site.Contract} on {site.Method}", steps[0]);
            Assert.Equal(site.DischargedBy.Select(m => $"discharged by {m} (proved)"), steps.Skip(1));
        }
    }

    [Fact]
    public void TheTableFreeFallbackIsProvedByTheGathersOwnFlush()
    {
        // Sites 3 and 6 do not compile on x86 (PT_RECLAIM), but the contract chain in front of them is checked:
        // TlbRemoveTable's call of TlbRemoveTableOne follows its tlb_table_invalidate() flush.
        DocumentedSite site = DocumentedSites.GatherFallback;
        JsonElement removeTable = ReportJson.Site(audit.Json, site.File, site.Line, site.Callee);
        JsonElement flush = Assert.Single(ReportJson.Justifications(removeTable, "flush"));
        Assert.Equal(DocumentedSites.GatherFallbackChain, ReportJson.Calls(flush));
        Assert.Equal(
            "'wakeLazyCpus' is true in every state that reaches this call",
            flush.GetProperty("chain").EnumerateArray().Last().GetProperty("how").GetString());
    }

    [Fact]
    public void SiteTwoIsDischargedByEachOfItsSixHugetlbAndRmapCallers()
    {
        DocumentedSite site = DocumentedSites.All.Single(s => s.Number == 2);
        JsonElement discharge = ReportJson.Justifications(ReportJson.Site(audit.Json, site.File, site.Line, site.Callee), "callers-contract")[0]
            .GetProperty("discharges")[0];
        JsonElement unshareFlush = ReportJson.Site(audit.Json, discharge.GetProperty("file").GetString()!, discharge.GetProperty("line").GetInt32(), "TlbFlushUnsharedTables");
        JsonElement contract = Assert.Single(ReportJson.Justifications(unshareFlush, "callers-contract"));
        Assert.Equal(
            ["UnmapHugepageRangeLocked", "MoveHugetlbPageTables", "HugetlbUnsharePmds", "HugetlbChangeProtection", "TryToUnmapOne", "TryToMigrateOne"],
            contract.GetProperty("discharges").EnumerateArray().Select(d => d.GetProperty("method").GetString()));
    }

    [Fact]
    public void EveryFormatListsTheSameSites()
    {
        List<string> fromJson = ReportJson.Sites(audit.Json).Select(s => $"{s.GetProperty("file").GetString()}:{s.GetProperty("line").GetInt32()}").ToList();
        List<string> fromSarif = SarifResults().Select(r => r.GetProperty("locations")[0].GetProperty("physicalLocation")).Select(p =>
            $"{p.GetProperty("artifactLocation").GetProperty("uri").GetString()}:{p.GetProperty("region").GetProperty("startLine").GetInt32()}").ToList();
        List<string> fromText = Regex.Matches(audit.Text, @"^(\S+\.cs:\d+)\s", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();
        List<string> fromMarkdown = Regex.Matches(audit.Markdown, @"^\| \[`(\S+?)`\]", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();

        Assert.Equal(fromJson, fromSarif);
        Assert.Equal(fromJson, fromText);
        Assert.Equal(fromJson, fromMarkdown);
        Assert.All(DocumentedSites.All, site => Assert.Contains(site.FileAndLine, fromJson));
    }

    [Fact]
    public void JsonAndSarifAreSortedStableAndFreeOfMachinePaths()
    {
        Assert.Equal(audit.Json, audit.JsonAgain);
        Assert.Equal(audit.Sarif, audit.Render(ReportFormat.Sarif));
        foreach (string output in new[] { audit.Json, audit.Sarif, audit.Markdown, audit.Text })
        {
            Assert.DoesNotContain(RepositoryRoot.Path, output);
            Assert.DoesNotContain("Time", output, StringComparison.OrdinalIgnoreCase);
        }

        var places = ReportJson.Sites(audit.Json)
            .Select(s => (File: s.GetProperty("file").GetString()!, Line: s.GetProperty("line").GetInt32(), Column: s.GetProperty("column").GetInt32()))
            .ToList();
        var sorted = places.OrderBy(p => p.File, StringComparer.Ordinal).ThenBy(p => p.Line).ThenBy(p => p.Column).ToList();
        Assert.Equal(sorted, places);

        JsonElement summary = JsonDocument.Parse(audit.Json).RootElement.GetProperty("summary");
        Assert.Equal(places.Count, summary.GetProperty("sites").GetInt32());
        Assert.Equal(places.Count - 1, summary.GetProperty("proved").GetInt32());
    }

    [Fact]
    public void SarifIsVersion210WithTheRulesAndTheirPages()
    {
        JsonElement root = JsonDocument.Parse(audit.Sarif).RootElement;
        Assert.Equal("2.1.0", root.GetProperty("version").GetString());
        Assert.Equal("https://json.schemastore.org/sarif-2.1.0.json", root.GetProperty("$schema").GetString());
        JsonElement run = Assert.Single(root.GetProperty("runs").EnumerateArray());
        JsonElement driver = run.GetProperty("tool").GetProperty("driver");
        Assert.Equal("tlb-audit", driver.GetProperty("name").GetString());
        List<JsonElement> rules = driver.GetProperty("rules").EnumerateArray().ToList();
        Assert.Equal(["TLB001", "TLB002", "TLB005"], rules.Select(r => r.GetProperty("id").GetString()));
        Assert.All(rules, r => Assert.Equal(
            $"https://github.com/kernelmodel/KernelModel.Analyzers/blob/main/docs/rules/{r.GetProperty("id").GetString()}.md",
            r.GetProperty("helpUri").GetString()));
        Assert.All(SarifResults(), r =>
        {
            Assert.Equal(r.GetProperty("ruleId").GetString(), rules[r.GetProperty("ruleIndex").GetInt32()].GetProperty("id").GetString());
            Assert.Equal("SRCROOT", r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uriBaseId").GetString());
            Assert.NotEmpty(r.GetProperty("codeFlows").EnumerateArray());
        });
    }

    [Fact]
    public void TheMutantThatCarriesAPragmaIsSuppressedNotAViolation()
    {
        JsonElement mutant = Assert.Single(ReportJson.Sites(audit.Json), s => s.GetProperty("verdict").GetString() != "proved");
        Assert.Equal("sample-kernel/Model/Scenarios/Mutants.cs", mutant.GetProperty("file").GetString());
        Assert.Equal("suppressed", mutant.GetProperty("verdict").GetString());
        JsonElement verdict = ReportJson.Verdict(mutant);
        Assert.Equal(
            "#pragma warning disable TLB001: deliberately unflushed: this mutant exists to show the hazard TLB001 reports",
            verdict.GetProperty("suppression").GetString());
        // The mutant clears the PMD with PmdPointer.Set, which the model's PAE reader check makes a real call.
        Assert.StartsWith("'Set' at line", verdict.GetProperty("witness").GetProperty("message").GetString());

        // SARIF carries the author's own reason, the comment on the #pragma line.
        JsonElement result = Assert.Single(SarifResults(), r => r.GetProperty("kind").GetString() == "fail");
        JsonElement suppression = result.GetProperty("suppressions")[0];
        Assert.Equal("inSource", suppression.GetProperty("kind").GetString());
        Assert.EndsWith("deliberately unflushed: this mutant exists to show the hazard TLB001 reports", suppression.GetProperty("justification").GetString());
    }

    [Fact]
    public void TextIsAlignedAndColouredOnlyWhenAsked()
    {
        List<string> headers = audit.Text.Split('\n').Where(l => Regex.IsMatch(l, @"^\S+\.cs:\d+\s")).ToList();
        Assert.Single(headers.Select(l => Regex.Match(l, @"^\S+\s+").Length).Distinct());
        Assert.DoesNotContain('\u001b', audit.Text);
        Assert.Contains("\u001b[32mproved\u001b[0m", audit.Render(ReportFormat.Text, colour: true));
    }

    [Fact]
    public void TextPastesIntoAMailWithinAHundredColumns()
    {
        foreach (string text in new[] { audit.Text, audit.Render(ReportFormat.Text, names: NameStyle.Kernel) })
        {
            Assert.All(text.Split('\n'), line => Assert.True(line.Length <= 100, $"{line.Length} columns: {line}"));
            Assert.DoesNotContain("non-qualifying-flush", text);
        }
    }

    [Fact]
    public void ChainsReadInTheKernelsOwnNames()
    {
        // As the review that started the project wrote it by hand.
        string kernel = "pmdp_collapse_flush(vma, address, pmd) -> flush_tlb_range(vma, address, address + HpagePmdSize) -> " +
            "flush_tlb_mm_range(..., wakeLazyCpus: true)";
        List<string> both = TextBlock(audit.Text, DocumentedSites.All.Single(s => s.Number == 1));
        Assert.Contains("    in kernel terms: " + kernel, both);

        string text = audit.Render(ReportFormat.Text, names: NameStyle.Kernel);
        Assert.Matches(@"\n\S+Khugepaged\.cs:\d+\s+collapse_huge_page\s+tlb_remove_table_sync_one\s+proved\n  flushed by pmdp_collapse_flush\(vma, address, pmd\) at :\d+\n", text);
        Assert.DoesNotContain("PmdpCollapseFlush", text);

        JsonElement site = ReportJson.Site(audit.Json, "sample-kernel/Mm/Khugepaged.cs", DocumentedSites.All.Single(s => s.Number == 1).Line, "TlbRemoveTableSyncOne");
        Assert.Equal("collapse_huge_page", site.GetProperty("methodKernel").GetProperty("function").GetString());
        Assert.Equal("mm/khugepaged.c", site.GetProperty("methodKernel").GetProperty("file").GetString());
        Assert.Equal(kernel, Assert.Single(ReportJson.Justifications(site, "flush")).GetProperty("kernelChain").GetString());
        Assert.DoesNotContain("pmdp_collapse_flush", audit.Render(ReportFormat.Text, names: NameStyle.CSharp));
    }

    [Fact]
    public void MarkdownDrawsEachProofAsAMermaidGraphAndLinksTheSource()
    {
        DocumentedSite site = DocumentedSites.All.Single(s => s.Number == 1);
        string section = audit.Markdown.Split("\n<details><summary>").Single(s => s.StartsWith(site.FileAndLine + " ", StringComparison.Ordinal));
        Assert.Contains($"\n[{site.FileAndLine}]({site.File}#L{site.Line})\n", section);
        string graph = Regex.Match(section, "```mermaid\n(.*?)```", RegexOptions.Singleline).Groups[1].Value;
        Assert.StartsWith("flowchart TD\n", graph);
        Assert.Contains("n0[\"PmdpCollapseFlush(vma!, address, pmd)<br/>", graph);
        Assert.Contains("n0 -->|calls| n1", graph);
        Assert.Contains("n0 -->|flushes before| n3", graph);
        Assert.Contains("n3[\"CollapseHugePage (collapse_huge_page): TlbRemoveTableSyncOne (tlb_remove_table_sync_one)", graph);
        Assert.EndsWith("\n</details>\n", section.Split("\n<a id=")[0]);

        // The one site not proved is not folded away.
        Assert.Contains("\n### `sample-kernel/Model/Scenarios/Mutants.cs:", audit.Markdown);
    }

    [Fact]
    public void JsonCarriesItsSchemaVersion()
    {
        Assert.Equal(2, JsonDocument.Parse(audit.Json).RootElement.GetProperty("schemaVersion").GetInt32());
    }

    private List<JsonElement> SarifResults() =>
        JsonDocument.Parse(audit.Sarif).RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();

    /// <summary>
    /// The site's header line in the text report and the indented lines under it, each wrapped line joined again
    /// (a continuation is indented deeper than any step: 6 spaces or more).
    /// </summary>
    private static List<string> TextBlock(string text, DocumentedSite site)
    {
        List<string> lines = text.Split('\n').ToList();
        int start = lines.FindIndex(l => l.StartsWith(site.FileAndLine + " ", StringComparison.Ordinal) && l.Contains($" {site.Callee} ", StringComparison.Ordinal));
        Assert.True(start >= 0, $"no header line for {site}");
        var block = new List<string> { lines[start] };
        foreach (string line in lines.Skip(start + 1).TakeWhile(l => l.StartsWith(' ')))
        {
            if (line.StartsWith("      ", StringComparison.Ordinal))
            {
                block[^1] += " " + line.TrimStart();
            }
            else
            {
                block.Add(line);
            }
        }

        return block;
    }
}
