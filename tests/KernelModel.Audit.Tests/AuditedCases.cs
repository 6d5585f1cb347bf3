using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using KernelModel.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KernelModel.Audit.Tests;

/// <summary>
/// Case files of the analyzer's tests compiled once, audited by tlb-audit and analysed by <see cref="TableFlushAnalyzer"/>,
/// so that a test can hold the two tools' verdicts on the same sites side by side.
/// </summary>
/// <param name="Trees">The compiled files.</param>
/// <param name="Sites">What the audit lists.</param>
/// <param name="Diagnostics">What the analyzer reports.</param>
internal sealed record AuditedCases(ImmutableArray<SyntaxTree> Trees, ImmutableArray<AuditSite> Sites, ImmutableArray<Diagnostic> Diagnostics)
{
    /// <summary>Compiles <paramref name="files"/> against the runtime's System assemblies, audits and analyses them.</summary>
    /// <param name="name">The assembly name.</param>
    /// <param name="files">The source files.</param>
    /// <param name="root">The folder the audit names files relative to.</param>
    /// <param name="generateContracts">Whether to add the contract attributes as the package's generator does.</param>
    /// <returns>The compiled, audited and analysed cases.</returns>
    public static async Task<AuditedCases> RunAsync(string name, IEnumerable<string> files, string root, bool generateContracts)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        ImmutableArray<SyntaxTree> trees = files.Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), parse, f)).ToImmutableArray();
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
            .Select(p => MetadataReference.CreateFromFile(p));
        Compilation compilation = CSharpCompilation.Create(name, trees, references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        if (generateContracts)
        {
            CSharpGeneratorDriver.Create(new ContractAttributesGenerator()).RunGeneratorsAndUpdateCompilation(compilation, out compilation, out _);
        }

        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var options = new AnalyzerOptions([]);
        ImmutableArray<AuditSite> sites = await Auditor.AuditAsync(name, compilation, options, new SpotMap(root), _ => { }, CancellationToken.None);
        ImmutableArray<Diagnostic> diagnostics = await compilation
            .WithAnalyzers([new TableFlushAnalyzer()], options)
            .GetAnalyzerDiagnosticsAsync(CancellationToken.None);
        return new AuditedCases(trees, sites, diagnostics);
    }

    /// <summary>The analyzer's unsuppressed diagnostics of <paramref name="rules"/>, as "TLB001 File.cs:12", sorted.</summary>
    /// <param name="rules">The rule ids.</param>
    /// <returns>The diagnostics.</returns>
    public List<string> Reported(params string[] rules) => Diagnostics
        .Where(d => rules.Contains(d.Id) && !d.IsSuppressed)
        .Select(d => $"{d.Id} {Path.GetFileName(d.Location.SourceTree!.FilePath)}:{d.Location.GetLineSpan().StartLinePosition.Line + 1}")
        .Order(StringComparer.Ordinal)
        .ToList();

    /// <summary>The sites the audit calls violations, in the same form, sorted.</summary>
    /// <returns>The violations.</returns>
    public List<string> Violations() =>
        Sites.Where(s => s.IsViolation).Select(s => $"{s.Rule} {Path.GetFileName(s.At.FileAndLine)}").Order(StringComparer.Ordinal).ToList();
}
