// SPEC §5: an initializer runs in every constructor that does not chain with : this(...), from that constructor's entry
// states (its own contracts apply); a call in it is proved only if proved under every such constructor. A constructor
// initializer's arguments (: base(...)) are part of the constructor, after the field initializers.
using System;
using Cases;
using static Cases.K;

namespace Precision.InitializerConstructors;

/// <summary>The contract attributes, also for constructors (matched by name, as the generated ones are).</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Constructor)]
public sealed class RequiresTableFlushAttribute : Attribute
{
}

[AttributeUsage(AttributeTargets.Method | AttributeTargets.Constructor, AllowMultiple = true)]
public sealed class RequiresConditionAttribute : Attribute
{
    public RequiresConditionAttribute(string condition) => Condition = condition;

    public string Condition { get; }
}

public static class Sync
{
    /// <summary>A sync method that returns a value; callers must have flushed the TLB.</summary>
    public static bool TlbRemoveTableSyncOne()
    {
        if (TlbTableFlushImpliesIpiBroadcast())
        {
            return true;
        }

        IpisSent++;
        return true;
    }

    /// <summary>Needs a prior table flush.</summary>
    [RequiresTableFlush]
    public static bool FreeTables() => true;

    /// <summary>Needs tlb.FreedTables (its flush is then a table flush).</summary>
    [RequiresCondition("tlb.FreedTables")]
    public static bool FreeBatch(MmuGather tlb) => tlb.FreedTables;

    /// <summary>Needs freed to be set.</summary>
    [RequiresCondition("freed")]
    public static bool FreeIf(bool freed) => freed;

    public static bool Flushed(MmStruct mm)
    {
        FlushTlbMm(mm);
        return true;
    }
}

public sealed class OnlyConstructorRequiresTheFlush
{
    private readonly bool _synced = Sync.TlbRemoveTableSyncOne();
    private readonly bool _freed = Sync.FreeTables();

    /// <summary>Callers must have flushed the TLB.</summary>
    [RequiresTableFlush]
    public OnlyConstructorRequiresTheFlush()
    {
    }

    public bool Done => _synced && _freed;
}

public sealed class AnotherConstructorDoesNot
{
    private readonly bool _synced = Sync.TlbRemoveTableSyncOne(); // expect: TLB001
    private readonly bool _freed = Sync.FreeTables(); // expect: TLB001

    /// <summary>Callers must have flushed the TLB.</summary>
    [RequiresTableFlush]
    public AnotherConstructorDoesNot()
    {
    }

    public AnotherConstructorDoesNot(int users)
    {
        Users = users;
    }

    public int Users { get; }

    public bool Done => _synced && _freed;
}

public sealed class OtherConstructorChainsToTheFlushedOne
{
    private readonly bool _synced = Sync.TlbRemoveTableSyncOne();

    /// <summary>Callers must have flushed the TLB.</summary>
    [RequiresTableFlush]
    public OtherConstructorChainsToTheFlushedOne(int users)
    {
        Users = users;
    }

    // Chains with this(...): the initializers run in the constructor it calls, not here; the call itself needs the flush.
    public OtherConstructorChainsToTheFlushedOne()
        : this(1) // expect: TLB001
    {
    }

    public int Users { get; }

    public bool Synced => _synced;
}

public sealed class OtherConstructorCallsBase
{
    private readonly bool _synced = Sync.TlbRemoveTableSyncOne(); // expect: TLB001

    /// <summary>Callers must have flushed the TLB.</summary>
    [RequiresTableFlush]
    public OtherConstructorCallsBase(int users)
    {
        Users = users;
    }

    public OtherConstructorCallsBase()
        : base()
    {
    }

    public int Users { get; }

    public bool Synced => _synced;
}

public sealed class ConditionInAnInitializer
{
    private readonly bool _plainFreed = Sync.FreeBatch(new MmuGather()); // expect: TLB002

    public bool FromAFreedGather { get; } = Sync.FreeBatch(new MmuGather { FreedTables = true });

    public bool FromTrue { get; } = Sync.FreeIf(true);

    public bool FromFalse { get; } = Sync.FreeIf(false); // expect: TLB002

    public bool Freed => _plainFreed;
}

public static class ConditionOnAnEarlierStaticInitializer
{
    private static readonly MmuGather s_freedTlb = new MmuGather { FreedTables = true };
    private static readonly MmuGather s_plainTlb = new MmuGather { FreedTables = false };
    private static readonly bool s_freed = Sync.FreeBatch(s_freedTlb);
    private static readonly bool s_plain = Sync.FreeBatch(s_plainTlb); // expect: TLB002

    public static bool Both => s_freed && s_plain;
}

public sealed class ConditionFromTheConstructorsContract
{
    private static readonly bool s_unknown = DateTime.Now.Ticks > 0;

    private readonly bool _freed = Sync.FreeIf(s_unknown); // expect: TLB002

    /// <summary>Callers must have flushed the TLB; the flag of the condition is another matter.</summary>
    [RequiresTableFlush]
    public ConditionFromTheConstructorsContract()
    {
    }

    public bool Freed => _freed;
}

public class Base
{
    protected Base(bool synced)
    {
        Synced = synced;
    }

    public bool Synced { get; }
}

public sealed class ConstructorInitializerArgument : Base
{
    private readonly bool _flushed = Sync.Flushed(new MmStruct());

    // Field initializers run before the base constructor call: this flush covers the argument's sync.
    public ConstructorInitializerArgument()
        : base(Sync.TlbRemoveTableSyncOne())
    {
    }

    public bool Flushed => _flushed;
}

public sealed class ConstructorInitializerArgumentUnflushed : Base
{
    public ConstructorInitializerArgumentUnflushed()
        : base(Sync.TlbRemoveTableSyncOne()) // expect: TLB001
    {
    }

    /// <summary>Callers must have flushed the TLB.</summary>
    [RequiresTableFlush]
    public ConstructorInitializerArgumentUnflushed(int users)
        : base(Sync.TlbRemoveTableSyncOne())
    {
        Users = users;
    }

    public ConstructorInitializerArgumentUnflushed(string reason)
        : this(Sync.FreeTables() ? 1 : 0) // expect: TLB001
    {
        _ = reason;
    }

    public int Users { get; }
}

public static class CreationSites
{
    // A constructor's [RequiresTableFlush] is what proved its initializers: it is checked where the object is created.
    public static object Unflushed() => new OnlyConstructorRequiresTheFlush(); // expect: TLB001

    public static object Flushed(MmStruct mm)
    {
        FlushTlbMm(mm);
        return new OnlyConstructorRequiresTheFlush();
    }

    public static OnlyConstructorRequiresTheFlush TargetTyped() => new(); // expect: TLB001

    public static object OtherConstructor() => new AnotherConstructorDoesNot(1);
}
