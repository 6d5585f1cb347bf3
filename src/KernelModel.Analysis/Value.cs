using System;

namespace KernelModel.Analysis;

/// <summary>
/// What the engine knows about the value of an expression on one path: its truth (for bools), the access
/// path it was read from (so a condition on it teaches a fact), and the allocation that created it (for
/// references, to tell fresh objects apart).
/// </summary>
public readonly struct Value : IEquatable<Value>
{
    /// <summary>An unknown value with no path.</summary>
    public static readonly Value Unknown = new(Tri.Unknown, null, true, 0);

    /// <summary>Creates a value.</summary>
    /// <param name="truth">Its truth, for bools.</param>
    /// <param name="path">The bool path whose fact decides it, if any.</param>
    /// <param name="polarity">Whether the value equals the path's fact (true) or its negation (false).</param>
    /// <param name="allocation">The allocation site of a fresh object, or 0.</param>
    public Value(Tri truth, AccessPath? path, bool polarity, int allocation)
    {
        Truth = truth;
        Path = path;
        Polarity = polarity;
        Allocation = allocation;
    }

    /// <summary>The truth of a bool value.</summary>
    public Tri Truth { get; }

    /// <summary>The access path the value was read from: a reference (receiver, argument) or a bool fact.</summary>
    public AccessPath? Path { get; }

    /// <summary>For a bool read from <see cref="Path"/>: true when the value is the fact, false when it is its negation.</summary>
    public bool Polarity { get; }

    /// <summary>The allocation site of a freshly created object, or 0 when unknown.</summary>
    public int Allocation { get; }

    /// <summary>A known bool.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The value.</returns>
    public static Value Of(bool value) => new(TriLogic.From(value), null, true, 0);

    /// <summary>A bool of the given truth with nothing to learn from.</summary>
    /// <param name="truth">The truth.</param>
    /// <returns>The value.</returns>
    public static Value Of(Tri truth) => new(truth, null, true, 0);

    /// <summary>The negation, keeping what a condition on it teaches.</summary>
    /// <returns>The negated value.</returns>
    public Value Negate() => new(Truth.Not(), Path, !Polarity, 0);

    /// <inheritdoc />
    public bool Equals(Value other) =>
        Truth == other.Truth && Polarity == other.Polarity && Allocation == other.Allocation && Equals(Path, other.Path);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Value other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => ((int)Truth * 7) ^ (Path?.GetHashCode() ?? 0) ^ Allocation;
}
