using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace KernelModel.Analyzers.Tests;

/// <summary>
/// TLB008, the proof of a guarded call: off unless its severity is configured, and then, on each proved call, the
/// chain tlb-audit prints, with the chain's calls as additional locations.
/// </summary>
public class ProofRuleTests
{
    private const string Source = """
        namespace Port;

        public sealed class MmStruct
        {
        }

        public static class Kernel
        {
            public static void FlushTlbMmRange(MmStruct mm, bool freedTables)
            {
            }

            public static void FlushTlbRange(MmStruct mm) => FlushTlbMmRange(mm, true);

            public static void PmdpCollapseFlush(MmStruct mm) => FlushTlbRange(mm);

            public static void TlbRemoveTableSyncOne()
            {
            }

            public static void Collapse(MmStruct mm)
            {
                PmdpCollapseFlush(mm);
                TlbRemoveTableSyncOne();
            }

            public static void Unsafe() => TlbRemoveTableSyncOne();
        }
        """;

    [Fact]
    public async Task The_proof_is_not_reported_unless_switched_on()
    {
        AnalysisOutcome outcome = await RunAsync(severity: null);

        Assert.Equal(["TLB001"], outcome.RuleDiagnostics.Where(d => d.Id is "TLB001" or "TLB008").Select(d => d.Id));
    }

    [Fact]
    public async Task Switched_on_each_proved_call_carries_its_flush_chain()
    {
        AnalysisOutcome outcome = await RunAsync(ReportDiagnostic.Info);

        Diagnostic proof = Assert.Single(outcome.RuleDiagnostics, d => d.Id == "TLB008");
        Assert.Equal(DiagnosticSeverity.Info, proof.Severity);
        Assert.Equal(24, proof.Location.GetLineSpan().StartLinePosition.Line + 1);
        Assert.Equal(
            "'TlbRemoveTableSyncOne' is safe: flushed by PmdpCollapseFlush at :23 -> FlushTlbRange -> FlushTlbMmRange(..., freedTables: true)",
            proof.GetMessage());
        Assert.Equal([23, 15, 13], proof.AdditionalLocations.Select(l => l.GetLineSpan().StartLinePosition.Line + 1));
        Assert.Single(outcome.RuleDiagnostics, d => d.Id == "TLB001");
    }

    private static Task<AnalysisOutcome> RunAsync(ReportDiagnostic? severity)
    {
        AnalysisSettings settings = AnalysisSettings.Default;
        CSharpCompilation compilation = AnalysisRunner.Compile([AnalysisRunner.Parse("/src/Port/Kernel.cs", Source, settings)], settings);
        if (severity is ReportDiagnostic configured)
        {
            compilation = compilation.WithOptions(compilation.Options.WithSpecificDiagnosticOptions(
                new Dictionary<string, ReportDiagnostic> { ["TLB008"] = configured }));
        }

        return AnalysisRunner.RunAsync(compilation, settings);
    }
}
