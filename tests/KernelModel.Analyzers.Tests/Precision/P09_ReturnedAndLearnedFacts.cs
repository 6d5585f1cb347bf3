// SPEC §5 Precision: a summary's normal-return states keep what the callee learned about its inputs, and its return
// value may be a fact path of its parameters (=> tlb.FreedTables): a caller branching on the result, or on an argument
// after the call, gets the matching exit states only.
using System;
using Cases;
using static Cases.K;

namespace Precision.ReturnedAndLearnedFacts;

public sealed class Gather
{
    public MmuGather Tlb = new();

    public bool Freed => Tlb.FreedTables;

    public bool HasFreed() => Tlb.FreedTables;
}

public static class Facts
{
    public static bool Freed(MmuGather tlb) => tlb.FreedTables;

    public static bool NotFreed(MmuGather tlb) => !tlb.FreedTables;

    public static bool AnyTables(MmuGather tlb) => tlb.FreedTables || tlb.UnsharedTables;

    public static bool Identity(bool value) => value;

    public static void Expect(bool value)
    {
        if (!value)
        {
            throw new InvalidOperationException();
        }
    }

    public static void ExpectFreed(MmuGather tlb)
    {
        if (!tlb.FreedTables)
        {
            throw new InvalidOperationException();
        }
    }
}

public static class Sites
{
    public static void BranchOnReturnedFact(MmuGather tlb)
    {
        if (Facts.Freed(tlb))
        {
            TlbFlush(tlb);
            TlbRemoveTableSyncOne();
        }
    }

    public static void BranchOnNegatedReturnedFact(MmuGather tlb)
    {
        if (!Facts.NotFreed(tlb))
        {
            TlbFlush(tlb);
            TlbRemoveTableSyncOne();
        }
    }

    public static void WrongBranchOnReturnedFact(MmuGather tlb)
    {
        if (Facts.NotFreed(tlb))
        {
            TlbFlush(tlb);
            TlbRemoveTableSyncOne(); // expect: TLB001
        }
    }

    public static void BranchOnADisjunction(MmuGather tlb)
    {
        if (Facts.AnyTables(tlb))
        {
            TlbFlush(tlb);
            TlbRemoveTableSyncOne();
        }
    }

    public static void BranchOnADisjunctionThenClearOne(MmuGather tlb)
    {
        if (Facts.AnyTables(tlb))
        {
            tlb.UnsharedTables = false;
            TlbFlush(tlb);
            TlbRemoveTableSyncOne(); // expect: TLB001
        }
    }

    public static void EarlyReturnOnReturnedFact(MmuGather tlb)
    {
        if (!Facts.Freed(tlb))
        {
            return;
        }

        TlbFlush(tlb);
        TlbRemoveTableSyncOne();
    }

    public static void ReturnedFactOnThis(Gather gather)
    {
        if (gather.HasFreed())
        {
            TlbFlush(gather.Tlb);
            TlbRemoveTableSyncOne();
        }
    }

    public static void LearnedAboutABoolArgument(MmStruct mm, bool freed)
    {
        Facts.Expect(freed);
        FlushTlbMmRange(mm, 0, TlbFlushAll, PageShift, freed);
        TlbRemoveTableSyncOne();
    }

    public static void LearnedAboutANegatedBoolArgument(MmStruct mm, bool freed)
    {
        Facts.Expect(!freed);
        FlushTlbMmRange(mm, 0, TlbFlushAll, PageShift, freed);
        TlbRemoveTableSyncOne(); // expect: TLB001
    }

    public static void LearnedAboutAField(MmuGather tlb)
    {
        Facts.ExpectFreed(tlb);
        TlbFlush(tlb);
        TlbRemoveTableSyncOne();
    }

    public static void ReturnedThroughAnIdentity(MmStruct mm, bool freed)
    {
        if (Facts.Identity(freed))
        {
            FlushTlbMmRange(mm, 0, TlbFlushAll, PageShift, freed);
            TlbRemoveTableSyncOne();
        }
    }
}

// SPEC §5 Precision: a bool local assigned from an access path stands for that path until either is written.
public static class CopiedFlags
{
    public static void CopiedFlag(MmuGather tlb)
    {
        bool freed = tlb.FreedTables;
        if (freed)
        {
            TlbFlush(tlb);
            TlbRemoveTableSyncOne();
        }
    }

    public static void CopiedNegatedFlag(MmuGather tlb)
    {
        bool keep = !tlb.FreedTables;
        if (!keep)
        {
            TlbFlush(tlb);
            TlbRemoveTableSyncOne();
        }
    }

    public static void CopiedFlagThenFieldCleared(MmuGather tlb)
    {
        bool freed = tlb.FreedTables;
        tlb.FreedTables = false;
        if (freed)
        {
            TlbFlush(tlb);
            TlbRemoveTableSyncOne(); // expect: TLB001
        }
    }

    public static void CopiedFlagThenCopyChanged(MmuGather tlb, bool other)
    {
        bool freed = tlb.FreedTables;
        freed = other;
        if (freed)
        {
            TlbFlush(tlb);
            TlbRemoveTableSyncOne(); // expect: TLB001
        }
    }

    public static void BranchOnFieldTeachesTheCopy(MmStruct mm, MmuGather tlb)
    {
        bool freed = tlb.FreedTables;
        if (tlb.FreedTables)
        {
            FlushTlbMmRange(mm, 0, TlbFlushAll, PageShift, freed);
            TlbRemoveTableSyncOne();
        }
    }

    public static void CopiedFlagInALoop(MmuGather tlb, int rounds)
    {
        for (int i = 0; i < rounds; i++)
        {
            bool freed = tlb.FreedTables;
            if (freed)
            {
                TlbFlush(tlb);
                TlbRemoveTableSyncOne();
            }
        }
    }
}
