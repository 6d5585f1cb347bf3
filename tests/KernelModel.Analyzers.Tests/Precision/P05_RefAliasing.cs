// SPEC §5 Precision: writes through ref locals, ref/out arguments and out declarations are writes to what they refer
// to. Unsound before: 'ref bool f = ref tlb.FreedTables; f = false;' left tlb.FreedTables known true.
using Cases;
using static Cases.K;

namespace Precision.RefAliasing;

public sealed class Holder
{
    public MmuGather Tlb = new();
    public bool Flag;
}

public static class Helpers
{
    public static void Clear(ref bool flag) => flag = false;

    public static void Set(ref bool flag) => flag = true;

    public static ref bool FreedOf(MmuGather tlb) => ref tlb.FreedTables;

    public static void Produce(out bool freed) => freed = true;

    public static void ProduceFalse(out bool freed) => freed = false;

    public static void External(ref bool flag) => System.Threading.Volatile.Write(ref flag, !flag);
}

public static class Sites
{
    public static void RefLocalClears(MmuGather tlb)
    {
        tlb.FreedTables = true;
        ref bool freed = ref tlb.FreedTables;
        freed = false;
        TlbFlushMmuTlbonly(tlb);
        TlbRemoveTableSyncOne(); // expect: TLB001
    }

    public static void RefLocalSets(MmuGather tlb)
    {
        ref bool freed = ref tlb.FreedTables;
        freed = true;
        TlbFlushMmuTlbonly(tlb);
        TlbRemoveTableSyncOne();
    }

    public static void RefLocalCompoundClears(MmuGather tlb)
    {
        tlb.FreedTables = true;
        ref bool freed = ref tlb.FreedTables;
        freed &= false;
        TlbFlush(tlb);
        TlbRemoveTableSyncOne(); // expect: TLB001
    }

    public static void RefLocalToAReference(MmuGather tlb)
    {
        ref MmuGather alias = ref tlb;
        tlb.FreedTables = true;
        alias.FreedTables = false;
        TlbFlush(tlb);
        TlbRemoveTableSyncOne(); // expect: TLB001
    }

    public static void RefLocalIntoAField(Holder holder)
    {
        holder.Tlb.FreedTables = true;
        ref bool freed = ref holder.Tlb.FreedTables;
        freed = false;
        TlbFlush(holder.Tlb);
        TlbRemoveTableSyncOne(); // expect: TLB001
    }

    public static void RefLocalViaThisStyleHolder(Holder holder)
    {
        ref bool freed = ref holder.Tlb.FreedTables;
        freed = true;
        TlbFlush(holder.Tlb);
        TlbRemoveTableSyncOne();
    }

    public static void RefLocalRebound(MmuGather tlb, bool other)
    {
        tlb.FreedTables = true;
        ref bool flag = ref other;
        flag = ref tlb.FreedTables;
        flag = false;
        TlbFlush(tlb);
        TlbRemoveTableSyncOne(); // expect: TLB001
    }

    public static void RefLocalToAnotherFlagLeavesThisOne(MmuGather tlb, MmuGather other)
    {
        tlb.FreedTables = true;
        ref bool flag = ref tlb.UnsharedTables;
        flag = false;
        TlbFlush(tlb);
        TlbRemoveTableSyncOne();
    }

    public static void RefLocalConditional(MmuGather tlb, bool which)
    {
        tlb.FreedTables = true;
        tlb.UnsharedTables = true;
        ref bool flag = ref which ? ref tlb.FreedTables : ref tlb.UnsharedTables;
        flag = false;
        TlbFlush(tlb);
        TlbRemoveTableSyncOne();
    }

    public static void RefLocalConditionalBothCleared(MmuGather tlb, bool which)
    {
        tlb.FreedTables = true;
        ref bool flag = ref which ? ref tlb.FreedTables : ref tlb.UnsharedTables;
        flag = false;
        TlbFlush(tlb);
        TlbRemoveTableSyncOne(); // expect: TLB001
    }

    public static void RefReturningCallWrites(MmuGather tlb)
    {
        tlb.FreedTables = true;
        Helpers.FreedOf(tlb) = false;
        TlbFlush(tlb);
        TlbRemoveTableSyncOne(); // expect: TLB001
    }

    public static void RefLocalFromARefReturningCall(MmuGather tlb)
    {
        tlb.FreedTables = true;
        ref bool freed = ref Helpers.FreedOf(tlb);
        freed = false;
        TlbFlush(tlb);
        TlbRemoveTableSyncOne(); // expect: TLB001
    }

    public static void RefArgumentClears(MmuGather tlb)
    {
        tlb.FreedTables = true;
        Helpers.Clear(ref tlb.FreedTables);
        TlbFlush(tlb);
        TlbRemoveTableSyncOne(); // expect: TLB001
    }

    public static void RefArgumentSets(MmuGather tlb)
    {
        Helpers.Set(ref tlb.FreedTables);
        TlbFlush(tlb);
        TlbRemoveTableSyncOne();
    }

    public static void RefArgumentThroughARefLocal(MmuGather tlb)
    {
        tlb.FreedTables = true;
        ref bool freed = ref tlb.FreedTables;
        Helpers.Clear(ref freed);
        TlbFlush(tlb);
        TlbRemoveTableSyncOne(); // expect: TLB001
    }

    public static void RefArgumentToMetadata(MmuGather tlb)
    {
        tlb.FreedTables = true;
        Helpers.External(ref tlb.FreedTables);
        TlbFlush(tlb);
        TlbRemoveTableSyncOne(); // expect: TLB001
    }

    public static void OutVarDeclaredAtTheCall(MmStruct mm)
    {
        Helpers.Produce(out bool freed);
        FlushTlbMmRange(mm, 0, TlbFlushAll, PageShift, freed);
        TlbRemoveTableSyncOne();
    }

    public static void OutVarFalseDeclaredAtTheCall(MmStruct mm)
    {
        Helpers.ProduceFalse(out var freed);
        FlushTlbMmRange(mm, 0, TlbFlushAll, PageShift, freed);
        TlbRemoveTableSyncOne(); // expect: TLB001
    }

    public static void OutVarPredeclared(MmStruct mm)
    {
        bool freed;
        Helpers.Produce(out freed);
        FlushTlbMmRange(mm, 0, TlbFlushAll, PageShift, freed);
        TlbRemoveTableSyncOne();
    }

    public static void OutIntoTheField(MmuGather tlb)
    {
        tlb.FreedTables = true;
        Helpers.ProduceFalse(out tlb.FreedTables);
        TlbFlush(tlb);
        TlbRemoveTableSyncOne(); // expect: TLB001
    }
}

public static class RefParameters
{
    // Inside, 'flag' may be the very field: writing it may clear tlb.FreedTables.
    public static void WriteThroughRefParameter(MmuGather tlb, ref bool flag)
    {
        tlb.FreedTables = true;
        flag = false;
        TlbFlush(tlb);
        TlbRemoveTableSyncOne(); // expect: TLB001
    }

    public static void WriteFieldThenReadRefParameter(MmuGather tlb, ref bool flag, MmStruct mm)
    {
        flag = true;
        tlb.FreedTables = false;
        FlushTlbMmRange(mm, 0, TlbFlushAll, PageShift, flag);
        TlbRemoveTableSyncOne(); // expect: TLB001
    }

    public static void RefParameterOfAnotherType(MmuGather tlb, ref int count)
    {
        tlb.FreedTables = true;
        count = 0;
        TlbFlush(tlb);
        TlbRemoveTableSyncOne();
    }
}
