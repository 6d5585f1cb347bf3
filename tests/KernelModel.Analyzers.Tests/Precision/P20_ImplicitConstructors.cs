// SPEC §5: `new T()` through T's implicit constructor runs T's instance initializers, then its base class's
// parameterless constructor (again implicit: that class's initializers; explicit: its body), up to object. What they
// write is known after the creation. A base constructor the chain cannot follow (no source here) keeps the creation
// unknown.
using System.Collections.Generic;
using Cases;
using static Cases.K;

namespace Precision.ImplicitConstructors;

public sealed class FreedFlag
{
    public bool Freed = true;
}

public sealed class ClearedFlag
{
    public bool Freed = false;
}

public sealed class GatherThatFreed
{
    public MmuGather Tlb { get; } = new MmuGather { FreedTables = true };
}

public sealed class GatherThatDidNot
{
    public MmuGather Tlb { get; } = new MmuGather { FreedTables = false };
}

public class FreesInTheBase
{
    public bool Freed = true;
}

public sealed class DerivedFromAnImplicitBase : FreesInTheBase
{
}

public class ClearsInTheBase
{
    // Runs after the derived class's initializers: the base's write wins.
    public bool Freed = false;
}

public sealed class SetsBeforeTheBaseClears : ClearsInTheBase
{
    public bool Unrelated = true;

    public bool SetFirst { get; } = true;
}

public class ExplicitBase
{
    public ExplicitBase()
    {
        Freed = true;
    }

    public bool Freed { get; set; }
}

public sealed class DerivedFromAnExplicitBase : ExplicitBase
{
    public int Users = 1;
}

public sealed class DerivedFromMetadata : List<int>
{
    public bool Freed = true;
}

public sealed class NoInitializers
{
    public bool Freed;
}

public static class Sites
{
    public static void FlagSetByTheInitializer(MmStruct mm)
    {
        var flag = new FreedFlag();
        FlushTlbMmRange(mm, 0, TlbFlushAll, PageShift, flag.Freed);
        TlbRemoveTableSyncOne();
    }

    public static void FlagClearedByTheInitializer(MmStruct mm)
    {
        var flag = new ClearedFlag();
        FlushTlbMmRange(mm, 0, TlbFlushAll, PageShift, flag.Freed);
        TlbRemoveTableSyncOne(); // expect: TLB001
    }

    public static void GatherFromTheInitializer()
    {
        var holder = new GatherThatFreed();
        TlbFlush(holder.Tlb);
        TlbRemoveTableSyncOne();
    }

    public static void GatherThatDidNotFree()
    {
        var holder = new GatherThatDidNot();
        TlbFlush(holder.Tlb);
        TlbRemoveTableSyncOne(); // expect: TLB001
    }

    public static void FlagSetByTheBaseInitializer(MmStruct mm)
    {
        var flag = new DerivedFromAnImplicitBase();
        FlushTlbMmRange(mm, 0, TlbFlushAll, PageShift, flag.Freed);
        TlbRemoveTableSyncOne();
    }

    public static void FlagClearedByTheBaseAfterTheDerived(MmStruct mm)
    {
        var flag = new SetsBeforeTheBaseClears();
        FlushTlbMmRange(mm, 0, TlbFlushAll, PageShift, flag.Freed);
        TlbRemoveTableSyncOne(); // expect: TLB001
    }

    public static void FlagSetByTheExplicitBaseConstructor(MmStruct mm)
    {
        var flag = new DerivedFromAnExplicitBase();
        FlushTlbMmRange(mm, 0, TlbFlushAll, PageShift, flag.Freed);
        TlbRemoveTableSyncOne();
    }

    public static void BaseWithoutSourceStaysUnknown(MmStruct mm)
    {
        var flag = new DerivedFromMetadata();
        FlushTlbMmRange(mm, 0, TlbFlushAll, PageShift, flag.Freed);
        TlbRemoveTableSyncOne(); // expect: TLB001
    }

    public static void NoInitializerWritesNothing(MmStruct mm)
    {
        var flag = new NoInitializers();
        FlushTlbMmRange(mm, 0, TlbFlushAll, PageShift, flag.Freed);
        TlbRemoveTableSyncOne(); // expect: TLB001
    }

    public static void FlagSetThenClearedAfterCreation(MmStruct mm)
    {
        var flag = new FreedFlag();
        flag.Freed = false;
        FlushTlbMmRange(mm, 0, TlbFlushAll, PageShift, flag.Freed);
        TlbRemoveTableSyncOne(); // expect: TLB001
    }
}
