namespace KernelModel.Analyzers.IntegrationTests;

/// <summary>
/// The consumer's code: a small port in the sample kernel's style (one partial class <c>Kernel</c>, one file per
/// concern) with a flush primitive, the sync, and call sites that are right, wrong, or suppressed. Lines that a
/// test points at carry a trailing marker comment (see <see cref="SourceMarker"/>).
/// </summary>
public static class ConsumerSources
{
    /// <summary>The entry point; it calls nothing guarded.</summary>
    public const string Program = """
        namespace Consumer;

        public static class Program
        {
            public static void Main() => System.Console.WriteLine("consumer");
        }

        """;

    /// <summary>The flush primitive, two flushes built on it, and the sync.</summary>
    public const string Tlb = """
        namespace Consumer;

        /// <summary>An address space.</summary>
        public sealed class MmStruct
        {
        }

        public static partial class Kernel
        {
            /// <summary>flush_tlb_mm_range(): interrupts lazy-TLB CPUs only when tables were freed.</summary>
            public static void FlushTlbMmRange(MmStruct mm, ulong start, ulong end, bool freedTables)
            {
            }

            /// <summary>flush_tlb_mm(): the whole address space, tables included.</summary>
            public static void FlushTlbMm(MmStruct mm) => FlushTlbMmRange(mm, 0, ulong.MaxValue, freedTables: true);

            /// <summary>flush_tlb_page(): one page, no tables.</summary>
            public static void FlushTlbPage(MmStruct mm, ulong address) =>
                FlushTlbMmRange(mm, address, address + 4096, freedTables: false);

            /// <summary>tlb_remove_table_sync_one(): skips its IPIs when the preceding flush already broadcast them.</summary>
            public static void TlbRemoveTableSyncOne()
            {
            }
        }

        """;

    /// <summary>A sync after a flush that frees no tables: TLB001, with that flush as the witness.</summary>
    public const string Khugepaged = """
        namespace Consumer;

        public static partial class Kernel
        {
            public static void CollapseHugePage(MmStruct mm, ulong address)
            {
                FlushTlbPage(mm, address); // witness
                TlbRemoveTableSyncOne(); // TLB001 here
            }
        }

        """;

    /// <summary>Correct code using the generated <c>[RequiresTableFlush]</c>: must stay silent.</summary>
    public const string Retract = """
        using KernelModel.Contracts;

        namespace Consumer;

        public static partial class Kernel
        {
            public static void RetractPageTables(MmStruct mm, bool stillValid)
            {
                if (stillValid)
                {
                    FlushTlbMm(mm);
                    PmdpGetLocklessSync();
                }
            }

            /// <summary>pmdp_get_lockless_sync(): callers must have flushed with freedTables set.</summary>
            [RequiresTableFlush]
            public static void PmdpGetLocklessSync() => TlbRemoveTableSyncOne();
        }

        """;

    /// <summary>Two violations, one silenced by <c>#pragma</c>, one by <c>[SuppressMessage]</c>.</summary>
    public const string Suppressed = """
        using System.Diagnostics.CodeAnalysis;

        namespace Consumer;

        public static partial class Kernel
        {
            public static void ZapWithPragma(MmStruct mm, ulong address)
            {
                FlushTlbPage(mm, address);
        #pragma warning disable TLB001 // the caller flushed the whole mm before calling
                TlbRemoveTableSyncOne();
        #pragma warning restore TLB001
            }

            [SuppressMessage("Correctness", "TLB001", Justification = "The caller flushed the whole mm before calling.")]
            public static void ZapWithAttribute(MmStruct mm, ulong address)
            {
                FlushTlbPage(mm, address);
                TlbRemoveTableSyncOne();
            }
        }

        """;

    /// <summary>The project's own contract attribute, for <c>KernelModelEmitContracts=false</c>.</summary>
    public const string OwnContracts = """
        namespace Consumer.Contracts;

        /// <summary>Callers must have performed a TLB flush that frees or unshares page tables.</summary>
        [System.AttributeUsage(System.AttributeTargets.Method)]
        internal sealed class RequiresTableFlushAttribute : System.Attribute
        {
            public string? Unless { get; set; }
        }

        """;

    /// <summary>An unflushed call to a helper that carries the project's own <c>[RequiresTableFlush]</c>.</summary>
    public const string OwnContractsUse = """
        using Consumer.Contracts;

        namespace Consumer;

        public static partial class Kernel
        {
            public static void RetractUnflushed()
            {
                PmdpGetLocklessSync(); // TLB001 here
            }

            /// <summary>pmdp_get_lockless_sync(): callers must have flushed with freedTables set.</summary>
            [RequiresTableFlush]
            public static void PmdpGetLocklessSync() => TlbRemoveTableSyncOne();
        }

        """;

    /// <summary>The marker on the line whose guarded call must be reported.</summary>
    public const string ReportedLine = "// TLB001 here";

    /// <summary>The marker on the line of the flush that the witness points at.</summary>
    public const string WitnessLine = "// witness";
}
