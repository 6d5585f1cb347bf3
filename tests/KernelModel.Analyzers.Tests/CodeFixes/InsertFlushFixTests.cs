using System.Threading.Tasks;
using Verify = KernelModel.Analyzers.Tests.CodeFixes.CodeFixVerifier<KernelModel.Analyzers.TableFlushAnalyzer, KernelModel.Analyzers.CodeFixes.InsertFlushCodeFixProvider>;

namespace KernelModel.Analyzers.Tests.CodeFixes;

/// <summary>
/// TLB001 "Insert a TLB flush" (SPEC §8): a proven whole-address-space flush with an argument found in scope,
/// qualified as the file's usings require, offered per site only — it has no Fix All (see
/// <see cref="FixAllAvailabilityTests"/>), so these tests apply it diagnostic by diagnostic.
/// </summary>
public class InsertFlushFixTests
{
    [Fact]
    public Task Inserts_FlushTlbMm_of_an_mm_parameter_before_the_sync() =>
        Verify.VerifyAsync(
            """
            using Kernel;
            using static Kernel.K;

            public static class Sites
            {
                public static void Collapse(MmStruct mm)
                {
                    // The table is about to be reused.
                    {|TLB001:TlbRemoveTableSyncOne()|};
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
                    // The table is about to be reused.
                    FlushTlbMm(mm);
                    TlbRemoveTableSyncOne();
                }
            }
            """);

    [Fact]
    public Task Takes_the_mm_from_a_vma_when_no_mm_is_in_scope() =>
        Verify.VerifyAsync(
            """
            using Kernel;
            using static Kernel.K;

            public static class Sites
            {
                public static void Collapse(VmAreaStruct vma, ulong address)
                {
                    FlushTlbPage(vma, address);
                    {|TLB001:TlbRemoveTableSyncOne()|};
                }
            }
            """,
            """
            using Kernel;
            using static Kernel.K;

            public static class Sites
            {
                public static void Collapse(VmAreaStruct vma, ulong address)
                {
                    FlushTlbPage(vma, address);
                    FlushTlbMm(vma.VmMm);
                    TlbRemoveTableSyncOne();
                }
            }
            """);

    [Fact]
    public Task Takes_the_mm_from_a_gather_and_never_proposes_a_flush_that_depends_on_its_flags() =>
        Verify.VerifyAsync(
            """
            using Kernel;
            using static Kernel.K;

            public static class Sites
            {
                public static void Free(MmuGather tlb)
                {
                    TlbFlush(tlb);
                    {|TLB001:TlbRemoveTableSyncOne()|};
                }
            }
            """,
            """
            using Kernel;
            using static Kernel.K;

            public static class Sites
            {
                public static void Free(MmuGather tlb)
                {
                    TlbFlush(tlb);
                    FlushTlbMm(tlb.Mm);
                    TlbRemoveTableSyncOne();
                }
            }
            """);

    [Fact]
    public Task Qualifies_the_flush_as_the_sync_call_is_qualified() =>
        Verify.VerifyAsync(
            """
            namespace Outer
            {
                namespace Inner
                {
                    public static class Sites
                    {
                        public static void Collapse(Kernel.MmStruct mm)
                        {
                            {|TLB001:Kernel.K.TlbRemoveTableSyncOne()|};
                        }
                    }
                }
            }
            """,
            """
            namespace Outer
            {
                namespace Inner
                {
                    public static class Sites
                    {
                        public static void Collapse(Kernel.MmStruct mm)
                        {
                            Kernel.K.FlushTlbMm(mm);
                            Kernel.K.TlbRemoveTableSyncOne();
                        }
                    }
                }
            }
            """);

    [Fact]
    public Task Uses_a_local_declared_before_the_call_and_not_one_declared_after() =>
        Verify.VerifyAsync(
            """
            using Kernel;

            public static class Sites
            {
                public static void Collapse()
                {
                    var mm = new MmStruct();
                    {|TLB001:K.TlbRemoveTableSyncOne()|};
                    MmStruct later = new();
                    later.Users = mm.Users;
                }
            }
            """,
            """
            using Kernel;

            public static class Sites
            {
                public static void Collapse()
                {
                    var mm = new MmStruct();
                    K.FlushTlbMm(mm);
                    K.TlbRemoveTableSyncOne();
                    MmStruct later = new();
                    later.Users = mm.Users;
                }
            }
            """);

    [Fact]
    public Task Puts_the_flush_before_the_statement_that_embeds_the_call() =>
        Verify.VerifyAsync(
            """
            using Kernel;
            using static Kernel.K;

            public static class Sites
            {
                public static void Collapse(MmStruct mm, bool reuse)
                {
                    if (reuse)
                        {|TLB001:TlbRemoveTableSyncOne()|};
                }
            }
            """,
            """
            using Kernel;
            using static Kernel.K;

            public static class Sites
            {
                public static void Collapse(MmStruct mm, bool reuse)
                {
                    FlushTlbMm(mm);
                    if (reuse)
                        TlbRemoveTableSyncOne();
                }
            }
            """);

    [Fact]
    public Task Keeps_CRLF_line_endings() =>
        Verify.VerifyAsync(
            "using Kernel;\r\nusing static Kernel.K;\r\n\r\npublic static class Sites\r\n{\r\n    public static void Collapse(MmStruct mm)\r\n    {\r\n        {|TLB001:TlbRemoveTableSyncOne()|};\r\n    }\r\n}\r\n",
            "using Kernel;\r\nusing static Kernel.K;\r\n\r\npublic static class Sites\r\n{\r\n    public static void Collapse(MmStruct mm)\r\n    {\r\n        FlushTlbMm(mm);\r\n        TlbRemoveTableSyncOne();\r\n    }\r\n}\r\n");

    [Fact]
    public Task Each_unflushed_sync_gets_its_own_flush_when_fixed_site_by_site() =>
        Verify.VerifyAsync(
            """
            using Kernel;
            using static Kernel.K;

            public static class Sites
            {
                public static void Collapse(MmStruct mm)
                {
                    {|TLB001:TlbRemoveTableSyncOne()|};
                }

                public static void Unshare(MmuGather tlb)
                {
                    {|TLB001:TlbRemoveTableSyncRcu()|};
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
                    TlbRemoveTableSyncOne();
                }

                public static void Unshare(MmuGather tlb)
                {
                    FlushTlbMm(tlb.Mm);
                    TlbRemoveTableSyncRcu();
                }
            }
            """);

    [Fact]
    public Task Is_not_offered_without_an_address_space_in_scope() =>
        Verify.VerifyNotOfferedAsync(
            """
            using static Kernel.K;

            public static class Sites
            {
                public static void Collapse(int users)
                {
                    {|TLB001:TlbRemoveTableSyncOne()|};
                }
            }
            """,
            "TLB001.InsertFlush");

    [Fact]
    public Task Is_not_offered_in_an_expression_bodied_lambda() =>
        Verify.VerifyNotOfferedAsync(
            """
            using System;
            using Kernel;
            using static Kernel.K;

            public static class Sites
            {
                public static Action Later(MmStruct mm) => () => {|TLB001:TlbRemoveTableSyncOne()|};
            }
            """);
}
