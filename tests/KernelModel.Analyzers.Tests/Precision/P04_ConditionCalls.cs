// SPEC §4: a condition may call an accessible parameterless static bool method, qualified or not, bound as if
// written in the contract's method and evaluated through its summary (a constant where the body returns one).
// Also: the final x86 series names its flag parameter wakeLazyCpus, a default flag parameter.
using Cases;
using static Cases.K;

namespace Precision.ConditionCalls;

public static class Config
{
    public static bool NeverBroadcasts() => false;

    public static bool AlwaysBroadcasts() => true;

    public static bool MayBroadcast() => IpiBroadcastKey;

    public static bool WithArgument(bool value) => value;

    public static int NotABool() => 0;

    public static bool Instance => true;
}

public sealed class Gate
{
    public bool Open() => true;
}

public static class Contracts
{
    public static bool LocalSwitch() => false;

    /// <summary>Callers must have flushed the TLB, unless this configuration never broadcasts.</summary>
    [RequiresTableFlush(Unless = "!Config.NeverBroadcasts()")]
    public static void FreeWhereNeverBroadcasts(MmuGather tlb)
    {
    }

    /// <summary>Callers must have flushed the TLB, unless this configuration never broadcasts.</summary>
    [RequiresTableFlush(Unless = "!Config.MayBroadcast()")]
    public static void FreeWhereMayBroadcast(MmuGather tlb)
    {
    }

    /// <summary>Callers must have flushed the TLB, unless the local switch is off (unqualified).</summary>
    [RequiresTableFlush(Unless = "LocalSwitch() == false")]
    public static void FreeUnqualified(MmuGather tlb)
    {
    }

    /// <summary>Needs FreedTables, unless this configuration never broadcasts.</summary>
    [RequiresCondition("!Config.NeverBroadcasts() || tlb.FreedTables")]
    public static void QueueWhereNeverBroadcasts(MmuGather tlb)
    {
    }

    /// <summary>Needs the configuration to broadcast.</summary>
    [RequiresCondition("Config.MayBroadcast()")]
    public static void QueueWhenBroadcasting(MmuGather tlb)
    {
    }

    /// <summary>Needs the configuration to broadcast, which it always does.</summary>
    [RequiresCondition("Config.AlwaysBroadcasts() && !Config.NeverBroadcasts()")]
    public static void QueueAlwaysFine(MmuGather tlb)
    {
    }

    /// <summary>Flush contract: the entry disjunct of a condition that is always false does not exist, so the body is flushed.</summary>
    [RequiresTableFlush(Unless = "Config.NeverBroadcasts()")]
    public static void BodyIsFlushed(MmuGather tlb)
    {
        TlbRemoveTableSyncOne();
    }

    /// <summary>Flush contract with a call that does not bind.</summary>
    [RequiresTableFlush(Unless = "Missing()")] // expect: TLB006
    public static void Malformed1(MmuGather tlb)
    {
    }

    /// <summary>Flush contract calling a method with a parameter.</summary>
    [RequiresTableFlush(Unless = "Config.WithArgument(true)")] // expect: TLB006
    public static void Malformed2(MmuGather tlb)
    {
    }

    /// <summary>Flush contract calling a method that is not bool.</summary>
    [RequiresTableFlush(Unless = "Config.NotABool() == 0")] // expect: TLB006
    public static void Malformed3(MmuGather tlb)
    {
    }

    /// <summary>Flush contract calling an instance method.</summary>
    [RequiresTableFlush(Unless = "new Gate().Open()")] // expect: TLB006
    public static void Malformed4(MmuGather tlb)
    {
    }
}

public static class X86Final
{
    public static void FlushTlbMmRange(MmStruct mm, ulong start, ulong end, bool wakeLazyCpus)
    {
        if (wakeLazyCpus && mm.Users > 0)
        {
            IpisSent++;
        }
    }
}

public static class Sites
{
    public static void NeverBroadcasts(MmuGather tlb) => Contracts.FreeWhereNeverBroadcasts(tlb);

    public static void MayBroadcast(MmuGather tlb)
    {
        Contracts.FreeWhereMayBroadcast(tlb); // expect: TLB001
    }

    public static void MayBroadcastAfterFlush(MmuGather tlb)
    {
        FlushTlbMm(tlb.Mm);
        Contracts.FreeWhereMayBroadcast(tlb);
    }

    public static void Unqualified(MmuGather tlb) => Contracts.FreeUnqualified(tlb);

    public static void Conditions(MmuGather tlb)
    {
        Contracts.QueueWhereNeverBroadcasts(tlb);
        Contracts.QueueAlwaysFine(tlb);
        Contracts.QueueWhenBroadcasting(tlb); // expect: TLB002
    }

    public static void WakesLazyCpus(MmStruct mm)
    {
        X86Final.FlushTlbMmRange(mm, 0, TlbFlushAll, wakeLazyCpus: true);
        TlbRemoveTableSyncOne();
    }

    public static void LeavesLazyCpusAsleep(MmStruct mm)
    {
        X86Final.FlushTlbMmRange(mm, 0, TlbFlushAll, wakeLazyCpus: false);
        TlbRemoveTableSyncOne(); // expect: TLB001
    }
}
