using System.Linq;
using System.Threading.Tasks;
using KernelModel.Analysis;
using Microsoft.CodeAnalysis;

namespace KernelModel.Analyzers.Tests;

/// <summary>
/// The words of a witness: no branch the compiler wrote (a <c>using</c>'s null check), no step that cannot explain
/// the failure (a write to another gather's flag), a flush without a table flag said to be one, and lines in other
/// files named by their path in the project and given as additional locations, and for a call in an initializer the
/// constructor the path starts in.
/// </summary>
public class WitnessTextTests
{
    [Fact]
    public Task A_using_block_adds_no_compiler_written_branch_to_the_witness() =>
        TableFlushVerifier.VerifyAsync("""
            using static Kernel.K;

            public sealed class Scope : System.IDisposable
            {
                public void Dispose()
                {
                }
            }

            public static class Sites
            {
                public static void {|#1:Collapse|}()
                {
                    using (var first = new Scope())
                    {
                    }

                    {|#0:TlbRemoveTableSyncOne()|};
                }
            }
            """,
            TableFlushVerifier.Diagnostic("TLB001").WithLocation(0).WithLocation(1).WithArguments("TlbRemoveTableSyncOne", "no flush precedes it"));

    [Fact]
    public Task A_callee_that_flushes_without_a_table_flag_is_said_to_flush_but_free_no_tables() =>
        TableFlushVerifier.VerifyAsync("""
            using Kernel;
            using static Kernel.K;

            public static class Sites
            {
                public static void Collapse(VmAreaStruct vma)
                {
                    {|#1:FlushTlbPage(vma, 0)|};
                    {|#0:TlbRemoveTableSyncOne()|};
                }
            }
            """,
            TableFlushVerifier.Diagnostic("TLB001").WithLocation(0).WithLocation(1)
                .WithSpan(TableFlushVerifier.PreludePath, 100, 13, 100, 85)
                .WithArguments(
                    "TlbRemoveTableSyncOne",
                    "'FlushTlbPage' at line 8 flushes the TLB but frees/unshares no page tables: the flush at line 100 of Kernel.cs passes freedTables: false"));

    [Fact]
    public Task A_call_in_an_initializer_names_the_constructor_the_path_starts_in() =>
        TableFlushVerifier.VerifyAsync("""
            using KernelModel.Contracts;

            public static class Sync
            {
                /// <summary>Callers must have flushed the TLB.</summary>
                public static bool TlbRemoveTableSyncOne() => true;
            }

            public sealed class Gather
            {
                private readonly bool _synced = {|#0:Sync.TlbRemoveTableSyncOne()|};

                [RequiresTableFlush]
                public Gather()
                {
                }

                public {|#1:Gather|}(int users)
                {
                    _ = users;
                }

                public bool Synced => _synced;
            }
            """,
            TableFlushVerifier.Diagnostic("TLB001").WithLocation(0).WithLocation(1)
                .WithArguments("TlbRemoveTableSyncOne", "no flush precedes it, when the object is created through 'Gather(int)' at line 18"));

    [Fact]
    public void A_flag_write_that_nothing_on_the_path_reads_is_not_a_step_of_it()
    {
        AbstractState state = AbstractState.Initial
            .With(new TraceEvent(TraceKind.FlagWritten, Location.None, "tlb.FreedTables", false, "false", null))
            .With(new TraceEvent(TraceKind.FlagWritten, Location.None, "b.FreedTables", true, "true", null))
            .With(new TraceEvent(TraceKind.NonQualifyingFlush, Location.None, "FlushTlbMmRange(tlb.Mm, 0, 0, 0, tlb.FreedTables)", false, "freedTables: tlb.FreedTables (false)", null));

        Witness witness = Witness.Explain(state, Requirement.Flush, Location.None);

        Assert.Equal(["tlb.FreedTables", "FlushTlbMmRange(tlb.Mm, 0, 0, 0, tlb.FreedTables)"], witness.Steps.Select(step => step.Text));
    }

    [Fact]
    public async Task A_line_in_another_file_is_named_by_its_path_in_the_project_and_is_an_additional_location()
    {
        const string Tlb = """
            namespace Port;

            public sealed class MmStruct
            {
            }

            public static class X86
            {
                public static void FlushTlbMmRange(MmStruct mm, bool freedTables)
                {
                }

                public static void FlushTlbPage(MmStruct mm) => FlushTlbMmRange(mm, false);

                public static void TlbRemoveTableSyncOne()
                {
                }
            }
            """;
        const string Site = """
            namespace Port;

            public static class Khugepaged
            {
                public static void Collapse(MmStruct mm)
                {
                    X86.FlushTlbPage(mm);
                    X86.TlbRemoveTableSyncOne();
                }
            }
            """;
        AnalysisSettings settings = AnalysisSettings.Default.WithOption("build_property.projectdir", "/src/Kernel/");

        AnalysisOutcome outcome = await AnalysisRunner.RunAsync(
            [("/src/Kernel/Arch/X86/Mm/Tlb.cs", Tlb), ("/src/Kernel/Mm/Khugepaged.cs", Site)], settings);

        Diagnostic reported = Assert.Single(outcome.RuleDiagnostics, d => d.Id == "TLB001");
        Assert.EndsWith("the flush at line 13 of Arch/X86/Mm/Tlb.cs passes freedTables: false", reported.GetMessage());
        Assert.Equal(
            ["/src/Kernel/Mm/Khugepaged.cs:7", "/src/Kernel/Arch/X86/Mm/Tlb.cs:13"],
            reported.AdditionalLocations.Select(l => $"{l.GetLineSpan().Path}:{l.GetLineSpan().StartLinePosition.Line + 1}"));
    }

    [Fact]
    public void Without_the_project_directory_other_files_are_named_below_the_directory_they_share()
    {
        Assert.Equal("Arch/X86/Mm/Tlb.cs", Witness.RelativePath("/k/sample-kernel/Arch/X86/Mm/Tlb.cs", "/k/sample-kernel/Mm/Khugepaged.cs", null));
        Assert.Equal("Include/AsmGeneric/Tlb.cs", Witness.RelativePath("C:\\k\\Include\\AsmGeneric\\Tlb.cs", "C:\\k\\Mm\\MmuGather.cs", "C:\\k\\"));
    }
}
