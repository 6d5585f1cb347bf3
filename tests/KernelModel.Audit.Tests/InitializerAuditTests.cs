using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Threading.Tasks;

namespace KernelModel.Audit.Tests;

/// <summary>
/// SPEC §5: guarded calls in field and property initializers are sites the audit lists, with the analyzer's verdicts:
/// on the analyzer's initializer cases (Precision/P18, P19 and the partial type split over two files of P23), the
/// sites the audit calls violations are exactly the TLB001/TLB002 diagnostics the analyzer reports, and the proved
/// initializer sites are listed too.
/// </summary>
public sealed class InitializerAuditTests
{
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
        AuditedCases cases = await AuditedCases.RunAsync("Initializers", files, tests, generateContracts: false);
        List<string> violations = cases.Violations();
        ImmutableArray<AuditSite> sites = cases.Sites;

        Assert.Contains("TLB001 P18_InitializerGuardedCalls.cs:42", violations);
        Assert.Contains("TLB002 P19_InitializerConstructors.cs:137", violations);
        Assert.Contains("TLB001 A.cs:31", violations);
        Assert.Equal(cases.Reported("TLB001", "TLB002"), violations);

        // The silent twins are listed as proved sites: a flushing initializer before, a [RequiresTableFlush] constructor.
        Assert.Contains(sites, s => s.Proved && Path.GetFileName(s.At.FileAndLine) == "P18_InitializerGuardedCalls.cs:64");
        Assert.Contains(sites, s => s.Proved && Path.GetFileName(s.At.FileAndLine) == "P19_InitializerConstructors.cs:59");
        Assert.Contains(sites, s => s.Proved && Path.GetFileName(s.At.FileAndLine) == "B.cs:8");
    }
}
