// SPEC §4, the sync methods' own contract: a sync behaves as if it carried
// [RequiresTableFlush(Unless = "!TlbTableFlushImpliesIpiBroadcast()")], the check bound as an unqualified call in
// the sync's own body would bind. Where that check is definitely false (the generic default), the sync sends its own
// IPI and needs no prior flush; anywhere else the requirement stands.
using Cases;
using static Cases.K;

namespace Precision.SyncOwnContract;

// A configuration whose architecture does not override the generic default (powerpc, sparc).
public static class Generic
{
    public static bool TlbTableFlushImpliesIpiBroadcast() => false;

    /// <summary>Waits for lockless walkers; callers must have flushed the TLB unless the check is false.</summary>
    public static void TlbRemoveTableSyncOne()
    {
        if (TlbTableFlushImpliesIpiBroadcast())
        {
            return;
        }

        IpisSent++;
    }

    /// <summary>Waits for an RCU grace period; callers must have flushed the TLB unless the check is false.</summary>
    public static void TlbRemoveTableSyncRcu()
    {
        if (TlbTableFlushImpliesIpiBroadcast())
        {
            return;
        }

        IpisSent++;
    }
}

// The check is false through a const configuration switch, on every path of a longer body.
public static class ConstSwitch
{
    private const bool ArchHasBroadcast = false;

    public static bool TlbTableFlushImpliesIpiBroadcast()
    {
        if (IpisSent > 3)
        {
            return ArchHasBroadcast;
        }

        return false;
    }

    /// <summary>Sends its own IPI; callers must have flushed the TLB unless the check is false.</summary>
    public static void TlbRemoveTableSyncOne()
    {
        if (!TlbTableFlushImpliesIpiBroadcast())
        {
            IpisSent++;
        }
    }
}

// x86: the check reads a static key, so it may be true and the caller must have flushed.
public static class X86
{
    public static bool Key;

    public static bool TlbTableFlushImpliesIpiBroadcast() => Key;

    /// <summary>Skipped after a broadcasting flush; callers must have flushed the TLB.</summary>
    public static void TlbRemoveTableSyncOne()
    {
        if (TlbTableFlushImpliesIpiBroadcast())
        {
            return;
        }

        IpisSent++;
    }
}

// The check is always true: the sync never sends an IPI of its own, so it relies on the caller's flush.
public static class AlwaysBroadcast
{
    public static bool TlbTableFlushImpliesIpiBroadcast() => true;

    /// <summary>Never sends an IPI itself; callers must have flushed the TLB.</summary>
    public static void TlbRemoveTableSyncOne()
    {
        if (TlbTableFlushImpliesIpiBroadcast())
        {
            return;
        }

        IpisSent++;
    }
}

// No check is in scope in the sync's body: the requirement is unconditional, whatever the sync does.
public static class NoCheck
{
    /// <summary>Always sends an IPI; callers must have flushed the TLB all the same.</summary>
    public static void TlbRemoveTableSyncOne() => IpisSent++;
}

// The kernel's spelling, with the check declared by the enclosing type: bound as an unqualified call in the body binds.
public static class SnakeCase
{
    public static bool tlb_table_flush_implies_ipi_broadcast() => false;

    public static class Sync
    {
        /// <summary>Callers must have flushed the TLB unless the check is false.</summary>
        public static void tlb_remove_table_sync_one()
        {
            if (tlb_table_flush_implies_ipi_broadcast())
            {
                return;
            }

            IpisSent++;
        }
    }
}

// The check is false but only reachable qualified: an unqualified call in the sync's body would not bind to it.
public static class QualifiedOnly
{
    /// <summary>Callers must have flushed the TLB.</summary>
    public static void TlbRemoveTableSyncOne()
    {
        if (Generic.TlbTableFlushImpliesIpiBroadcast())
        {
            return;
        }

        IpisSent++;
    }
}

// A check with a parameter is not a broadcast check.
public static class CheckWithParameter
{
    public static bool TlbTableFlushImpliesIpiBroadcast(bool force) => force;

    /// <summary>Callers must have flushed the TLB.</summary>
    public static void TlbRemoveTableSyncOne()
    {
        if (TlbTableFlushImpliesIpiBroadcast(false))
        {
            return;
        }

        IpisSent++;
    }
}

public static class Sites
{
    public static void GenericNeedsNoFlush()
    {
        Generic.TlbRemoveTableSyncOne();
        Generic.TlbRemoveTableSyncRcu();
    }

    public static void GenericInALoopAndABranch(bool again)
    {
        for (int i = 0; i < 4; i++)
        {
            if (again)
            {
                Generic.TlbRemoveTableSyncOne();
            }
        }
    }

    public static void ConstSwitchNeedsNoFlush() => ConstSwitch.TlbRemoveTableSyncOne();

    public static void X86WithoutFlush()
    {
        X86.TlbRemoveTableSyncOne(); // expect: TLB001
    }

    public static void X86AfterFlush(MmStruct mm)
    {
        FlushTlbMm(mm);
        X86.TlbRemoveTableSyncOne();
    }

    public static void AlwaysBroadcastWithoutFlush()
    {
        AlwaysBroadcast.TlbRemoveTableSyncOne(); // expect: TLB001
    }

    public static void NoCheckWithoutFlush()
    {
        NoCheck.TlbRemoveTableSyncOne(); // expect: TLB001
    }

    public static void CheckWithParameterWithoutFlush()
    {
        CheckWithParameter.TlbRemoveTableSyncOne(); // expect: TLB001
    }

    public static void KernelModelStillNeedsItsFlush()
    {
        TlbRemoveTableSyncOne(); // expect: TLB001
    }

    public static void SnakeCaseNeedsNoFlush() => SnakeCase.Sync.tlb_remove_table_sync_one();

    public static void QualifiedOnlyWithoutFlush()
    {
        QualifiedOnly.TlbRemoveTableSyncOne(); // expect: TLB001
    }

    public static void LambdaGenericNeedsNoFlush()
    {
        System.Action sync = () => Generic.TlbRemoveTableSyncOne();
        sync();
    }
}
