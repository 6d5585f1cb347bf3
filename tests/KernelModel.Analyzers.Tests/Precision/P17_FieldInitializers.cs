// SPEC §5 Precision: field and property initializers run at the start of every constructor that does not chain with
// : this(...) (static ones: of the static constructor), in the same flow state. The implicit constructor is its
// type's initializers: `new T()` through it knows what they write (P20 has more).
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
        // The implicit constructor runs the initializers: the flag they set is known.
        var holder = new HolderWithoutConstructor();
        TlbFlush(holder.Tlb);
        TlbRemoveTableSyncOne();
    }
}
