// An empty tlb_analysis.broadcast_checks makes every sync's requirement unconditional.
// option: tlb_analysis.broadcast_checks =
using Cases;
using static Cases.K;

namespace Precision.SyncContractEmptyList;

public static class Generic
{
    public static bool TlbTableFlushImpliesIpiBroadcast() => false;

    /// <summary>Callers must have flushed the TLB.</summary>
    public static void TlbRemoveTableSyncOne()
    {
        if (TlbTableFlushImpliesIpiBroadcast())
        {
            return;
        }

        IpisSent++;
    }
}

public static class Sites
{
    public static void WithoutFlush()
    {
        Generic.TlbRemoveTableSyncOne(); // expect: TLB001
    }

    public static void AfterFlush(MmStruct mm)
    {
        FlushTlbMm(mm);
        Generic.TlbRemoveTableSyncOne();
    }
}
