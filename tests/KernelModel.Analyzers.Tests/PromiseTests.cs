using System.Threading.Tasks;
using Verify = KernelModel.Analyzers.Tests.CodeFixes.CodeFixVerifier<KernelModel.Analyzers.TableFlushAnalyzer, KernelModel.Analyzers.CodeFixes.PromiseCodeFixProvider>;

namespace KernelModel.Analyzers.Tests;

/// <summary>
/// TLB007: a method another project can call (public, or internal to an assembly with <c>InternalsVisibleTo</c>) that
/// flushes page tables on every normal return is told to promise it with <c>[EnsuresTableFlush]</c>, since a caller
/// there cannot see into its body; the fix adds the promise, in one place or all at once.
/// </summary>
public class PromiseTests
{
    [Fact]
    public Task A_public_wrapper_that_always_flushes_is_told_to_promise_it_and_others_are_not() =>
        VerifyAsync("""
            using Kernel;
            using KernelModel.Contracts;
            using static Kernel.K;

            public static class Wrappers
            {
                public static void {|TLB007:FlushAll|}(MmStruct mm) => FlushTlbMmRange(mm, 0, TlbFlushAll, 0, true);

                public static void {|TLB007:WrapsAPromise|}(MmStruct mm)
                {
                    FlushTlbPage(new VmAreaStruct(), 0);
                    Promised(mm);
                }

                // A wrapper of a wrapper that does not promise yet is suggested once the inner one promises.
                public static void WrapsAWrapper(MmStruct mm) => FlushAll(mm);

                /// <summary>Already promises.</summary>
                [EnsuresTableFlush]
                public static void Promised(MmStruct mm) => FlushTlbMmRange(mm, 0, TlbFlushAll, 0, true);

                public static void Sometimes(MmStruct mm, bool freed) => FlushTlbMmRange(mm, 0, TlbFlushAll, 0, freed);

                public static void PageOnly(VmAreaStruct vma) => FlushTlbPage(vma, 0);

                internal static void NoFriends(MmStruct mm) => FlushTlbMmRange(mm, 0, TlbFlushAll, 0, true);

                private static void Private(MmStruct mm) => FlushTlbMmRange(mm, 0, TlbFlushAll, 0, true);

                public static void UsesTheFlush(MmStruct mm)
                {
                    FlushAll(mm);
                    TlbRemoveTableSyncOne();
                }
            }
            """);

    [Fact]
    public Task An_internal_wrapper_of_an_assembly_with_friends_is_told_to_promise_it() =>
        VerifyAsync("""
            using Kernel;
            using static Kernel.K;

            [assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Kernel.Tests")]

            internal static class Wrappers
            {
                internal static void {|TLB007:FlushAll|}(MmStruct mm) => FlushTlbMmRange(mm, 0, TlbFlushAll, 0, true);
            }
            """);

    [Fact]
    public Task The_fix_adds_the_promise_and_its_using() =>
        Verify.VerifyAsync(
            """
            using Kernel;
            using static Kernel.K;

            public static class Wrappers
            {
                /// <summary>Flushes the whole address space.</summary>
                public static void {|TLB007:FlushAll|}(MmStruct mm) => FlushTlbMmRange(mm, 0, TlbFlushAll, 0, true);

                public static void {|TLB007:FlushRange|}(VmAreaStruct vma) => FlushTlbMmRange(vma.VmMm, vma.VmStart, vma.VmEnd, PageShift, true);
            }
            """,
            """
            using Kernel;
            using KernelModel.Contracts;
            using static Kernel.K;

            public static class Wrappers
            {
                /// <summary>Flushes the whole address space.</summary>
                [EnsuresTableFlush]
                public static void FlushAll(MmStruct mm) => FlushTlbMmRange(mm, 0, TlbFlushAll, 0, true);

                [EnsuresTableFlush]
                public static void FlushRange(VmAreaStruct vma) => FlushTlbMmRange(vma.VmMm, vma.VmStart, vma.VmEnd, PageShift, true);
            }
            """,
            "TLB007.PromiseFlush");

    private static Task VerifyAsync(string source)
    {
        var test = new TableFlushVerifier.Test { TestCode = source };
        test.DisabledDiagnostics.Remove("TLB007");
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", TableFlushVerifier.PreludeWithoutPromises));
        return test.RunAsync();
    }
}
