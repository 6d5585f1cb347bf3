using System.Threading.Tasks;

namespace KernelModel.Analyzers.Tests;

/// <summary>
/// <c>[EnsuresTableFlush(When = "cond")]</c> (SPEC §4): a wrapper that flushes page tables only for some arguments
/// promises so, its body is held to the promise on the paths where the condition held on entry, and a caller is
/// flushed after the call where the condition is definitely true at the call.
/// </summary>
public class ConditionalEnsuresTests
{
    private const string Wrapper = """
            /// <summary>Flushes the gather's range, as a table flush when tables were freed or unshared.</summary>
            [EnsuresTableFlush(When = "freedTables || unsharedTables")]
            public static void FlushGather(MmStruct mm, bool freedTables, bool unsharedTables) =>
                FlushTlbMmRange(mm, 0, TlbFlushAll, 0, freedTables || unsharedTables);
        """;

    [Fact]
    public Task A_body_that_flushes_whenever_its_condition_holds_keeps_the_promise() =>
        TableFlushVerifier.VerifyAsync($$"""
            using Kernel;
            using KernelModel.Contracts;
            using static Kernel.K;

            public static class Wrappers
            {
            {{Wrapper}}
            }
            """);

    [Fact]
    public Task A_body_that_does_not_flush_when_its_condition_holds_is_reported_like_a_broken_promise() =>
        TableFlushVerifier.VerifyAsync("""
            using Kernel;
            using KernelModel.Contracts;
            using static Kernel.K;

            public static class Wrappers
            {
                /// <summary>Flushes the range; forgets the unshared case.</summary>
                [EnsuresTableFlush(When = "freedTables || unsharedTables")]
                public static void {|#0:FlushGather|}(MmStruct mm, bool freedTables, bool unsharedTables) =>
                    {|#1:FlushTlbMmRange(mm, 0, TlbFlushAll, 0, freedTables)|};
            }
            """,
            TableFlushVerifier.Diagnostic("TLB005").WithLocation(0).WithLocation(1).WithArguments(
                "FlushGather",
                "its [EnsuresTableFlush(When = \"freedTables || unsharedTables\")]",
                "the flush at line 10 passes freedTables: freedTables (false)"));

    [Fact]
    public Task A_caller_is_flushed_where_the_condition_is_true_at_the_call_and_only_there() =>
        TableFlushVerifier.VerifyAsync($$"""
            using Kernel;
            using KernelModel.Contracts;
            using static Kernel.K;

            public static class Wrappers
            {
            {{Wrapper}}
            }

            public static class Sites
            {
                public static void Freed(MmStruct mm)
                {
                    Wrappers.FlushGather(mm, true, false);
                    TlbRemoveTableSyncOne();
                }

                public static void FromGather(MmuGather tlb)
                {
                    if (tlb.UnsharedTables)
                    {
                        Wrappers.FlushGather(tlb.Mm, tlb.FreedTables, tlb.UnsharedTables);
                        TlbRemoveTableSyncOne();
                    }
                }

                public static void Neither(MmStruct mm)
                {
                    Wrappers.FlushGather(mm, false, false);
                    {|TLB001:TlbRemoveTableSyncOne()|};
                }

                public static void Unknown(MmStruct mm, bool freed)
                {
                    Wrappers.FlushGather(mm, freed, false);
                    {|TLB001:TlbRemoveTableSyncOne()|};
                }
            }
            """);

    [Fact]
    public Task A_promise_on_an_interface_member_counts_at_calls_where_its_condition_holds() =>
        TableFlushVerifier.VerifyAsync("""
            using Kernel;
            using KernelModel.Contracts;
            using static Kernel.K;

            public interface IArchTlb
            {
                /// <summary>Flushes the address space; a table flush when <paramref name="freedTables"/> is set.</summary>
                [EnsuresTableFlush(When = "freedTables")]
                void Flush(MmStruct mm, bool freedTables);
            }

            public static class Sites
            {
                public static void Freed(IArchTlb arch, MmStruct mm)
                {
                    arch.Flush(mm, true);
                    TlbRemoveTableSyncOne();
                }

                public static void NotFreed(IArchTlb arch, MmStruct mm)
                {
                    {|#1:arch.Flush(mm, false)|};
                    {|#0:TlbRemoveTableSyncOne()|};
                }
            }
            """,
            TableFlushVerifier.Diagnostic("TLB001").WithLocation(0).WithLocation(1).WithArguments(
                "TlbRemoveTableSyncOne",
                "'arch.Flush(mm, false)' at line 22 promises its flush only when 'freedTables', which is false here"));

    [Fact]
    public Task A_promise_over_a_gathers_flags_is_kept_by_a_flush_passing_them() =>
        TableFlushVerifier.VerifyAsync("""
            using Kernel;
            using KernelModel.Contracts;
            using static Kernel.K;

            public static class Arch
            {
                /// <summary>x86 tlb_flush(): a table flush when the gather freed or unshared tables.</summary>
                [EnsuresTableFlush(When = "tlb.FreedTables || tlb.UnsharedTables")]
                public static void TlbFlush(MmuGather tlb)
                {
                    ulong start = 0;
                    ulong end = TlbFlushAll;
                    int strideShift = UnmapShift(tlb);
                    if (!tlb.FullMm && !tlb.NeedFlushAll)
                    {
                        start = tlb.Start;
                        end = tlb.End;
                    }

                    FlushTlbMmRange(tlb.Mm, start, end, strideShift, tlb.FreedTables || tlb.UnsharedTables);
                }

                private static int UnmapShift(MmuGather tlb)
                {
                    if (tlb.ClearedPtes)
                    {
                        return PageShift;
                    }

                    if (tlb.ClearedPmds)
                    {
                        return 21;
                    }

                    return PageShift;
                }
            }
            """);
}
