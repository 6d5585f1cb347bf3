// SPEC §5 Precision: object initializers (new MmuGather { FreedTables = true }) are assignments; what a constructor writes
// on the new object is known through the variable it is stored in.
using Cases;
using static Cases.K;

namespace Precision.InitializersAndCopies;

public sealed class Holder
{
    public MmuGather Tlb = new();
}

public sealed class ClearingGather
{
    public ClearingGather(bool freed) => Tlb = new MmuGather { FreedTables = freed };

    public MmuGather Tlb { get; }
}

public static class Sites
{
    public static void InitializerSetsTheFlag(MmStruct mm)
    {
        var tlb = new MmuGather { Mm = mm, FreedTables = true };
        TlbFlush(tlb);
        TlbRemoveTableSyncOne();
    }

    public static void InitializerClearsTheFlag(MmStruct mm)
    {
        var tlb = new MmuGather { Mm = mm, FreedTables = false };
        TlbFlush(tlb);
        TlbRemoveTableSyncOne(); // expect: TLB001
    }

    public static void InitializerLeavesTheFlagUnset(MmStruct mm)
    {
        var tlb = new MmuGather { Mm = mm };
        TlbFlush(tlb);
        TlbRemoveTableSyncOne(); // expect: TLB001
    }

    public static void InitializerPassedDirectly(MmStruct mm)
    {
        TlbFlush(new MmuGather { Mm = mm, UnsharedTables = true });
        TlbRemoveTableSyncOne();
    }

    public static void InitializerStoredInAField(Holder holder, MmStruct mm)
    {
        holder.Tlb = new MmuGather { Mm = mm, FreedTables = true };
        TlbFlush(holder.Tlb);
        TlbRemoveTableSyncOne();
    }

    public static void InitializerDoesNotTouchAnotherGather(MmuGather tlb)
    {
        tlb.FreedTables = true;
        var other = new MmuGather { FreedTables = false };
        TlbFlush(tlb);
        TlbRemoveTableSyncOne();
    }

    public static void InitializerThenCleared(MmStruct mm)
    {
        var tlb = new MmuGather { FreedTables = true };
        TlbResetRange(tlb);
        TlbFlush(tlb);
        TlbRemoveTableSyncOne(); // expect: TLB001
    }

    public static void InitializersInALoop(MmStruct mm, int rounds)
    {
        MmuGather? previous = null;
        for (int i = 0; i < rounds; i++)
        {
            var tlb = new MmuGather { Mm = mm, FreedTables = previous is null };
            TlbFlush(tlb);
            TlbRemoveTableSyncOne(); // expect: TLB001
            previous = tlb;
        }
    }
}
