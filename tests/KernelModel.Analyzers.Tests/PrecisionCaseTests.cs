using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace KernelModel.Analyzers.Tests;

/// <summary>
/// The shapes of SPEC §4–§5 "Precision (version 2)" and "The sync methods' own contract", by example: each file in
/// Precision/ is compiled alone with the conformance kernel model (Cases/Api.cs) and must carry exactly the
/// diagnostics its <c>// expect:</c> comments name. Every family has its silent twin in the same file, so a file passes
/// only when the engine both reports the unsafe shape and accepts the safe one. A line <c>// option: key = value</c>
/// sets an analyzer option for that file's project. A folder in Precision/ is one case of several files compiled
/// together, each carrying its own expectations. Every diagnostic must be reported once.
/// </summary>
public class PrecisionCaseTests
{
    private const string OptionPrefix = "// option:";

    public static IEnumerable<object[]> CaseFiles =>
        Directory.GetFiles(Folder, "*.cs").Concat(Directory.GetDirectories(Folder))
            .Select(Path.GetFileName).Order(StringComparer.Ordinal).Select(name => new object[] { name! });

    private static string Folder => Path.Combine(AppContext.BaseDirectory, "Precision");

    [Theory]
    [MemberData(nameof(CaseFiles))]
    public async Task Case_carries_exactly_the_diagnostics_its_expect_comments_name(string caseFile)
    {
        // A folder is one case of several files compiled together (a partial type split over files, say).
        string path = Path.Combine(Folder, caseFile);
        (string Path, string Text)[] files = Directory.Exists(path)
            ? Directory.GetFiles(path, "*.cs").Order(StringComparer.Ordinal).Select(f => ($"{caseFile}/{Path.GetFileName(f)}", File.ReadAllText(f))).ToArray()
            : [(caseFile, File.ReadAllText(path))];
        AnalysisSettings settings = AnalysisSettings.Default;
        foreach (string line in files.SelectMany(f => f.Text.Split('\n')).Select(l => l.Trim()).Where(l => l.StartsWith(OptionPrefix, StringComparison.Ordinal)))
        {
            string[] parts = line.Substring(OptionPrefix.Length).Split('=', 2);
            settings = settings.WithOption(parts[0].Trim(), parts[1].Trim());
        }

        AnalysisOutcome outcome = await AnalysisRunner.RunAsync(
            [(ConformanceCases.ApiFile, ConformanceCases.Text(ConformanceCases.ApiFile)), .. files],
            settings);
        foreach ((string file, string text) in files)
        {
            FileDiagnostics.AssertExactly(outcome, file, ExpectComments.Parse(text));
        }

        // Each call is reported once: an initializer's call is not reported again with the constructor that runs it.
        IGrouping<(string?, Microsoft.CodeAnalysis.Text.TextSpan, string), Microsoft.CodeAnalysis.Diagnostic>[] repeated = outcome.RuleDiagnostics
            .GroupBy(d => (d.Location.SourceTree?.FilePath, d.Location.SourceSpan, d.Id))
            .Where(g => g.Count() > 1)
            .ToArray();
        Assert.True(repeated.Length == 0, $"reported more than once:{Environment.NewLine}{DiagnosticListing.Describe([.. repeated.Select(g => g.First())])}");
    }
}
