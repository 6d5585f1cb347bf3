using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;

namespace KernelModel.Analyzers.Tests;

/// <summary>
/// Each conformance case must carry exactly the diagnostics its <c>// expect:</c> comments name, line by line,
/// and the case project must otherwise compile cleanly (Cases/README.md).
/// </summary>
public class ConformanceCaseTests
{
    /// <summary>
    /// The rules the package's analyzers declare. Every id the cases name is one of them; comparing only declared
    /// ids keeps a diagnostic of some other analyzer (a compiler warning is checked separately) out of the
    /// comparison.
    /// </summary>
    private static readonly ImmutableHashSet<string> _implementedRules =
        ProductAnalyzers.Descriptors.Select(descriptor => descriptor.Id).ToImmutableHashSet();

    public static IEnumerable<object[]> CaseFiles => ConformanceCases.CaseFileNames;

    [Theory]
    [MemberData(nameof(CaseFiles))]
    public async Task Case_carries_exactly_the_diagnostics_its_expect_comments_name(string caseFile)
    {
        AnalysisOutcome outcome = await ConformanceCases.Outcome;
        AssertCompilesAndAnalyzes(outcome);
        AssertExactlyExpected(outcome, caseFile);
    }

    [Fact]
    public async Task Kernel_model_of_the_cases_is_silent()
    {
        AnalysisOutcome outcome = await ConformanceCases.Outcome;
        AssertCompilesAndAnalyzes(outcome);
        AssertExactlyExpected(outcome, ConformanceCases.ApiFile);
    }

    [Fact]
    public async Task Case_project_compiles_without_any_warning_or_error()
    {
        AnalysisOutcome outcome = await ConformanceCases.Outcome;
        Diagnostic[] problems = outcome.CompilerWarningsAndErrors.ToArray();
        Assert.True(
            problems.Length == 0,
            $"The case project must compile without compiler warnings or errors:{Environment.NewLine}{DiagnosticListing.Describe(problems)}");
    }

    [Fact]
    public async Task Analyzer_throws_no_exception_on_the_cases()
    {
        AnalysisOutcome outcome = await ConformanceCases.Outcome;
        Assert.False(outcome.AnalyzerFailed, outcome.DescribeAnalyzerFailures());
    }

    private static void AssertCompilesAndAnalyzes(AnalysisOutcome outcome)
    {
        Assert.False(outcome.AnalyzerFailed, $"The analyzer threw:{Environment.NewLine}{outcome.DescribeAnalyzerFailures()}");
        Assert.True(
            !outcome.CompilerErrors.Any(),
            $"The case project does not compile, so its diagnostics mean nothing:{Environment.NewLine}{DiagnosticListing.Describe(outcome.CompilerErrors)}");
    }

    private static void AssertExactlyExpected(AnalysisOutcome outcome, string file)
    {
        string[] lines = ConformanceCases.Text(file).Split('\n');
        ImmutableHashSet<ExpectedDiagnostic> expected = ExpectComments.Parse(ConformanceCases.Text(file))
            .Where(pair => _implementedRules.Contains(pair.Id))
            .ToImmutableHashSet();
        ILookup<ExpectedDiagnostic, Diagnostic> actual = outcome.RuleDiagnostics
            .Where(diagnostic => diagnostic.Location.SourceTree?.FilePath == file && _implementedRules.Contains(diagnostic.Id))
            .ToLookup(diagnostic => new ExpectedDiagnostic(DiagnosticListing.Line(diagnostic), diagnostic.Id));

        ExpectedDiagnostic[] missing = expected.Where(pair => !actual.Contains(pair)).Order().ToArray();
        ExpectedDiagnostic[] unexpected = actual.Select(group => group.Key).Where(pair => !expected.Contains(pair)).Order().ToArray();
        if (missing.Length == 0 && unexpected.Length == 0)
        {
            return;
        }

        var message = new StringBuilder($"{file}: {missing.Length} missing and {unexpected.Length} unexpected (line, id) pairs.");
        foreach (ExpectedDiagnostic pair in missing)
        {
            message.Append($"{Environment.NewLine}  missing    {pair}: {lines[pair.Line - 1].Trim()}");
        }

        foreach (ExpectedDiagnostic pair in unexpected)
        {
            foreach (Diagnostic diagnostic in actual[pair])
            {
                message.Append($"{Environment.NewLine}  unexpected {pair}: {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}");
            }
        }

        message.Append($"{Environment.NewLine}Every rule diagnostic in {file}:{Environment.NewLine}");
        message.Append(DiagnosticListing.Describe(outcome.RuleDiagnostics.Where(diagnostic => diagnostic.Location.SourceTree?.FilePath == file)));
        Assert.Fail(message.ToString());
    }
}
