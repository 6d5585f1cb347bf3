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
/// SPEC §4, the sync methods' own contract, as the audit tells it: in a configuration whose broadcast check is the
/// generic <c>=&gt; false</c>, a sync with no flush before it is proved because it sends its own IPI, and the report
/// says so in those words; where the check may be true, the same call is a violation.
/// </summary>
public sealed class SyncOwnIpiAuditTests
{
    private const string Source = """
        namespace Arch;

        public static class Generic
        {
            public static int Ipis;

            public static bool TlbTableFlushImpliesIpiBroadcast() => false;

            /// <summary>Callers must have flushed the TLB unless the check is false.</summary>
            public static void TlbRemoveTableSyncOne()
            {
                if (TlbTableFlushImpliesIpiBroadcast())
                {
                    return;
                }

                Ipis++;
            }
        }

        public static class X86
        {
            public static bool Key;

            public static bool TlbTableFlushImpliesIpiBroadcast() => Key;

            /// <summary>Callers must have flushed the TLB.</summary>
            public static void TlbRemoveTableSyncOne()
            {
                if (TlbTableFlushImpliesIpiBroadcast())
                {
                    return;
                }

                Generic.Ipis++;
            }
        }

        public static class Sites
        {
            public static void Generic() => Arch.Generic.TlbRemoveTableSyncOne();

            public static void X86() => Arch.X86.TlbRemoveTableSyncOne();
        }
        """;

    [Fact]
    public async Task A_sync_whose_broadcast_check_is_always_false_is_proved_because_it_sends_its_own_IPI()
    {
        string folder = Path.Combine(Path.GetTempPath(), "sync-own-ipi");
        SyntaxTree tree = CSharpSyntaxTree.ParseText(Source, new CSharpParseOptions(LanguageVersion.Latest), Path.Combine(folder, "Sites.cs"));
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
            .Select(p => MetadataReference.CreateFromFile(p));
        Compilation compilation = CSharpCompilation.Create("Generic", [tree], references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        CSharpGeneratorDriver.Create(new ContractAttributesGenerator()).RunGeneratorsAndUpdateCompilation(compilation, out compilation, out _);
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

        ImmutableArray<AuditSite> sites = await Auditor.AuditAsync("Generic", compilation, new AnalyzerOptions([]), new SpotMap(folder), _ => { }, CancellationToken.None);

        AuditSite generic = Assert.Single(sites, s => s.Method.EndsWith("Generic", StringComparison.Ordinal) && s.Kind == SiteKind.GuardedCall);
        Assert.True(generic.Proved);
        Assert.Equal(
            "proved: the sync sends its own IPI here, since TlbTableFlushImpliesIpiBroadcast() is always false in this compilation",
            Assert.Single(JustificationLines.Of(generic)).Text);
        Assert.Equal("TlbTableFlushImpliesIpiBroadcast", Assert.IsType<SyncSendsOwnIpi>(Assert.Single(generic.Justifications)).Check);

        AuditSite x86 = Assert.Single(sites, s => s.Method.EndsWith("X86", StringComparison.Ordinal) && s.Kind == SiteKind.GuardedCall);
        Assert.True(x86.IsViolation);
        Assert.Empty(x86.Justifications.OfType<SyncSendsOwnIpi>());
    }
}
