// SPEC §5 Precision: property patterns (tlb is { FreedTables: true }), 'is not false' and switch on bools teach facts
// like the equivalent 'if'.
using Cases;
using static Cases.K;

namespace Precision.PatternsAndSwitches;

public sealed class Holder
{
    public MmuGather Tlb = new();
}

public static class Sites
{
    public static void PropertyPattern(MmuGather tlb)
    {
        if (tlb is { FreedTables: true })
        {
            TlbFlush(tlb);
            TlbRemoveTableSyncOne();
        }
    }

    public static void PropertyPatternFalse(MmuGather tlb)
    {
        if (tlb is { FreedTables: false })
        {
            TlbFlush(tlb);
            TlbRemoveTableSyncOne(); // expect: TLB001
        }
    }

    public static void PropertyPatternElse(MmuGather tlb)
    {
        if (tlb is not { FreedTables: true })
        {
            return;
        }

        TlbFlush(tlb);
        TlbRemoveTableSyncOne();
    }

    public static void NestedPropertyPattern(Holder holder)
    {
        if (holder is { Tlb: { FreedTables: true, FullMm: false } })
        {
            TlbFlush(holder.Tlb);
            TlbRemoveTableSyncOne();
        }
    }

    public static void ExtendedPropertyPattern(Holder holder)
    {
        if (holder is { Tlb.FreedTables: true })
        {
            TlbFlush(holder.Tlb);
            TlbRemoveTableSyncOne();
        }
    }

    public static void OrPattern(MmuGather tlb)
    {
        if (tlb is { FreedTables: true } or { UnsharedTables: true })
        {
            TlbFlush(tlb);
            TlbRemoveTableSyncOne();
        }
    }

    public static void AndPatternOnTheWrongFlag(MmuGather tlb)
    {
        if (tlb is { FullMm: true } and { NeedFlushAll: true })
        {
            TlbFlush(tlb);
            TlbRemoveTableSyncOne(); // expect: TLB001
        }
    }

    public static void IsNotFalse(MmuGather tlb)
    {
        if (tlb.FreedTables is not false)
        {
            TlbFlush(tlb);
            TlbRemoveTableSyncOne();
        }
    }

    public static void IsNotTrue(MmuGather tlb)
    {
        if (tlb.FreedTables is not true)
        {
            TlbFlush(tlb);
            TlbRemoveTableSyncOne(); // expect: TLB001
        }
    }

    public static void SwitchStatement(MmuGather tlb)
    {
        switch (tlb.FreedTables)
        {
            case true:
                TlbFlush(tlb);
                TlbRemoveTableSyncOne();
                break;
            case false:
                TlbFlush(tlb);
                TlbRemoveTableSyncOne(); // expect: TLB001
                break;
        }
    }

    public static void SwitchExpression(MmuGather tlb)
    {
        bool flushed = tlb.FreedTables switch
        {
            true => Flush(tlb),
            false => false,
        };
        if (flushed)
        {
            TlbRemoveTableSyncOne();
        }
    }

    private static bool Flush(MmuGather tlb)
    {
        TlbFlush(tlb);
        return true;
    }
}
