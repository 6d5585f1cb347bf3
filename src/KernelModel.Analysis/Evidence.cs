using Microsoft.CodeAnalysis;

namespace KernelModel.Analysis;

/// <summary>How a flush came about.</summary>
public enum FlushSource : byte
{
    /// <summary>A flush primitive called with a flag that is definitely true.</summary>
    Primitive,

    /// <summary>A callee whose summary flushes on this path.</summary>
    Callee,

    /// <summary>A callee marked <c>[EnsuresTableFlush]</c>.</summary>
    EnsuresContract,

    /// <summary>The method's own <c>[RequiresTableFlush]</c>: its callers flushed.</summary>
    CallersContract,
}

/// <summary>
/// Why a path is Flushed: the call that performed the table flush, and, when it was a callee, the flush inside
/// it (a chain down to the primitive or the contract).
/// </summary>
/// <param name="Source">How the flush came about.</param>
/// <param name="Call">Where the call (or, for the callers' contract, the method) is.</param>
/// <param name="CallText">The call as written.</param>
/// <param name="Target">The method called (or the method whose contract it is).</param>
/// <param name="Detail">For a primitive, the qualifying argument (<c>freedTables: true</c>).</param>
/// <param name="Inner">The flush inside the callee, when the callee's summary flushed.</param>
public sealed record FlushEvidence(FlushSource Source, Location Call, string CallText, IMethodSymbol Target, string? Detail, FlushEvidence? Inner);

/// <summary>What kind of step a <see cref="TraceEvent"/> records.</summary>
public enum TraceKind : byte
{
    /// <summary>A branch whose condition the path decided.</summary>
    Branch,

    /// <summary>A call to a flush primitive whose flags were not definitely true.</summary>
    NonQualifyingFlush,

    /// <summary>A call whose effects are unknown (virtual, delegate, metadata, beyond the bound, recursive).</summary>
    UnknownCall,

    /// <summary>A call to a summarised method that did not flush on this path.</summary>
    CalleeDidNotFlush,

    /// <summary>A write to a tracked flag.</summary>
    FlagWritten,

    /// <summary>A call to an <c>[EnsuresTableFlush(When = "cond")]</c> member at which the condition was not known to hold.</summary>
    ConditionalFlush,

    /// <summary>The constructor a field or property initializer runs in, where the path starts (SPEC §5).</summary>
    Construction,
}

/// <summary>One step of a path, kept so that a violation can explain the path it happened on.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Location">Where.</param>
/// <param name="Text">The condition, call or argument, as written.</param>
/// <param name="Taken">For a branch, the direction taken; for a flag write, the value written.</param>
/// <param name="Detail">A flush's flag name and value text, or the callee's own reason.</param>
/// <param name="Inner">For a callee that did not flush, the step inside it that explains why.</param>
public sealed record TraceEvent(TraceKind Kind, Location Location, string Text, bool Taken, string? Detail, TraceEvent? Inner);

/// <summary>An immutable, length-bounded list of the most recent <see cref="TraceEvent"/>s of a path.</summary>
public sealed class Trace
{
    /// <summary>How many of the most recent events a trace reports (see <see cref="Recent"/>).</summary>
    public const int Capacity = 12;

    // A chain is cut back to Capacity only when it reaches twice that, so that a long path costs one
    // allocation per event, not a copy of the whole window per event.
    private const int Slack = 2 * Capacity;

    private Trace(TraceEvent last, Trace? previous, int length)
    {
        Last = last;
        Previous = previous;
        Length = length;
    }

    /// <summary>The most recent event.</summary>
    public TraceEvent Last { get; }

    /// <summary>The events before it.</summary>
    public Trace? Previous { get; }

    /// <summary>How many events the chain holds (up to twice <see cref="Capacity"/>; <see cref="Recent"/> reports at most <see cref="Capacity"/>).</summary>
    public int Length { get; }

    /// <summary>Appends an event; the oldest beyond <see cref="Capacity"/> are dropped from what <see cref="Recent"/> reports.</summary>
    /// <param name="trace">The trace so far, or null.</param>
    /// <param name="next">The new event.</param>
    /// <returns>The longer trace.</returns>
    public static Trace Add(Trace? trace, TraceEvent next)
    {
        if (trace is not null && trace.Length >= Slack)
        {
            trace = Truncate(trace, Capacity - 1);
        }

        return new Trace(next, trace, (trace?.Length ?? 0) + 1);
    }

    /// <summary>The most recent events, newest first, at most <see cref="Capacity"/> of them.</summary>
    /// <param name="trace">The trace, or null.</param>
    /// <returns>The events.</returns>
    public static System.Collections.Generic.IEnumerable<TraceEvent> Recent(Trace? trace)
    {
        int count = 0;
        for (Trace? t = trace; t is not null && count < Capacity; t = t.Previous, count++)
        {
            yield return t.Last;
        }
    }

    private static Trace? Truncate(Trace? trace, int keep)
    {
        if (trace is null || keep == 0)
        {
            return null;
        }

        return new Trace(trace.Last, Truncate(trace.Previous, keep - 1), keep);
    }
}
