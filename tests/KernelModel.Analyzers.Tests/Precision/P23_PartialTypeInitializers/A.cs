// A partial type split over two files: its initializers run in declaration order, this file's part first, under the
// constructors of both parts; each file reports the calls written in it.
using Cases;
using static Cases.K;

namespace Precision.PartialTypeInitializers;

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

    public static bool Flushed(MmStruct mm)
    {
        FlushTlbMm(mm);
        return true;
    }
}

public sealed partial class SplitGather
{
    private readonly bool _syncedFirst = Sync.TlbRemoveTableSyncOne(); // expect: TLB001
    private readonly bool _flushed = Sync.Flushed(new MmStruct());

    public SplitGather()
    {
    }

    public bool First => _syncedFirst && _flushed;
}

public sealed partial class OtherPartHasTheConstructor
{
    private readonly bool _synced = Sync.TlbRemoveTableSyncOne(); // expect: TLB001

    public bool Synced => _synced;
}
