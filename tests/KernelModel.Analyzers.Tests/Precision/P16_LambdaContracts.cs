// SPEC §5 Precision: a contract attribute on a lambda is malformed (TLB006), since its callers cannot be known; the
// guarded call inside is still checked from an unflushed state. Other attributes on lambdas are not reported.
using System;
using System.Diagnostics.CodeAnalysis;
using Cases;
using static Cases.K;

namespace Precision.LambdaContracts;

public static class Sites
{
    public static void RequiresFlushOnALambda()
    {
        Action sync = [RequiresTableFlush] () => TlbRemoveTableSyncOne(); // expect: TLB006, TLB001
        sync();
    }

    public static Func<MmuGather, bool> RequiresConditionOnALambda() =>
        [RequiresCondition("tlb.FreedTables")] (MmuGather tlb) => tlb.Start == 0; // expect: TLB006

    public static Action<MmuGather> EnsuresOnAStaticLambda() =>
        [EnsuresTableFlush] static (MmuGather tlb) => // expect: TLB006
        {
            tlb.FreedTables = true;
            TlbFlush(tlb);
        };

    public static void InALoop(MmuGather[] gathers)
    {
        foreach (MmuGather tlb in gathers)
        {
            Action<MmuGather> flush = [RequiresCondition("g.FreedTables")] (MmuGather g) => TlbFlush(g); // expect: TLB006
            flush(tlb);
        }
    }

    public static void OtherAttributeOnALambda()
    {
        Action note = [SuppressMessage("Style", "IDE0000")] () => IpisSent++;
        note();
    }
}
