using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using KernelModel.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

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
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        ImmutableArray<SyntaxTree> trees = Directory.GetFiles(folder, "*.cs")
            .OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), parse, f))
            .ToImmutableArray();
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
            .Select(p => MetadataReference.CreateFromFile(p));
        Compilation compilation = CSharpCompilation.Create("Cases", trees, references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        CSharpGeneratorDriver.Create(new ContractAttributesGenerator()).RunGeneratorsAndUpdateCompilation(compilation, out compilation, out _);
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var options = new AnalyzerOptions([]);

        ImmutableArray<AuditSite> sites = await Auditor.AuditAsync("Cases", compilation, options, new SpotMap(folder), _ => { }, CancellationToken.None);
        ImmutableArray<Diagnostic> diagnostics = await compilation
            .WithAnalyzers([new TableFlushAnalyzer()], options)
            .GetAnalyzerDiagnosticsAsync(CancellationToken.None);

        var reported = diagnostics
            .Where(d => _flowRules.Contains(d.Id) && !d.IsSuppressed)
            .Select(d => $"{d.Id} {Path.GetFileName(d.Location.SourceTree!.FilePath)}:{d.Location.GetLineSpan().StartLinePosition.Line + 1}")
            .Order(StringComparer.Ordinal)
            .ToList();
        var violations = sites.Where(s => s.IsViolation).Select(s => $"{s.Rule} {s.At.FileAndLine}").Order(StringComparer.Ordinal).ToList();
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
