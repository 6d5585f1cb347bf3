using System.Threading.Tasks;
using Verify = KernelModel.Analyzers.Tests.CodeFixes.CodeFixVerifier<KernelModel.Analyzers.RedundantBroadcastCheckAnalyzer, KernelModel.Analyzers.CodeFixes.RedundantCheckCodeFixProvider>;

namespace KernelModel.Analyzers.Tests.CodeFixes;

/// <summary>
/// TLB004 and its fix "Remove the redundant check" (SPEC §6, §8): the three guard shapes become the bare sync
/// call, comments survive, and a guard that does anything more, or a sync that does not check for itself, is
/// left alone.
/// </summary>
public class RemoveRedundantCheckFixTests
{
    [Fact]
    public Task Negated_check_around_the_sync_becomes_the_bare_call_keeping_comments() =>
        Verify.VerifyAsync(
            """
            using Kernel;
            using static Kernel.K;

            public static class Sites
            {
                public static void Collapse(MmStruct mm)
                {
                    FlushTlbMm(mm);
                    // Wait for GUP-fast.
                    {|TLB004:if|} (!TlbTableFlushImpliesIpiBroadcast()) // the flush may not have reached lazy CPUs
                    {
                        /* still needed before the series */
                        TlbRemoveTableSyncOne(); // sync
                    }
                }
            }
            """,
            """
            using Kernel;
            using static Kernel.K;

            public static class Sites
            {
                public static void Collapse(MmStruct mm)
                {
                    FlushTlbMm(mm);
                    // Wait for GUP-fast.
                    // the flush may not have reached lazy CPUs
                    /* still needed before the series */
                    TlbRemoveTableSyncOne(); // sync
                }
            }
            """);

    [Fact]
    public Task Comparison_with_false_and_an_unbraced_body_is_the_same_guard() =>
        Verify.VerifyAsync(
            """
            using Kernel;

            public static class Sites
            {
                public static void Collapse(MmStruct mm)
                {
                    K.FlushTlbMm(mm);
                    {|TLB004:if|} (K.TlbTableFlushImpliesIpiBroadcast() == false)
                        K.TlbRemoveTableSyncOne();
                    mm.Users = 0;
                }
            }
            """,
            """
            using Kernel;

            public static class Sites
            {
                public static void Collapse(MmStruct mm)
                {
                    K.FlushTlbMm(mm);
                    K.TlbRemoveTableSyncOne();
                    mm.Users = 0;
                }
            }
            """);

    [Fact]
    public Task Early_return_before_the_last_statement_goes() =>
        Verify.VerifyAsync(
            """
            using Kernel;
            using static Kernel.K;

            public static class Sites
            {
                public static void Collapse(MmStruct mm)
                {
                    FlushTlbMm(mm);
                    {|TLB004:if|} (TlbTableFlushImpliesIpiBroadcast())
                    {
                        return;
                    }

                    TlbRemoveTableSyncRcu();
                }
            }
            """,
            """
            using Kernel;
            using static Kernel.K;

            public static class Sites
            {
                public static void Collapse(MmStruct mm)
                {
                    FlushTlbMm(mm);
                    TlbRemoveTableSyncRcu();
                }
            }
            """);

    [Fact]
    public Task Fix_all_removes_every_guard_and_keeps_CRLF() =>
        Verify.VerifyAsync(
            "using static Kernel.K;\r\n\r\npublic static class Sites\r\n{\r\n    public static void A(Kernel.MmStruct mm)\r\n    {\r\n        FlushTlbMm(mm);\r\n" +
            "        {|TLB004:if|} (!TlbTableFlushImpliesIpiBroadcast())\r\n            TlbRemoveTableSyncOne();\r\n    }\r\n\r\n" +
            "    public static void B(Kernel.MmStruct mm)\r\n    {\r\n        FlushTlbMm(mm);\r\n        {|TLB004:if|} (TlbTableFlushImpliesIpiBroadcast()) return;\r\n        TlbRemoveTableSyncOne();\r\n    }\r\n}\r\n",
            "using static Kernel.K;\r\n\r\npublic static class Sites\r\n{\r\n    public static void A(Kernel.MmStruct mm)\r\n    {\r\n        FlushTlbMm(mm);\r\n" +
            "        TlbRemoveTableSyncOne();\r\n    }\r\n\r\n" +
            "    public static void B(Kernel.MmStruct mm)\r\n    {\r\n        FlushTlbMm(mm);\r\n        TlbRemoveTableSyncOne();\r\n    }\r\n}\r\n");

    [Fact]
    public Task Guards_that_do_more_or_return_from_a_nested_block_are_not_reported() =>
        Verify.VerifyNotOfferedAsync(
            """
            using Kernel;
            using static Kernel.K;

            public static class Sites
            {
                public static void MoreThanTheCheck(MmStruct mm, bool other)
                {
                    FlushTlbMm(mm);
                    if (!TlbTableFlushImpliesIpiBroadcast() && other)
                    {
                        TlbRemoveTableSyncOne();
                    }
                }

                public static void MoreThanTheSync(MmStruct mm)
                {
                    FlushTlbMm(mm);
                    if (!TlbTableFlushImpliesIpiBroadcast())
                    {
                        TlbRemoveTableSyncOne();
                        mm.Users = 1;
                    }
                }

                public static void WithElse(MmStruct mm)
                {
                    FlushTlbMm(mm);
                    if (!TlbTableFlushImpliesIpiBroadcast())
                    {
                        TlbRemoveTableSyncOne();
                    }
                    else
                    {
                        mm.Users = 1;
                    }
                }

                public static void ReturnSkipsLaterCode(MmStruct mm, bool reuse)
                {
                    FlushTlbMm(mm);
                    if (reuse)
                    {
                        if (TlbTableFlushImpliesIpiBroadcast())
                        {
                            return;
                        }

                        TlbRemoveTableSyncOne();
                    }

                    mm.Users = 0;
                }
            }
            """);

    [Fact]
    public Task Is_not_reported_when_the_sync_method_does_not_check_for_itself() =>
        Verify.VerifyNotOfferedAsync(
            """
            using Kernel;

            public static class OldSync
            {
                /// <summary>The sync before the series: it always flushes, callers check.</summary>
                public static void TlbRemoveTableSyncOne()
                {
                    K.IpisSent++;
                }

                public static void Collapse(MmStruct mm)
                {
                    K.FlushTlbMm(mm);
                    if (!K.TlbTableFlushImpliesIpiBroadcast())
                    {
                        TlbRemoveTableSyncOne();
                    }
                }
            }
            """);
}
