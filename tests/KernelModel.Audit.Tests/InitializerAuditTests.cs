using System;
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
/// SPEC §5: guarded calls in field and property initializers are sites the audit lists, with the analyzer's verdicts:
/// on the analyzer's initializer cases (Precision/P18, P19 and the partial type split over two files of P23), the
/// sites the audit calls violations are exactly the TLB001/TLB002 diagnostics the analyzer reports, and the proved
/// initializer sites are listed too.
/// </summary>
public sealed class InitializerAuditTests
{
    private static readonly string[] _flowRules = ["TLB001", "TLB002"];

    [Fact]
    public async Task InitializerSitesAreListedWithTheAnalyzersVerdicts()
    {
        string tests = RepositoryRoot.Combine("tests/KernelModel.Analyzers.Tests");
        string[] files =
        [
            Path.Combine(tests, "Cases/Api.cs"),
            Path.Combine(tests, "Precision/P18_InitializerGuardedCalls.cs"),
            Path.Combine(tests, "Precision/P19_InitializerConstructors.cs"),
            Path.Combine(tests, "Precision/P23_PartialTypeInitializers/A.cs"),
            Path.Combine(tests, "Precision/P23_PartialTypeInitializers/B.cs"),
        ];
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        ImmutableArray<SyntaxTree> trees = files.Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), parse, f)).ToImmutableArray();
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
            .Select(p => MetadataReference.CreateFromFile(p));
        Compilation compilation = CSharpCompilation.Create("Initializers", trees, references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var options = new AnalyzerOptions([]);

        ImmutableArray<AuditSite> sites = await Auditor.AuditAsync("Initializers", compilation, options, new SpotMap(tests), _ => { }, CancellationToken.None);
        ImmutableArray<Diagnostic> diagnostics = await compilation
            .WithAnalyzers([new TableFlushAnalyzer()], options)
            .GetAnalyzerDiagnosticsAsync(CancellationToken.None);

        var reported = diagnostics
            .Where(d => _flowRules.Contains(d.Id) && !d.IsSuppressed)
            .Select(d => $"{d.Id} {Path.GetFileName(d.Location.SourceTree!.FilePath)}:{d.Location.GetLineSpan().StartLinePosition.Line + 1}")
            .Order(StringComparer.Ordinal)
            .ToList();
        var violations = sites.Where(s => s.IsViolation).Select(s => $"{s.Rule} {Path.GetFileName(s.At.FileAndLine)}").Order(StringComparer.Ordinal).ToList();

        Assert.Contains("TLB001 P18_InitializerGuardedCalls.cs:42", violations);
        Assert.Contains("TLB002 P19_InitializerConstructors.cs:137", violations);
        Assert.Contains("TLB001 A.cs:31", violations);
        Assert.Equal(reported, violations);

        // The silent twins are listed as proved sites: a flushing initializer before, a [RequiresTableFlush] constructor.
        Assert.Contains(sites, s => s.Proved && Path.GetFileName(s.At.FileAndLine) == "P18_InitializerGuardedCalls.cs:64");
        Assert.Contains(sites, s => s.Proved && Path.GetFileName(s.At.FileAndLine) == "P19_InitializerConstructors.cs:59");
        Assert.Contains(sites, s => s.Proved && Path.GetFileName(s.At.FileAndLine) == "B.cs:8");
    }
}
