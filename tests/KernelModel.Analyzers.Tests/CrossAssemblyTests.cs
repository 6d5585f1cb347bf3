using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace KernelModel.Analyzers.Tests;

/// <summary>
/// A port split over several projects: the flush wrappers compiled in one assembly (with the package's generated,
/// internal contract attributes), their callers in another. A wrapper the caller cannot see into is named in the
/// witness with what would make it count; its <c>[EnsuresTableFlush]</c>, plain or with <c>When</c>, does count.
/// </summary>
public class CrossAssemblyTests
{
    private const string Library = """
        using KernelModel.Contracts;

        namespace Arch;

        public sealed class MmStruct
        {
        }

        public static class Tlb
        {
            public static int Flushes;

            public static void FlushTlbMmRange(MmStruct mm, bool freedTables) => Flushes++;

            public static void FlushAll(MmStruct mm) => FlushTlbMmRange(mm, true);

            /// <summary>Flushes the address space as a table flush.</summary>
            [EnsuresTableFlush]
            public static void PromisedFlushAll(MmStruct mm) => FlushTlbMmRange(mm, true);

            /// <summary>Flushes the address space; a table flush when tables were freed.</summary>
            [EnsuresTableFlush(When = "freedTables")]
            public static void Flush(MmStruct mm, bool freedTables) => FlushTlbMmRange(mm, freedTables);

            /// <summary>Waits for lockless walkers; callers must have flushed.</summary>
            public static void TlbRemoveTableSyncOne()
            {
            }
        }
        """;

    private const string Consumer = """
        using Arch;

        namespace Mm;

        public static class Sites
        {
            public static void Unseen(MmStruct mm)
            {
                Tlb.FlushAll(mm);
                Tlb.TlbRemoveTableSyncOne();
            }

            public static void Promised(MmStruct mm)
            {
                Tlb.PromisedFlushAll(mm);
                Tlb.TlbRemoveTableSyncOne();
            }

            public static void PromisedWhenFreed(MmStruct mm)
            {
                Tlb.Flush(mm, freedTables: true);
                Tlb.TlbRemoveTableSyncOne();
            }

            public static void NotFreed(MmStruct mm)
            {
                Tlb.Flush(mm, freedTables: false);
                Tlb.TlbRemoveTableSyncOne();
            }
        }
        """;

    [Fact]
    public async Task Promises_count_across_the_boundary_and_an_unseen_wrapper_is_named_with_the_remedy()
    {
        AnalysisSettings settings = AnalysisSettings.Default;
        AnalysisOutcome library = await AnalysisRunner.RunAsync([("Arch/Tlb.cs", Library)], settings with { AssemblyName = "Arch" });
        Assert.Empty(library.CompilerErrors);
        using var image = new MemoryStream();
        Assert.True(library.Compilation.Emit(image).Success);

        CSharpCompilation consumer = AnalysisRunner.Compile([AnalysisRunner.Parse("Mm/Sites.cs", Consumer, settings)], settings)
            .AddReferences(MetadataReference.CreateFromImage(image.ToArray()));
        AnalysisOutcome outcome = await AnalysisRunner.RunAsync(consumer, settings);

        Assert.Empty(outcome.CompilerErrors);
        Diagnostic[] reported = outcome.RuleDiagnostics.OrderBy(d => d.Location.SourceSpan.Start).ToArray();
        Assert.Collection(
            reported,
            unseen =>
            {
                Assert.Equal("TLB001", unseen.Id);
                Assert.Equal(10, unseen.Location.GetLineSpan().StartLinePosition.Line + 1);
                Assert.Equal(
                    "'TlbRemoveTableSyncOne' requires a prior TLB flush that frees or unshares page tables, but the call 'Tlb.FlushAll(mm)' at line 9 " +
                    "cannot be seen into (compiled in Arch): mark the method [EnsuresTableFlush] in its project (or [EnsuresTableFlush(When = \"...\")] " +
                    "when it flushes only for some arguments) so that its flush counts here",
                    unseen.GetMessage());
            },
            notFreed =>
            {
                Assert.Equal("TLB001", notFreed.Id);
                Assert.Equal(28, notFreed.Location.GetLineSpan().StartLinePosition.Line + 1);
                Assert.EndsWith("but 'Tlb.Flush(mm, freedTables: false)' at line 27 promises its flush only when 'freedTables', which is false here", notFreed.GetMessage());
            });
    }
}
