// The other parts: the flush of A.cs's part runs before this part's initializers.
using static Cases.K;

namespace Precision.PartialTypeInitializers;

public sealed partial class SplitGather
{
    private readonly bool _syncedAfter = Sync.TlbRemoveTableSyncOne();

    public SplitGather(int users)
    {
        Users = users;
        TlbRemoveTableSyncOne(); // flushed by the initializer in A.cs
    }

    public int Users { get; }

    public bool After => _syncedAfter;
}

public sealed partial class OtherPartHasTheConstructor
{
    private readonly bool _alsoSynced = Sync.TlbRemoveTableSyncOne(); // expect: TLB001

    public OtherPartHasTheConstructor(int users)
    {
        Users = users;
    }

    public int Users { get; }

    public bool AlsoSynced => _alsoSynced;
}
