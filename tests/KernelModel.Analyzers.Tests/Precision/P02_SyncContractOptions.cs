// tlb_analysis.broadcast_checks names the checks (here a project's own); an architecture whose check is always
// false needs no flush before the sync, one whose check may be true does.
// option: tlb_analysis.broadcast_checks = ArchSkipsSyncIpi
using Cases;
using static Cases.K;

namespace Precision.SyncContractOptions;

public static class Arch
{
    public static bool ArchSkipsSyncIpi() => false;

    // Not configured any more: its being false says nothing.
    public static bool TlbTableFlushImpliesIpiBroadcast() => false;

    /// <summary>Callers must have flushed the TLB unless the configured check is false.</summary>
    public static void TlbRemoveTableSyncOne()
    {
        if (ArchSkipsSyncIpi())
        {
            return;
        }

        IpisSent++;
    }
}

public static class Legacy
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
    public static void Configured() => Arch.TlbRemoveTableSyncOne();

    public static void NotConfigured()
    {
        Legacy.TlbRemoveTableSyncOne(); // expect: TLB001
    }
}
