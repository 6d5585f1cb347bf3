// SPEC §4: at a call site, a bare bool parameter of a condition is replaced by the whole argument expression, with its
// own '!', '== false', '!= true' and constants. Unsound before: SyncUnless(!busy) with busy known true was accepted.
using Cases;
using static Cases.K;

namespace Precision.ConditionOperandPolarity;

public static class Contracts
{
    /// <summary>Callers must have flushed the TLB unless the tables are idle.</summary>
    [RequiresTableFlush(Unless = "idle")]
    public static void SyncUnless(bool idle)
    {
    }

    /// <summary>Callers must have flushed the TLB unless nothing was freed.</summary>
    [RequiresTableFlush(Unless = "!freed")]
    public static void SyncUnlessFreed(bool freed)
    {
    }

    /// <summary>Requires <c>ready</c>.</summary>
    [RequiresCondition("ready")]
    public static void Needs(bool ready)
    {
    }

    /// <summary>Requires <c>done</c> to be false.</summary>
    [RequiresCondition("done == false")]
    public static void NeedsNotDone(bool done)
    {
    }
}

public static class Sites
{
    public static void NegatedKnownTrue(bool busy)
    {
        busy = true;
        Contracts.SyncUnless(!busy); // expect: TLB001
    }

    public static void NegatedKnownFalse(bool busy)
    {
        busy = false;
        Contracts.SyncUnless(!busy);
    }

    public static void EqualsFalseKnownTrue(bool busy)
    {
        busy = true;
        Contracts.SyncUnless(busy == false); // expect: TLB001
    }

    public static void NotEqualsTrueKnownFalse(bool busy)
    {
        busy = false;
        Contracts.SyncUnless(busy != true);
    }

    public static void IsFalsePatternKnownTrue(bool busy)
    {
        busy = true;
        Contracts.SyncUnless(busy is false); // expect: TLB001
    }

    public static void NegatedFieldKnownTrue(MmuGather tlb)
    {
        tlb.FreedTables = true;
        Contracts.SyncUnlessFreed(!tlb.FreedTables);
        Contracts.SyncUnlessFreed(tlb.FreedTables); // expect: TLB001
    }

    public static void NegatedFieldKnownFalse(MmuGather tlb)
    {
        tlb.FreedTables = false;
        Contracts.SyncUnlessFreed(tlb.FreedTables);
        Contracts.SyncUnlessFreed(!tlb.FreedTables); // expect: TLB001
    }

    public static void BranchTeaches(bool busy)
    {
        if (busy)
        {
            Contracts.SyncUnless(!busy); // expect: TLB001
        }
        else
        {
            Contracts.SyncUnless(!busy);
        }
    }

    public static void RequiredNegated(bool ready)
    {
        ready = true;
        Contracts.Needs(ready);
        Contracts.Needs(!ready); // expect: TLB002
        Contracts.Needs(ready == false); // expect: TLB002
        Contracts.Needs(ready != false);
    }

    public static void RequiredNegatedFalse(bool ready)
    {
        ready = false;
        Contracts.Needs(!ready);
        Contracts.Needs(ready); // expect: TLB002
        Contracts.Needs(!!ready); // expect: TLB002
    }

    public static void RequiredEqualityNegated(bool done)
    {
        done = true;
        Contracts.NeedsNotDone(!done);
        Contracts.NeedsNotDone(done); // expect: TLB002
    }

    public static void RequiredInsideAGuard(MmuGather tlb)
    {
        if (!tlb.FreedTables)
        {
            Contracts.Needs(!tlb.FreedTables);
            Contracts.Needs(tlb.FreedTables); // expect: TLB002
        }
    }
}
