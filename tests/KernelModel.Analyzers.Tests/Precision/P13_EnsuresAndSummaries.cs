// SPEC §5 Precision: where a call's target is summarised and also carries (or inherits) [EnsuresTableFlush], the summary
// decides: TLB005 reports the body that breaks the promise, and its callers are not told the promise holds.
using Cases;
using static Cases.K;

namespace Precision.EnsuresAndSummaries;

public abstract class Arch
{
    /// <summary>Flushes the whole address space.</summary>
    [EnsuresTableFlush]
    public abstract void FlushAll(MmStruct mm);
}

public sealed class Honest : Arch
{
    public override void FlushAll(MmStruct mm) => FlushTlbMm(mm);
}

public sealed class Broken : Arch
{
    public override void FlushAll(MmStruct mm) // expect: TLB005
    {
    }
}

public static class Own
{
    /// <summary>Promises a flush it only does sometimes.</summary>
    [EnsuresTableFlush]
    public static void Sometimes(MmStruct mm, bool really) // expect: TLB005
    {
        if (really)
        {
            FlushTlbMm(mm);
        }
    }
}

public static class Sites
{
    public static void ThroughTheAbstraction(Arch arch, MmStruct mm)
    {
        arch.FlushAll(mm);
        TlbRemoveTableSyncOne();
    }

    public static void ThroughTheHonestSealedType(Honest arch, MmStruct mm)
    {
        arch.FlushAll(mm);
        TlbRemoveTableSyncOne();
    }

    public static void ThroughTheBrokenSealedType(Broken arch, MmStruct mm)
    {
        arch.FlushAll(mm);
        TlbRemoveTableSyncOne(); // expect: TLB001
    }

    public static void BrokenPromiseOnAPath(MmStruct mm, bool really)
    {
        Own.Sometimes(mm, really);
        TlbRemoveTableSyncOne(); // expect: TLB001
    }

    public static void KeptPromiseOnThisPath(MmStruct mm)
    {
        Own.Sometimes(mm, true);
        TlbRemoveTableSyncOne();
    }
}
