using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace KernelModel.Analyzers.Tests;

/// <summary>
/// What one build of a test project produced: the compilation after the contract generator ran, the compiler's
/// and the generator's diagnostics, the analyzer's diagnostics, and every exception the analyzer let escape.
/// Keeping exceptions apart from diagnostics lets a test tell "the rule did not fire" from "the analyzer crashed".
/// </summary>
/// <param name="Compilation">The compilation including generated sources.</param>
/// <param name="CompilerDiagnostics">Compiler and generator diagnostics, pragma suppressions applied.</param>
/// <param name="AnalyzerDiagnostics">What the analyzer reported, pragma suppressions applied.</param>
/// <param name="AnalyzerExceptions">Exceptions reported through <c>onAnalyzerException</c>.</param>
public sealed record AnalysisOutcome(
    Compilation Compilation,
    ImmutableArray<Diagnostic> CompilerDiagnostics,
    ImmutableArray<Diagnostic> AnalyzerDiagnostics,
    ImmutableArray<Exception> AnalyzerExceptions)
{
    /// <summary>The prefix of every rule this product reports.</summary>
    public const string RulePrefix = "TLB";

    /// <summary>Compiler errors, which mean the test input itself is broken.</summary>
    public IEnumerable<Diagnostic> CompilerErrors => CompilerDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error);

    /// <summary>Compiler warnings and errors, which a warning-free project must not have.</summary>
    public IEnumerable<Diagnostic> CompilerWarningsAndErrors =>
        CompilerDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning && !d.IsSuppressed);

    /// <summary>The product's own diagnostics (TLB000–TLB006).</summary>
    public IEnumerable<Diagnostic> RuleDiagnostics =>
        AnalyzerDiagnostics.Where(d => d.Id.StartsWith(RulePrefix, StringComparison.Ordinal));

    /// <summary>AD0001/AD0002: how Roslyn reports an analyzer that threw.</summary>
    public IEnumerable<Diagnostic> AnalyzerExceptionDiagnostics =>
        AnalyzerDiagnostics.Where(d => d.Id is "AD0001" or "AD0002");

    /// <summary>Whether the analyzer threw in any way Roslyn can report.</summary>
    public bool AnalyzerFailed => !AnalyzerExceptions.IsEmpty || AnalyzerExceptionDiagnostics.Any();

    /// <summary>Every analyzer exception, in full, for a failure message.</summary>
    /// <returns>One block per exception or AD0001 diagnostic.</returns>
    public string DescribeAnalyzerFailures() =>
        string.Join(
            Environment.NewLine,
            AnalyzerExceptions.Select(e => e.ToString()).Concat(AnalyzerExceptionDiagnostics.Select(DiagnosticListing.Describe)));
}
