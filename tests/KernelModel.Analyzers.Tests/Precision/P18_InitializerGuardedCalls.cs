// SPEC §5: field and property initializers run at the start of every constructor that does not chain with : this(...)
// (static ones: of the static constructor), so a guarded call written in one is checked there, in the state the
// initializers before it leave, from the entry states of each constructor that runs it. The implicit constructor, and
// a type without an explicit static constructor, start from nothing known, unflushed.
using System;
using Cases;
using static Cases.K;

namespace Precision.InitializerGuardedCalls;

public static class Sync
{
    /// <summary>A sync method that returns a value, so that an initializer can call it; callers must have flushed the TLB.</summary>
    public static bool TlbRemoveTableSyncOne()
    {
        if (TlbTableFlushImpliesIpiBroadcast())
        {
            return true;
        }

        IpisSent++;
        return true;
    }

    /// <summary>Flushes the whole mm, freeing tables.</summary>
    public static bool FlushedAll(MmStruct mm)
    {
        FlushTlbMm(mm);
        return true;
    }

    /// <summary>Flushes one page: no tables freed.</summary>
    public static bool FlushedPage(VmAreaStruct vma)
    {
        FlushTlbPage(vma, 0);
        return true;
    }
}

public sealed class InstanceFieldThroughTheImplicitConstructor
{
    private readonly bool _synced = Sync.TlbRemoveTableSyncOne(); // expect: TLB001

    public bool Synced => _synced;
}

public sealed class InstanceFieldThroughAnExplicitConstructor
{
    private readonly bool _synced = Sync.TlbRemoveTableSyncOne(); // expect: TLB001

    public InstanceFieldThroughAnExplicitConstructor(int users)
    {
        Users = users;
    }

    public int Users { get; }

    public bool Synced => _synced;
}

public sealed class InstanceFieldAfterAFlushingInitializer
{
    private readonly bool _flushed = Sync.FlushedAll(new MmStruct());
    private readonly bool _synced = Sync.TlbRemoveTableSyncOne();

    public bool Synced => _flushed && _synced;
}

public sealed class InstanceFieldBeforeTheFlushingInitializer
{
    private readonly bool _synced = Sync.TlbRemoveTableSyncOne(); // expect: TLB001
    private readonly bool _flushed = Sync.FlushedAll(new MmStruct());

    public bool Synced => _flushed && _synced;
}

public sealed class InstanceFieldAfterANonQualifyingFlush
{
    private readonly bool _flushed = Sync.FlushedPage(new VmAreaStruct());
    private readonly bool _synced = Sync.TlbRemoveTableSyncOne(); // expect: TLB001

    public bool Synced => _flushed && _synced;
}

public static class StaticFieldWithoutStaticConstructor
{
    private static readonly bool s_synced = Sync.TlbRemoveTableSyncOne(); // expect: TLB001

    public static bool Synced => s_synced;
}

public static class StaticFieldWithStaticConstructor
{
    private static readonly bool s_synced = Sync.TlbRemoveTableSyncOne(); // expect: TLB001

    static StaticFieldWithStaticConstructor()
    {
        IpisSent++;
    }

    public static bool Synced => s_synced;
}

public static class StaticFieldAfterAFlushingStaticInitializer
{
    private static readonly bool s_flushed = Sync.FlushedAll(new MmStruct());
    private static readonly bool s_synced = Sync.TlbRemoveTableSyncOne();

    public static bool Synced => s_flushed && s_synced;
}

public sealed class StaticAndInstanceInitializersRunApart
{
    // The instance flush does not run before the static initializers.
    private static readonly bool s_synced = Sync.TlbRemoveTableSyncOne(); // expect: TLB001
    private readonly bool _flushed = Sync.FlushedAll(new MmStruct());
    private readonly bool _synced = Sync.TlbRemoveTableSyncOne();

    public bool Synced => s_synced && _flushed && _synced;
}

public sealed class PropertyInitializer
{
    public bool Synced { get; } = Sync.TlbRemoveTableSyncOne(); // expect: TLB001
}

public sealed class PropertyInitializerAfterAFlushingProperty
{
    public bool Flushed { get; } = Sync.FlushedAll(new MmStruct());

    public bool Synced { get; } = Sync.TlbRemoveTableSyncOne();
}

public static class StaticPropertyInitializer
{
    public static bool Synced { get; } = Sync.TlbRemoveTableSyncOne(); // expect: TLB001
}

public sealed class LambdaInAnInitializer
{
    // A lambda may run at any time: it starts unflushed, whatever ran before it was created.
    private readonly bool _flushed = Sync.FlushedAll(new MmStruct());
    private readonly Action _later = () => TlbRemoveTableSyncOne(); // expect: TLB001
    private readonly Action<MmStruct> _flushThenSync = mm =>
    {
        FlushTlbMm(mm);
        TlbRemoveTableSyncOne();
    };

    public void Run(MmStruct mm)
    {
        _later();
        _flushThenSync(mm);
        _ = _flushed;
    }
}

public sealed class ConstructorWithItsOwnGuardedCall
{
    // The constructor is analysed for its own sync; the initializer's sync is still reported once, not once more with it.
    private readonly bool _synced = Sync.TlbRemoveTableSyncOne(); // expect: TLB001

    public ConstructorWithItsOwnGuardedCall(MmStruct mm)
    {
        TlbRemoveTableSyncOne(); // expect: TLB001
        FlushTlbMm(mm);
        TlbRemoveTableSyncOne();
    }

    public bool Synced => _synced;
}
