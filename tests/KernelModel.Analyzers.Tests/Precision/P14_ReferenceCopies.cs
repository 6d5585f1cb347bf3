// SPEC §5 Precision: a reference local assigned from another path ('var t = tlb;') must-aliases it until either is
// reassigned: a write through one is a write through both, and what a branch learns of one holds for the other.
using System;
using Cases;
using static Cases.K;

namespace Precision.ReferenceCopies;

public sealed class Holder
{
    public MmuGather Tlb = new();

    public MmuGather Auto { get; set; } = new();
}

public sealed class Owner
{
    public static MmuGather Shared = new();

    public MmuGather Gather = new();

    public static void ReplaceShared() => Shared = new MmuGather();

    public void FlushOwnThroughCopy()
    {
        var t = Gather;
        t.FreedTables = true;
        TlbFlush(this.Gather);
        TlbRemoveTableSyncOne();
    }

    public void FlushOwnAfterReplacing(MmuGather other)
    {
        var t = this.Gather;
        Gather = other;
        t.FreedTables = true;
        TlbFlush(Gather);
        TlbRemoveTableSyncOne(); // expect: TLB001
    }

    public static void StaticThroughCopy()
    {
        var t = Shared;
        t.FreedTables = true;
        TlbFlush(Shared);
        TlbRemoveTableSyncOne();
    }

    public static void StaticReplacedByACall()
    {
        var t = Shared;
        t.FreedTables = true;
        ReplaceShared();
        TlbFlush(Shared);
        TlbRemoveTableSyncOne(); // expect: TLB001
    }
}

public static class Helpers
{
    public static void Swap(ref MmuGather tlb, MmuGather other) => tlb = other;

    /// <summary>Frees page tables after a flush; the gather must have FreedTables set.</summary>
    /// <param name="tlb">The gather.</param>
    [RequiresCondition("tlb.FreedTables")]
    public static void NeedsFreedTables(MmuGather tlb) => tlb.Start = 0;
}

public static class Sites
{
    public static void WriteThroughCopy(MmuGather tlb)
    {
        var t = tlb;
        t.FreedTables = true;
        TlbFlush(tlb);
        TlbRemoveTableSyncOne();
    }

    public static void WriteThroughOriginalFlushCopy(MmuGather tlb)
    {
        MmuGather t = tlb;
        tlb.UnsharedTables = true;
        TlbFlush(t);
        TlbRemoveTableSyncOne();
    }

    public static void ClearThroughCopy(MmuGather tlb)
    {
        tlb.FreedTables = true;
        var t = tlb;
        t.FreedTables = false;
        TlbFlush(tlb);
        TlbRemoveTableSyncOne(); // expect: TLB001
    }

    public static void CopyOfACopy(MmuGather tlb)
    {
        var t = tlb;
        var u = t;
        u.FreedTables = true;
        TlbFlushMmuTlbonly(tlb);
        TlbRemoveTableSyncOne();
    }

    public static void BranchOnCopy(MmuGather tlb)
    {
        var t = tlb;
        if (!t.FreedTables)
        {
            return;
        }

        TlbFlush(tlb);
        TlbRemoveTableSyncOne();
    }

    public static void BranchOnOriginalFlushCopy(MmuGather tlb)
    {
        var t = tlb;
        if (tlb.FreedTables)
        {
            TlbFlush(t);
            TlbRemoveTableSyncOne();
        }
    }

    public static void BranchTheWrongWay(MmuGather tlb)
    {
        var t = tlb;
        if (t.FreedTables)
        {
            return;
        }

        TlbFlush(tlb);
        TlbRemoveTableSyncOne(); // expect: TLB001
    }

    public static void CopiedFlagOfCopy(MmuGather tlb)
    {
        var t = tlb;
        bool freed = t.FreedTables;
        if (freed)
        {
            TlbFlush(tlb);
            TlbRemoveTableSyncOne();
        }
    }

    public static void CopyReassigned(MmuGather tlb, MmuGather other)
    {
        var t = tlb;
        t = other;
        t.FreedTables = true;
        TlbFlush(tlb);
        TlbRemoveTableSyncOne(); // expect: TLB001
    }

    public static void OriginalReassigned(MmuGather tlb, MmuGather other)
    {
        var t = tlb;
        tlb = other;
        t.FreedTables = true;
        TlbFlush(tlb);
        TlbRemoveTableSyncOne(); // expect: TLB001
    }

    public static void OriginalReassignedCopyKeepsTheObject(MmuGather tlb, MmuGather other)
    {
        tlb.FreedTables = true;
        var t = tlb;
        tlb = other;
        TlbFlush(t);
        TlbRemoveTableSyncOne();
    }

    public static void ThroughAField(Holder holder)
    {
        var t = holder.Tlb;
        t.FreedTables = true;
        TlbFlush(holder.Tlb);
        TlbRemoveTableSyncOne();
    }

    public static void ThroughAnAutoProperty(Holder holder)
    {
        var t = holder.Auto;
        if (t.UnsharedTables)
        {
            TlbFlush(holder.Auto);
            TlbRemoveTableSyncOne();
        }
    }

    public static void FieldReplacedAfterTheCopy(Holder holder, MmuGather other)
    {
        var t = holder.Tlb;
        holder.Tlb = other;
        t.FreedTables = true;
        TlbFlush(holder.Tlb);
        TlbRemoveTableSyncOne(); // expect: TLB001
    }

    public static void FieldReplacedOnAnotherHolderThatMayBeThisOne(Holder holder, Holder another, MmuGather other)
    {
        var t = holder.Tlb;
        another.Tlb = other;
        t.FreedTables = true;
        TlbFlush(holder.Tlb);
        TlbRemoveTableSyncOne(); // expect: TLB001
    }

    public static void CopyPassedByReference(MmuGather tlb, MmuGather other)
    {
        var t = tlb;
        Helpers.Swap(ref t, other);
        t.FreedTables = true;
        TlbFlush(tlb);
        TlbRemoveTableSyncOne(); // expect: TLB001
    }

    public static void CopyReassignedByALambda(MmuGather tlb, MmuGather other)
    {
        var t = tlb;
        Action swap = () => t = other;
        swap();
        t.FreedTables = true;
        TlbFlush(tlb);
        TlbRemoveTableSyncOne(); // expect: TLB001
    }

    public static void EitherOfTwo(MmuGather a, MmuGather b, bool first)
    {
        var t = first ? a : b;
        t.FreedTables = true;
        TlbFlush(a);
        TlbRemoveTableSyncOne(); // expect: TLB001
    }

    public static void CopyInEveryRound(MmuGather[] gathers)
    {
        for (int i = 0; i < gathers.Length; i++)
        {
            MmuGather tlb = gathers[i];
            var t = tlb;
            t.FreedTables = true;
            TlbFlush(tlb);
            TlbRemoveTableSyncOne();
        }
    }

    public static void CopyMovesOnInALoop(MmuGather first, MmuGather[] rest)
    {
        MmuGather t = first;
        for (int i = 0; i < rest.Length; i++)
        {
            first.FreedTables = false;
            t.FreedTables = true;
            Helpers.NeedsFreedTables(first); // expect: TLB002
            t = rest[i];
        }
    }

    public static void CopySetsTheConditionOfTheOriginal(MmuGather tlb)
    {
        var t = tlb;
        for (int i = 0; i < 2; i++)
        {
            tlb.FreedTables = false;
            t.FreedTables = true;
            Helpers.NeedsFreedTables(tlb);
        }
    }
}
