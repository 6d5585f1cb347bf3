// SPEC §5 Precision: Debug.Assert(c) and any call whose bool parameter is [DoesNotReturnIf(false)] (resp. (true)) let only
// the states where the argument is true (false) continue; [DoesNotReturn] calls in referenced assemblies end the path.
using System;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using Cases;
using static Cases.K;

namespace Precision.AssertsAndDoesNotReturn;

public static class Checks
{
    public static void Require([DoesNotReturnIf(false)] bool condition)
    {
        if (!condition)
        {
            Environment.FailFast("requirement failed");
        }
    }

    public static void Refuse([DoesNotReturnIf(true)] bool condition)
    {
        if (condition)
        {
            Environment.FailFast("refused");
        }
    }
}

public static class Sites
{
    public static void AssertedFreed(MmuGather tlb)
    {
        Debug.Assert(tlb.FreedTables);
        TlbFlush(tlb);
        TlbRemoveTableSyncOne();
    }

    public static void AssertedNotFreed(MmuGather tlb)
    {
        Debug.Assert(!tlb.FreedTables);
        TlbFlush(tlb);
        TlbRemoveTableSyncOne(); // expect: TLB001
    }

    public static void AssertedWithMessage(MmuGather tlb)
    {
        Debug.Assert(tlb.FreedTables || tlb.UnsharedTables, "tables must have been freed");
        TlbFlush(tlb);
        TlbRemoveTableSyncOne();
    }

    public static void AssertedEqualsTrue(MmuGather tlb)
    {
        Debug.Assert(tlb.FreedTables == true);
        TlbFlush(tlb);
        TlbRemoveTableSyncOne();
    }

    public static void RequiredFreed(MmuGather tlb)
    {
        Checks.Require(tlb.FreedTables);
        TlbFlush(tlb);
        TlbRemoveTableSyncOne();
    }

    public static void RefusedUnfreed(MmuGather tlb)
    {
        Checks.Refuse(!tlb.FreedTables);
        TlbFlush(tlb);
        TlbRemoveTableSyncOne();
    }

    public static void RefusedFreed(MmuGather tlb)
    {
        Checks.Refuse(tlb.FreedTables);
        TlbFlush(tlb);
        TlbRemoveTableSyncOne(); // expect: TLB001
    }

    public static void FailFastEndsThePath(MmStruct mm, bool flushed)
    {
        if (!flushed)
        {
            Environment.FailFast("no flush");
        }

        if (flushed)
        {
            FlushTlbMm(mm);
        }

        TlbRemoveTableSyncOne();
    }

    public static void NoFailFastNoProof(MmStruct mm, bool flushed)
    {
        if (!flushed)
        {
            Console.WriteLine("no flush");
        }

        if (flushed)
        {
            FlushTlbMm(mm);
        }

        TlbRemoveTableSyncOne(); // expect: TLB001
    }

    public static void ExitEndsThePath(MmStruct mm, bool flushed)
    {
        if (!flushed)
        {
            Environment.Exit(1);
        }

        FlushTlbMm(mm);
        TlbRemoveTableSyncOne();
    }
}
