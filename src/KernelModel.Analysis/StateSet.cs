using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace KernelModel.Analysis;

/// <summary>
/// A bounded disjunction of abstract states at one program point. Adding a state another one already
/// subsumes changes nothing; beyond the bound the states are joined pointwise into one.
/// </summary>
public sealed class StateSet
{
    private readonly List<AbstractState> _states;

    /// <summary>Creates an empty set.</summary>
    public StateSet() => _states = new List<AbstractState>();

    /// <summary>Creates a set of one state.</summary>
    /// <param name="state">The state.</param>
    public StateSet(AbstractState state) => _states = new List<AbstractState> { state };

    /// <summary>The states.</summary>
    public IReadOnlyList<AbstractState> States => _states;

    /// <summary>Whether there is no state (the point is unreachable).</summary>
    public bool IsEmpty => _states.Count == 0;

    /// <summary>Adds a state.</summary>
    /// <param name="state">The state.</param>
    /// <param name="bound">How many states to keep before joining.</param>
    /// <returns>Whether the set changed.</returns>
    public bool Add(AbstractState state, int bound)
    {
        foreach (AbstractState existing in _states)
        {
            if (existing.Subsumes(state))
            {
                return false;
            }
        }

        // Drop the states the new one subsumes, in place (no predicate delegate: this runs for every state added).
        int kept = 0;
        for (int i = 0; i < _states.Count; i++)
        {
            if (!state.Subsumes(_states[i]))
            {
                _states[kept++] = _states[i];
            }
        }

        if (kept < _states.Count)
        {
            _states.RemoveRange(kept, _states.Count - kept);
        }

        _states.Add(state);
        if (_states.Count > bound)
        {
            // Join pointwise, first within groups that agree on Flushed and the returned value, so that the
            // bound costs knowledge of flags before it costs knowledge of the flush itself.
            List<AbstractState> grouped = _states
                .GroupBy(s => ((int)s.Flushed * 3) + (int)s.ReturnValue)
                .Select(g => g.Aggregate((a, b) => a.Join(b)))
                .ToList();
            if (grouped.Count > bound)
            {
                grouped = new List<AbstractState> { grouped.Aggregate((a, b) => a.Join(b)) };
            }

            _states.Clear();
            _states.AddRange(grouped);
        }

        return true;
    }

    /// <summary>Adds every state of another set.</summary>
    /// <param name="other">The states to add.</param>
    /// <param name="bound">How many states to keep before joining.</param>
    /// <returns>Whether the set changed.</returns>
    public bool AddRange(IEnumerable<AbstractState> other, int bound)
    {
        bool changed = false;
        foreach (AbstractState state in other)
        {
            changed |= Add(state, bound);
        }

        return changed;
    }

    /// <summary>A snapshot of the states.</summary>
    /// <returns>The states.</returns>
    public ImmutableArray<AbstractState> ToImmutable() => _states.ToImmutableArray();

    /// <summary>A copy of this set.</summary>
    /// <returns>The copy.</returns>
    public StateSet Clone()
    {
        var copy = new StateSet();
        copy._states.AddRange(_states);
        return copy;
    }

    /// <inheritdoc />
    public override string ToString() => string.Join(" | ", _states.Select(s => $"F={s.Flushed} {{{string.Join(", ", s.Facts.Select(f => f.Key + "=" + f.Value))}}}"));
}
