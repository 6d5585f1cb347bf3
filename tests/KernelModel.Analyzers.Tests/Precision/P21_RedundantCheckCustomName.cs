// TLB004 honours tlb_analysis.broadcast_checks: a caller-side guard on a configured check (here a project's own
// name) around a sync that returns early on the same check is redundant; a guard on a name that is not configured
// any more (the default's) is an ordinary condition and stays silent.
// option: tlb_analysis.broadcast_checks = ArchSkipsSyncIpi
using Cases;
using static Cases.K;

namespace Precision.RedundantCheckCustomName;

public static class Arch
{
    public static bool SkipKey;

    public static bool ArchSkipsSyncIpi() => SkipKey;

    public static bool TlbTableFlushImpliesIpiBroadcast() => SkipKey;

    /// <summary>Callers must have flushed the TLB unless the configured check is false.</summary>
    public static void TlbRemoveTableSyncOne()
    {
        if (ArchSkipsSyncIpi())
        {
            return;
        }

        IpisSent++;
    }

    /// <summary>Callers must have flushed the TLB; returns early on the check that is no longer configured.</summary>
    public static void TlbRemoveTableSyncRcu()
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
    public static void NegatedConfiguredCheck(MmStruct mm)
    {
        FlushTlbMm(mm);
        if (!Arch.ArchSkipsSyncIpi()) // expect: TLB004
        {
            Arch.TlbRemoveTableSyncOne();
        }
    }

    public static void EarlyReturnOnConfiguredCheck(MmStruct mm)
    {
        FlushTlbMm(mm);
        if (Arch.ArchSkipsSyncIpi()) // expect: TLB004
            return;
        Arch.TlbRemoveTableSyncOne();
    }

    public static void DefaultNameNoLongerConfigured(MmStruct mm)
    {
        FlushTlbMm(mm);
        if (!Arch.TlbTableFlushImpliesIpiBroadcast())
        {
            Arch.TlbRemoveTableSyncRcu();
        }
    }

    public static void ConfiguredCheckTheSyncDoesNotMake(MmStruct mm)
    {
        // The sync returns early on another check: the caller's guard is not the one it repeats.
        FlushTlbMm(mm);
        if (!Arch.ArchSkipsSyncIpi())
        {
            Arch.TlbRemoveTableSyncRcu();
        }
    }
}
