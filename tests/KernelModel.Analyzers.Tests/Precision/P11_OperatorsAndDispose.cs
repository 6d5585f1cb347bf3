// SPEC §5 Precision: property and indexer accessors, user-defined operators and conversions, and Dispose reached
// through 'using' are calls like any other, summarised when their source is in the compilation.
using System;
using Cases;
using static Cases.K;

namespace Precision.OperatorsAndDispose;

public sealed class FlushScope : IDisposable
{
    private readonly MmStruct _mm;

    public FlushScope(MmStruct mm) => _mm = mm;

    public void Dispose() => FlushTlbMm(_mm);
}

public sealed class NoFlushScope : IDisposable
{
    public void Dispose()
    {
    }
}

public readonly struct Range
{
    public readonly MmStruct Mm;

    public Range(MmStruct mm) => Mm = mm;

    public static Range operator +(Range range, int pages)
    {
        FlushTlbMm(range.Mm);
        return range;
    }

    public static Range operator -(Range range, int pages) => range;

    public static explicit operator bool(Range range)
    {
        FlushTlbMm(range.Mm);
        return true;
    }
}

public static class Sites
{
    public static void UsingFlushesOnDispose(MmStruct mm)
    {
        using (new FlushScope(mm))
        {
        }

        TlbRemoveTableSyncOne();
    }

    public static void UsingDeclarationFlushesAtTheEnd(MmStruct mm)
    {
        {
            using var scope = new FlushScope(mm);
        }

        TlbRemoveTableSyncOne();
    }

    public static void UsingThatDoesNotFlush(MmStruct mm)
    {
        using (new NoFlushScope())
        {
        }

        TlbRemoveTableSyncOne(); // expect: TLB001
    }

    public static void SyncInsideTheUsingBody(MmStruct mm)
    {
        using (new FlushScope(mm))
        {
            TlbRemoveTableSyncOne(); // expect: TLB001
        }
    }

    public static void OperatorFlushes(MmStruct mm)
    {
        Range range = new Range(mm) + 1;
        TlbRemoveTableSyncOne();
    }

    public static void OperatorDoesNotFlush(MmStruct mm)
    {
        Range range = new Range(mm) - 1;
        TlbRemoveTableSyncOne(); // expect: TLB001
    }

    public static void ConversionFlushes(MmStruct mm)
    {
        bool done = (bool)new Range(mm);
        TlbRemoveTableSyncOne();
    }
}
