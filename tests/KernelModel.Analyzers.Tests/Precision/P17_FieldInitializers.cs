// SPEC §5 Precision: field and property initializers run at the start of every constructor that does not chain with
// : this(...) (static ones: of the static constructor), in the same flow state. A constructor with no source (the
// implicit one) stays conservative: what its initializers write is not known at `new T()`.
using Cases;
using static Cases.K;

namespace Precision.FieldInitializers;

public sealed class FlagSetByInitializer
{
    private readonly MmuGather _tlb = new MmuGather { FreedTables = true };

    public FlagSetByInitializer()
    {
        TlbFlush(_tlb);
        TlbRemoveTableSyncOne();
    }
}

public sealed class FlagClearedByInitializer
{
    private readonly MmuGather _tlb = new MmuGather { FreedTables = false };

    public FlagClearedByInitializer()
    {
        TlbFlush(_tlb);
        TlbRemoveTableSyncOne(); // expect: TLB001
    }
}

public sealed class PropertyInitializerSetsTheFlag
{
    public PropertyInitializerSetsTheFlag()
    {
        TlbFlush(Tlb);
        TlbRemoveTableSyncOne();
    }

    public MmuGather Tlb { get; } = new MmuGather { FreedTables = true };
}

public sealed class ChainedConstructorRunsInitializersOnce
{
    private readonly MmuGather _tlb = new MmuGather { FreedTables = true };

    public ChainedConstructorRunsInitializersOnce(bool clear)
    {
        if (clear)
        {
            _tlb.FreedTables = false;
        }
    }

    public ChainedConstructorRunsInitializersOnce()
        : this(true)
    {
        // The initializers ran once, before this(true) cleared the flag; they do not run again here.
        TlbFlush(_tlb);
        TlbRemoveTableSyncOne(); // expect: TLB001
    }

    public ChainedConstructorRunsInitializersOnce(string reason)
        : this(false)
    {
        _ = reason;
        TlbFlush(_tlb);
        TlbRemoveTableSyncOne();
    }
}

public static class StaticFlagSetByInitializer
{
    private static readonly MmuGather s_tlb = new MmuGather { FreedTables = true };

    static StaticFlagSetByInitializer()
    {
        TlbFlush(s_tlb);
        TlbRemoveTableSyncOne();
    }
}

public static class StaticFlagClearedByInitializer
{
    private static readonly MmuGather s_tlb = new MmuGather { FreedTables = false };

    static StaticFlagClearedByInitializer()
    {
        TlbFlush(s_tlb);
        TlbRemoveTableSyncOne(); // expect: TLB001
    }
}

public sealed class HolderWithConstructor
{
    public HolderWithConstructor()
    {
    }

    public MmuGather Tlb { get; } = new MmuGather { FreedTables = true };
}

public sealed class HolderWithoutConstructor
{
    public MmuGather Tlb { get; } = new MmuGather { FreedTables = true };
}

public static class Sites
{
    public static void CreatedThenUsed()
    {
        var holder = new HolderWithConstructor();
        TlbFlush(holder.Tlb);
        TlbRemoveTableSyncOne();
    }

    public static void CreatedThroughTheImplicitConstructor()
    {
        // Conservative: the implicit constructor has no body to summarise, so its initializers' writes are unknown.
        var holder = new HolderWithoutConstructor();
        TlbFlush(holder.Tlb);
        TlbRemoveTableSyncOne(); // expect: TLB001
    }
}
