// SPEC §5 Precision: property and indexer accessors with bodies are calls like any other (summarised when their source
// is in the compilation); auto-properties stay access paths. Unsound before: a setter that cleared FreedTables was
// taken for a write to a bool of its own.
using Cases;
using static Cases.K;

namespace Precision.PropertyAccessors;

public sealed class Wrapper
{
    public MmuGather Gather = new();

    public MmuGather AutoGather { get; set; } = new();

    public bool Freed
    {
        get => Gather.FreedTables;
        set => Gather.FreedTables = value;
    }

    public bool Pending => Gather.FreedTables || Gather.UnsharedTables;

    public bool this[int level]
    {
        get => Gather.FreedTables;
        set
        {
            if (level >= 0)
            {
                Gather.FreedTables = value;
            }
        }
    }

    public void SetThroughOwnProperty()
    {
        Freed = true;
        TlbFlush(Gather);
        TlbRemoveTableSyncOne();
    }

    public void ClearThroughOwnProperty()
    {
        Gather.FreedTables = true;
        this.Freed = false;
        TlbFlush(this.Gather);
        TlbRemoveTableSyncOne(); // expect: TLB001
    }
}

public static class Config
{
    public static MmuGather Shared = new();

    public static bool SharedFreed
    {
        get => Shared.FreedTables;
        set => Shared.FreedTables = value;
    }
}

public static class Sites
{
    public static void SetterSetsTheFlag(Wrapper w)
    {
        w.Freed = true;
        TlbFlush(w.Gather);
        TlbRemoveTableSyncOne();
    }

    public static void SetterClearsTheFlag(Wrapper w)
    {
        w.Gather.FreedTables = true;
        w.Freed = false;
        TlbFlush(w.Gather);
        TlbRemoveTableSyncOne(); // expect: TLB001
    }

    public static void CompoundSetter(Wrapper w)
    {
        w.Freed |= true;
        TlbFlush(w.Gather);
        TlbRemoveTableSyncOne();
    }

    public static void GetterReadsTheFlag(Wrapper w)
    {
        if (w.Freed)
        {
            TlbFlush(w.Gather);
            TlbRemoveTableSyncOne();
        }
    }

    public static void GetterComputesAFact(Wrapper w)
    {
        if (w.Pending)
        {
            TlbFlush(w.Gather);
            TlbRemoveTableSyncOne();
        }
    }

    public static void GetterComputesTheWrongFact(Wrapper w)
    {
        if (!w.Pending)
        {
            TlbFlush(w.Gather);
            TlbRemoveTableSyncOne(); // expect: TLB001
        }
    }

    public static void IndexerSetterSets(Wrapper w)
    {
        w.Gather.FreedTables = false;
        w[0] = true;
        TlbFlushMmuTlbonly(w.Gather);
        TlbRemoveTableSyncOne(); // expect: TLB001
    }

    public static void IndexerGetter(Wrapper w)
    {
        if (w[1])
        {
            TlbFlush(w.Gather);
            TlbRemoveTableSyncOne();
        }
    }

    public static void IndexerSetterClears(Wrapper w)
    {
        w.Gather.FreedTables = true;
        w[2] = false;
        TlbFlush(w.Gather);
        TlbRemoveTableSyncOne(); // expect: TLB001
    }

    public static void StaticSetter()
    {
        Config.SharedFreed = true;
        TlbFlush(Config.Shared);
        TlbRemoveTableSyncOne();
    }

    public static void StaticSetterClears()
    {
        Config.Shared.FreedTables = true;
        Config.SharedFreed = false;
        TlbFlush(Config.Shared);
        TlbRemoveTableSyncOne(); // expect: TLB001
    }

    public static void AutoPropertyIsAPath(Wrapper w)
    {
        w.AutoGather.UnsharedTables = true;
        TlbFlush(w.AutoGather);
        TlbRemoveTableSyncOne();
    }

    public static void SetterInALoop(Wrapper w, int rounds)
    {
        for (int i = 0; i < rounds; i++)
        {
            w.Freed = true;
            TlbFlush(w.Gather);
            TlbRemoveTableSyncOne();
            w.Freed = false;
        }
    }

    public static void ClearedInTheLoopBeforeTheFlush(Wrapper w, int rounds)
    {
        w.Gather.FreedTables = true;
        for (int i = 0; i < rounds; i++)
        {
            w.Freed = false;
            TlbFlush(w.Gather);
            TlbRemoveTableSyncOne(); // expect: TLB001
        }
    }
}
