using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace KernelModel.Analyzers.Tests;

/// <summary>
/// The shapes of SPEC §4–§5 "Precision (version 2)" and "The sync methods' own contract", by example: each file in
/// Precision/ is compiled alone with the conformance kernel model (Cases/Api.cs) and must carry exactly the
/// diagnostics its <c>// expect:</c> comments name. Every family has its silent twin in the same file, so a file passes
/// only when the engine both reports the unsafe shape and accepts the safe one. A line <c>// option: key = value</c>
/// sets an analyzer option for that file's project.
/// </summary>
public class PrecisionCaseTests
{
    private const string OptionPrefix = "// option:";

    public static IEnumerable<object[]> CaseFiles =>
        Directory.GetFiles(Folder, "*.cs").Select(Path.GetFileName).Order(StringComparer.Ordinal).Select(name => new object[] { name! });

    private static string Folder => Path.Combine(AppContext.BaseDirectory, "Precision");

    [Theory]
    [MemberData(nameof(CaseFiles))]
    public async Task Case_carries_exactly_the_diagnostics_its_expect_comments_name(string caseFile)
    {
        string text = File.ReadAllText(Path.Combine(Folder, caseFile));
        AnalysisSettings settings = AnalysisSettings.Default;
        foreach (string line in text.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith(OptionPrefix, StringComparison.Ordinal)))
        {
            string[] parts = line.Substring(OptionPrefix.Length).Split('=', 2);
            settings = settings.WithOption(parts[0].Trim(), parts[1].Trim());
        }

        AnalysisOutcome outcome = await AnalysisRunner.RunAsync(
            [(ConformanceCases.ApiFile, ConformanceCases.Text(ConformanceCases.ApiFile)), (caseFile, text)],
            settings);
        ImmutableHashSet<ExpectedDiagnostic> expected = ExpectComments.Parse(text);
        FileDiagnostics.AssertExactly(outcome, caseFile, expected);
    }
}
