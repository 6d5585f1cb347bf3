// With tlb_analysis.broadcast_checks empty no check is configured: a caller-side guard on the default's name is an
// ordinary condition, and TLB004 stays silent.
// option: tlb_analysis.broadcast_checks =
using Cases;
using static Cases.K;

namespace Precision.RedundantCheckEmptyList;

public static class Sites
{
    public static void NegatedDefaultCheck(MmStruct mm)
    {
        FlushTlbMm(mm);
        if (!TlbTableFlushImpliesIpiBroadcast())
        {
            TlbRemoveTableSyncOne();
        }
    }

    public static void EarlyReturnOnDefaultCheck(MmStruct mm)
    {
        FlushTlbMm(mm);
        if (TlbTableFlushImpliesIpiBroadcast())
            return;
        TlbRemoveTableSyncOne();
    }

    public static void StillAGuardedCall()
    {
        if (!TlbTableFlushImpliesIpiBroadcast())
        {
            TlbRemoveTableSyncOne(); // expect: TLB001
        }
    }
}
