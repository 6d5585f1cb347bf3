using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;

namespace KernelModel.Audit.Tests;

/// <summary>
/// The tool and the analyzer read the same verdicts: on the conformance corpus (every rule's cases, lambdas, local
/// functions, Ensures contracts, unknown callees, recursion), the sites the audit calls violations are exactly the
/// TLB001/TLB002/TLB005 diagnostics the analyzer reports, and each <c>// expect:</c> comment of those rules names one.
/// </summary>
public sealed class EngineAgreementTests
{
    private static readonly string[] _flowRules = ["TLB001", "TLB002", "TLB005"];

    [Fact]
    public async Task ViolationsAreExactlyTheAnalyzersDiagnosticsOnTheConformanceCases()
    {
        string folder = RepositoryRoot.Combine("tests/KernelModel.Analyzers.Tests/Cases");
        AuditedCases cases = await AuditedCases.RunAsync(
            "Cases", Directory.GetFiles(folder, "*.cs").OrderBy(f => f, StringComparer.Ordinal), folder, generateContracts: true);
        ImmutableArray<SyntaxTree> trees = cases.Trees;
        ImmutableArray<AuditSite> sites = cases.Sites;
        List<string> reported = cases.Reported(_flowRules);
        List<string> violations = cases.Violations();
        var expected = trees
            .SelectMany(t => t.GetText().Lines.Select(l => (Tree: t, Line: l)))
            .SelectMany(x => Regex.Matches(x.Line.ToString(), @"TLB00[125]").Where(_ => x.Line.ToString().Contains("// expect:", StringComparison.Ordinal))
                .Select(m => $"{m.Value} {Path.GetFileName(x.Tree.FilePath)}:{x.Line.LineNumber + 1}"))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.NotEmpty(expected);
        Assert.Equal(reported, violations);
        Assert.Equal(expected, violations);
        Assert.Contains(sites, s => s.Proved && s.Justifications.OfType<FlushChain>().Any());
        Assert.Contains(sites, s => s.Proved && s.Justifications.OfType<CallersContract>().Any());
        Assert.Contains(sites, s => s.Kind == SiteKind.Ensures && s.Proved);
        Assert.Contains(sites, s => s.Method.StartsWith("lambda in ", StringComparison.Ordinal));
    }
}
