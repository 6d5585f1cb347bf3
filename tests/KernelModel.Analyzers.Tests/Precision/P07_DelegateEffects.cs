// SPEC §5 Precision, lambdas and delegates: an unknown call that receives a delegate (or invokes one) makes unknown
// every fact on what the delegate's lambda captures or writes. Unsound before: a delegate that cleared a captured
// gather's flag, invoked before the flush, left the caller believing the flag was still set.
using System;
using Cases;
using static Cases.K;

namespace Precision.DelegateEffects;

public static class Runner
{
    public static void Run(Action action) => action();

    public static void RunLater(Action action) => Pending = action;

    public static void RunPending() => Pending?.Invoke();

    public static Action? Pending;

    public static void Log(object value) => Console.WriteLine(value);

    public static T Call<T>(Func<T> function) => function();
}

public sealed class Gatherer
{
    public MmuGather Tlb = new();

    public void ClearOnCallback(Action<Action> subscribe) => subscribe(() => Tlb.FreedTables = false);

    public void InstanceLambda()
    {
        Tlb.FreedTables = true;
        Action clear = () => Tlb.FreedTables = false;
        clear();
        TlbFlush(Tlb);
        TlbRemoveTableSyncOne(); // expect: TLB001
    }

    public void InstanceLambdaNotRun()
    {
        Tlb.FreedTables = true;
        Action clear = () => Tlb.FreedTables = false;
        TlbFlush(Tlb);
        TlbRemoveTableSyncOne();
        clear();
    }
}

public static class Sites
{
    public static void InvokedLambdaClears(MmuGather tlb)
    {
        tlb.FreedTables = true;
        Action clear = () => tlb.FreedTables = false;
        clear();
        TlbFlush(tlb);
        TlbRemoveTableSyncOne(); // expect: TLB001
    }

    public static void InvokeMethodClears(MmuGather tlb)
    {
        tlb.FreedTables = true;
        Action clear = () => TlbResetRange(tlb);
        clear.Invoke();
        TlbFlush(tlb);
        TlbRemoveTableSyncOne(); // expect: TLB001
    }

    public static void ConditionalInvokeClears(MmuGather tlb)
    {
        tlb.FreedTables = true;
        Action? clear = () => tlb.FreedTables = false;
        clear?.Invoke();
        TlbFlush(tlb);
        TlbRemoveTableSyncOne(); // expect: TLB001
    }

    public static void PassedToAHelperWithSource(MmuGather tlb)
    {
        tlb.FreedTables = true;
        Runner.Run(() => tlb.FreedTables = false);
        TlbFlush(tlb);
        TlbRemoveTableSyncOne(); // expect: TLB001
    }

    public static void StoredThenRunByAnotherCall(MmuGather tlb)
    {
        Runner.RunLater(() => tlb.FreedTables = false);
        tlb.FreedTables = true;
        Runner.RunPending();
        TlbFlush(tlb);
        TlbRemoveTableSyncOne(); // expect: TLB001
    }

    public static void GenericFunction(MmuGather tlb)
    {
        tlb.FreedTables = true;
        bool cleared = Runner.Call(() => tlb.FreedTables = false);
        TlbFlush(tlb);
        TlbRemoveTableSyncOne(); // expect: TLB001
    }

    public static void LocalFunctionAsDelegate(MmuGather tlb)
    {
        tlb.FreedTables = true;
        Runner.Run(Clear);
        TlbFlush(tlb);
        TlbRemoveTableSyncOne(); // expect: TLB001

        void Clear() => tlb.FreedTables = false;
    }

    public static void LocalFunctionCalledDirectly(MmuGather tlb)
    {
        tlb.FreedTables = true;
        Clear();
        TlbFlush(tlb);
        TlbRemoveTableSyncOne(); // expect: TLB001

        void Clear() => tlb.FreedTables = false;
    }

    public static void AnonymousMethodClearsALocalFlag(MmStruct mm)
    {
        bool freed = true;
        Action clear = delegate { freed = false; };
        clear();
        FlushTlbMmRange(mm, 0, TlbFlushAll, PageShift, freed);
        TlbRemoveTableSyncOne(); // expect: TLB001
    }

    public static void StaticWrittenByDelegate(MmStruct mm)
    {
        Flags.Freed = true;
        Action clear = () => Flags.Freed = false;
        clear();
        FlushTlbMmRange(mm, 0, TlbFlushAll, PageShift, Flags.Freed);
        TlbRemoveTableSyncOne(); // expect: TLB001
    }

    public static void AliasWrittenByDelegate(MmuGather tlb, MmuGather other)
    {
        tlb.FreedTables = true;
        Action clear = () => other.FreedTables = false;
        clear();
        TlbFlush(tlb);
        TlbRemoveTableSyncOne(); // expect: TLB001
    }

    public static void DelegateThatSetsIsHarmless(MmuGather tlb)
    {
        Action set = () => tlb.FreedTables = true;
        set();
        tlb.FreedTables = true;
        TlbFlush(tlb);
        TlbRemoveTableSyncOne();
    }

    public static void UnrelatedDelegateKeepsFacts(MmuGather tlb, MmuGather unrelated)
    {
        tlb.FreedTables = true;
        Action count = () => IpisSent++;
        count();
        TlbFlush(tlb);
        TlbRemoveTableSyncOne();
    }

    public static void FlushBeforeTheDelegateRuns(MmuGather tlb)
    {
        tlb.FreedTables = true;
        TlbFlush(tlb);
        Runner.Run(() => tlb.FreedTables = false);
        TlbRemoveTableSyncOne();
    }

    public static void BoxedAsObject(MmuGather tlb)
    {
        tlb.FreedTables = true;
        Action clear = () => tlb.FreedTables = false;
        Runner.Log(clear);
        Runner.RunPending();
        TlbFlush(tlb);
        TlbRemoveTableSyncOne(); // expect: TLB001
    }
}

public static class Flags
{
    public static bool Freed;
}
