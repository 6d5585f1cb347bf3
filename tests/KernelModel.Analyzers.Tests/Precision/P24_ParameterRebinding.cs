// SPEC §5 Precision: a callee that rebinds a parameter (by deconstruction, or by passing it on as ref or out) before
// writing through it writes to another object: what it leaves on that parameter's path says nothing about the
// caller's argument, however the rebinding is written.
using Cases;
using static Cases.K;

namespace Precision.ParameterRebinding;

public static class Callees
{
    public static void SetFreed(MmuGather tlb) => tlb.FreedTables = true;

    public static void SetFreedOnOtherByDeconstruction(MmuGather tlb, MmuGather other)
    {
        (tlb, _) = (other, 0);
        tlb.FreedTables = true;
    }

    public static void SetFreedOnOtherThroughRef(MmuGather tlb, MmuGather other)
    {
        Swap(ref tlb, ref other);
        tlb.FreedTables = true;
    }

    public static void SetFreedAfterAnIncrementOfAnotherParameter(MmuGather tlb, int count)
    {
        count++;
        tlb.FreedTables = true;
    }

    private static void Swap(ref MmuGather a, ref MmuGather b) => (a, b) = (b, a);
}

public static class Sites
{
    public static void FlagSetOnTheArgument(MmuGather tlb)
    {
        tlb.FreedTables = false;
        Callees.SetFreed(tlb);
        TlbFlush(tlb);
        TlbRemoveTableSyncOne();
    }

    public static void FlagSetOnAnotherObjectAfterDeconstruction(MmuGather tlb, MmuGather other)
    {
        tlb.FreedTables = false;
        Callees.SetFreedOnOtherByDeconstruction(tlb, other);
        TlbFlush(tlb);
        TlbRemoveTableSyncOne(); // expect: TLB001
    }

    public static void FlagSetOnAnotherObjectAfterARefSwap(MmuGather tlb, MmuGather other)
    {
        tlb.FreedTables = false;
        Callees.SetFreedOnOtherThroughRef(tlb, other);
        TlbFlush(tlb);
        TlbRemoveTableSyncOne(); // expect: TLB001
    }

    public static void AnotherParameterIncremented(MmuGather tlb)
    {
        tlb.FreedTables = false;
        Callees.SetFreedAfterAnIncrementOfAnotherParameter(tlb, 1);
        TlbFlush(tlb);
        TlbRemoveTableSyncOne();
    }
}
