using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;

namespace KernelModel.Analysis;

/// <summary>
/// One abstract state: whether a table flush has happened on the path (Flushed), the known values of bool
/// access paths, which locals hold freshly created objects, and the values of the CFG's flow captures.
/// The path's trace and flush evidence ride along but are not part of the state's identity.
/// </summary>
public sealed class AbstractState
{
    private static readonly ImmutableDictionary<AccessPath, bool> _noFacts = ImmutableDictionary<AccessPath, bool>.Empty;
    private static readonly ImmutableDictionary<ISymbol, int> _noFresh = ImmutableDictionary.Create<ISymbol, int>(SymbolEqualityComparer.Default);
    private static readonly ImmutableDictionary<CaptureId, Value> _noCaptures = ImmutableDictionary<CaptureId, Value>.Empty;
    private static readonly ImmutableDictionary<ISymbol, AccessPath> _noRefs = ImmutableDictionary.Create<ISymbol, AccessPath>(SymbolEqualityComparer.Default);

    private int _hash;

    private AbstractState(
        Tri flushed,
        ImmutableDictionary<AccessPath, bool> facts,
        ImmutableDictionary<ISymbol, int> fresh,
        ImmutableDictionary<ISymbol, AccessPath> refs,
        ImmutableDictionary<CaptureId, Value> captures,
        Tri returnValue,
        Trace? trace,
        FlushEvidence? evidence)
    {
        Flushed = flushed;
        Facts = facts;
        Fresh = fresh;
        Refs = refs;
        Captures = captures;
        ReturnValue = returnValue;
        Trace = trace;
        Evidence = evidence;
    }

    /// <summary>The state at a method entry with nothing known and no flush.</summary>
    public static AbstractState Initial { get; } = new(Tri.False, _noFacts, _noFresh, _noRefs, _noCaptures, Tri.Unknown, null, null);

    /// <summary>A callee's state at a normal return, as a summary kept from another compilation describes it.</summary>
    /// <param name="flushed">Whether it flushed.</param>
    /// <param name="facts">The facts it leaves on its parameters' paths and on statics.</param>
    /// <param name="returnValue">The returned bool.</param>
    /// <param name="trace">The recent steps of its path.</param>
    /// <param name="evidence">Why it flushed, when it did.</param>
    /// <returns>The state.</returns>
    internal static AbstractState ForExit(Tri flushed, ImmutableDictionary<AccessPath, bool> facts, Tri returnValue, Trace? trace, FlushEvidence? evidence) =>
        new(flushed, facts, _noFresh, _noRefs, _noCaptures, returnValue, trace, evidence);

    /// <summary>Whether a table flush has happened on this path.</summary>
    public Tri Flushed { get; }

    /// <summary>Known values of bool access paths; a path not listed is unknown.</summary>
    public ImmutableDictionary<AccessPath, bool> Facts { get; }

    /// <summary>Locals (and parameters) that hold an object created in this method, by allocation site.</summary>
    public ImmutableDictionary<ISymbol, int> Fresh { get; }

    /// <summary>
    /// What each <c>ref</c> local (or ref-reassigned <c>ref</c> parameter) refers to on this path: a write through it is a
    /// write to that path. A ref local not listed refers to something the engine cannot name.
    /// </summary>
    public ImmutableDictionary<ISymbol, AccessPath> Refs { get; }

    /// <summary>Values of the control-flow graph's flow captures.</summary>
    public ImmutableDictionary<CaptureId, Value> Captures { get; }

    /// <summary>At a return, the returned bool.</summary>
    public Tri ReturnValue { get; }

    /// <summary>The recent steps of the path.</summary>
    public Trace? Trace { get; }

    /// <summary>Why the path is Flushed, when it is.</summary>
    public FlushEvidence? Evidence { get; }

    /// <summary>The fact about <paramref name="path"/>.</summary>
    /// <param name="path">A bool path.</param>
    /// <returns>Its value, or Unknown.</returns>
    public Tri Fact(AccessPath path) => Facts.TryGetValue(path, out bool value) ? TriLogic.From(value) : Tri.Unknown;

    /// <summary>A copy with Flushed set, keeping the first evidence.</summary>
    /// <param name="evidence">Why.</param>
    /// <returns>The new state.</returns>
    public AbstractState WithFlush(FlushEvidence? evidence) =>
        Flushed == Tri.True ? this : new(Tri.True, Facts, Fresh, Refs, Captures, ReturnValue, Trace, evidence);

    /// <summary>A copy with the given Flushed value and evidence.</summary>
    /// <param name="flushed">The value.</param>
    /// <param name="evidence">Why, if flushed.</param>
    /// <returns>The new state.</returns>
    public AbstractState WithFlushed(Tri flushed, FlushEvidence? evidence) =>
        new(flushed, Facts, Fresh, Refs, Captures, ReturnValue, Trace, flushed == Tri.True ? evidence : null);

    /// <summary>A copy with a fact set or, for Unknown, forgotten.</summary>
    /// <param name="path">A bool path.</param>
    /// <param name="value">Its value.</param>
    /// <returns>The new state.</returns>
    public AbstractState WithFact(AccessPath path, Tri value) => value == Tri.Unknown
        ? Facts.ContainsKey(path) ? WithFacts(Facts.Remove(path)) : this
        : WithFacts(Facts.SetItem(path, value == Tri.True));

    /// <summary>A copy with the given facts.</summary>
    /// <param name="facts">The facts.</param>
    /// <returns>The new state.</returns>
    public AbstractState WithFacts(ImmutableDictionary<AccessPath, bool> facts) =>
        new(Flushed, facts, Fresh, Refs, Captures, ReturnValue, Trace, Evidence);

    /// <summary>A copy with facts removed where <paramref name="forget"/> says so.</summary>
    /// <param name="forget">Which facts to forget.</param>
    /// <returns>The new state.</returns>
    public AbstractState Forget(System.Func<AccessPath, bool> forget)
    {
        List<AccessPath>? doomed = null;
        foreach (AccessPath path in Facts.Keys)
        {
            if (forget(path))
            {
                (doomed ??= new List<AccessPath>()).Add(path);
            }
        }

        return doomed is null ? this : WithFacts(Facts.RemoveRange(doomed));
    }

    /// <summary>A copy recording that <paramref name="symbol"/> holds a fresh object (or not, for 0).</summary>
    /// <param name="symbol">A local or parameter.</param>
    /// <param name="allocation">The allocation site, or 0.</param>
    /// <returns>The new state.</returns>
    public AbstractState WithFresh(ISymbol symbol, int allocation)
    {
        ImmutableDictionary<ISymbol, int> fresh = allocation == 0 ? Fresh.Remove(symbol) : Fresh.SetItem(symbol, allocation);
        return fresh == Fresh ? this : new(Flushed, Facts, fresh, Refs, Captures, ReturnValue, Trace, Evidence);
    }

    /// <summary>A copy in which <paramref name="symbol"/> refers to <paramref name="referent"/>, or to something unnamed for null.</summary>
    /// <param name="symbol">A ref local or ref parameter.</param>
    /// <param name="referent">What it refers to.</param>
    /// <returns>The new state.</returns>
    public AbstractState WithRef(ISymbol symbol, AccessPath? referent)
    {
        ImmutableDictionary<ISymbol, AccessPath> refs = referent is null ? Refs.Remove(symbol) : Refs.SetItem(symbol, referent);
        return refs == Refs ? this : new(Flushed, Facts, Fresh, refs, Captures, ReturnValue, Trace, Evidence);
    }

    /// <summary>A copy in which no ref local refers any more through a variable <paramref name="drop"/> selects (it now holds another object).</summary>
    /// <param name="drop">Which referents are stale.</param>
    /// <returns>The new state.</returns>
    public AbstractState Unbind(System.Func<AccessPath, bool> drop)
    {
        if (Refs.IsEmpty)
        {
            return this;
        }

        ImmutableDictionary<ISymbol, AccessPath> refs = Refs.RemoveRange(Refs.Where(r => drop(r.Value)).Select(r => r.Key).ToList());
        return refs.Count == Refs.Count ? this : new(Flushed, Facts, Fresh, refs, Captures, ReturnValue, Trace, Evidence);
    }

    /// <summary>A copy with a flow capture's value.</summary>
    /// <param name="id">The capture id.</param>
    /// <param name="value">Its value.</param>
    /// <returns>The new state.</returns>
    public AbstractState WithCapture(CaptureId id, Value value) =>
        new(Flushed, Facts, Fresh, Refs, Captures.SetItem(id, value), ReturnValue, Trace, Evidence);

    /// <summary>A copy keeping only the flow captures in <paramref name="live"/>.</summary>
    /// <param name="live">The captures whose region encloses the current block.</param>
    /// <returns>The new state.</returns>
    public AbstractState KeepCaptures(ImmutableHashSet<CaptureId> live)
    {
        if (Captures.IsEmpty || Captures.Keys.All(live.Contains))
        {
            return this;
        }

        ImmutableDictionary<CaptureId, Value> kept = Captures.Where(c => live.Contains(c.Key)).ToImmutableDictionary();
        return new(Flushed, Facts, Fresh, Refs, kept, ReturnValue, Trace, Evidence);
    }

    /// <summary>A copy with the returned value.</summary>
    /// <param name="value">The returned bool.</param>
    /// <returns>The new state.</returns>
    public AbstractState WithReturn(Tri value) => new(Flushed, Facts, Fresh, Refs, Captures, value, Trace, Evidence);

    /// <summary>A copy with one more step in its trace.</summary>
    /// <param name="step">The step.</param>
    /// <returns>The new state.</returns>
    public AbstractState With(TraceEvent step) => new(Flushed, Facts, Fresh, Refs, Captures, ReturnValue, Trace.Add(Trace, step), Evidence);

    /// <summary>A copy without flow captures and return value, as a callee's entry or a caller's continuation needs.</summary>
    /// <param name="facts">The facts to keep.</param>
    /// <param name="fresh">The fresh locals to keep.</param>
    /// <returns>The new state.</returns>
    public AbstractState Rebuild(ImmutableDictionary<AccessPath, bool> facts, ImmutableDictionary<ISymbol, int> fresh) =>
        new(Flushed, facts, fresh, Refs, _noCaptures, Tri.Unknown, Trace, Evidence);

    /// <summary>Whether this state describes every execution <paramref name="other"/> does (it knows no more).</summary>
    /// <param name="other">The other state.</param>
    /// <returns>True when this state subsumes the other.</returns>
    public bool Subsumes(AbstractState other)
    {
        if ((Flushed != other.Flushed && Flushed != Tri.Unknown) ||
            (ReturnValue != other.ReturnValue && ReturnValue != Tri.Unknown) ||
            Facts.Count > other.Facts.Count)
        {
            return false;
        }

        // Plain loops: this runs for every pair of states that meet at a program point.
        foreach (KeyValuePair<AccessPath, bool> fact in Facts)
        {
            if (!other.Facts.TryGetValue(fact.Key, out bool value) || value != fact.Value)
            {
                return false;
            }
        }

        foreach (KeyValuePair<ISymbol, int> entry in Fresh)
        {
            if (!other.Fresh.TryGetValue(entry.Key, out int value) || value != entry.Value)
            {
                return false;
            }
        }

        foreach (KeyValuePair<CaptureId, Value> entry in Captures)
        {
            if (!other.Captures.TryGetValue(entry.Key, out Value value) || !value.Equals(entry.Value))
            {
                return false;
            }
        }

        foreach (KeyValuePair<ISymbol, AccessPath> entry in Refs)
        {
            if (!other.Refs.TryGetValue(entry.Key, out AccessPath? referent) || !referent.Equals(entry.Value))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The pointwise join: what both states agree on.</summary>
    /// <param name="other">The other state.</param>
    /// <returns>The joined state, keeping this state's trace.</returns>
    public AbstractState Join(AbstractState other)
    {
        ImmutableDictionary<AccessPath, bool> facts = Facts.Where(f => other.Facts.TryGetValue(f.Key, out bool v) && v == f.Value).ToImmutableDictionary();
        ImmutableDictionary<ISymbol, int> fresh = Fresh.Where(f => other.Fresh.TryGetValue(f.Key, out int v) && v == f.Value)
            .ToImmutableDictionary(f => f.Key, f => f.Value, SymbolEqualityComparer.Default);
        ImmutableDictionary<CaptureId, Value> captures = Captures.Where(c => other.Captures.TryGetValue(c.Key, out Value v) && v.Equals(c.Value)).ToImmutableDictionary();
        ImmutableDictionary<ISymbol, AccessPath> refs = Refs.IsEmpty ? Refs : Refs.Where(r => other.Refs.TryGetValue(r.Key, out AccessPath? v) && v.Equals(r.Value))
            .ToImmutableDictionary(r => r.Key, r => r.Value, SymbolEqualityComparer.Default);
        Tri flushed = Flushed.Join(other.Flushed);
        return new AbstractState(flushed, facts, fresh, refs, captures, ReturnValue.Join(other.ReturnValue), Trace ?? other.Trace, flushed == Tri.True ? Evidence ?? other.Evidence : null);
    }

    /// <summary>Whether two states are the same abstract state (trace and evidence aside).</summary>
    /// <param name="other">The other state.</param>
    /// <returns>True when equal.</returns>
    public bool SameAs(AbstractState other) =>
        ReferenceEquals(this, other) ||
        (GetStateHash() == other.GetStateHash() && Flushed == other.Flushed && ReturnValue == other.ReturnValue &&
         Facts.Count == other.Facts.Count && Fresh.Count == other.Fresh.Count && Captures.Count == other.Captures.Count && Refs.Count == other.Refs.Count &&
         Subsumes(other));

    /// <summary>A hash of the abstract state (trace and evidence aside).</summary>
    /// <returns>The hash.</returns>
    public int GetStateHash()
    {
        if (_hash == 0)
        {
            int hash = ((int)Flushed * 3) + (int)ReturnValue + 17;
            foreach (KeyValuePair<AccessPath, bool> fact in Facts)
            {
                hash ^= fact.Key.GetHashCode() * (fact.Value ? 7 : 13);
            }

            foreach (KeyValuePair<CaptureId, Value> capture in Captures)
            {
                hash ^= (capture.Key.GetHashCode() + 1) * 31 * (capture.Value.GetHashCode() | 1);
            }

            hash ^= Fresh.Count * 101;
            hash ^= Refs.Count * 211;
            _hash = hash == 0 ? 1 : hash;
        }

        return _hash;
    }
}
