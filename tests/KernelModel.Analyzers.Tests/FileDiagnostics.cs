using System;
using System.Collections.Immutable;
using System.Linq;

namespace KernelModel.Analyzers.Tests;

/// <summary>What a test of one source file asserts about the analyzers' run over it.</summary>
public static class FileDiagnostics
{
    /// <summary>
    /// The run compiled and did not throw, and the rule diagnostics in <paramref name="path"/> are exactly
    /// <paramref name="expected"/> (line and id), with the whole listing in the failure message.
    /// </summary>
    /// <param name="outcome">The analyzers' run.</param>
    /// <param name="path">The file's path in the compilation.</param>
    /// <param name="expected">The diagnostics it must have.</param>
    public static void AssertExactly(AnalysisOutcome outcome, string path, ImmutableHashSet<ExpectedDiagnostic> expected)
    {
        Assert.False(outcome.AnalyzerFailed, outcome.DescribeAnalyzerFailures());
        Assert.Empty(outcome.CompilerErrors);
        ImmutableHashSet<ExpectedDiagnostic> reported = outcome.RuleDiagnostics
            .Where(d => d.Location.SourceTree?.FilePath == path)
            .Select(d => new ExpectedDiagnostic(DiagnosticListing.Line(d), d.Id))
            .ToImmutableHashSet();
        Assert.True(
            expected.SetEquals(reported),
            $"expected {string.Join(", ", expected.Order())}; reported:{Environment.NewLine}{DiagnosticListing.Describe(outcome.RuleDiagnostics)}");
    }
}
