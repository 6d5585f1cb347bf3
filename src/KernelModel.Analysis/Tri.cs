namespace KernelModel.Analysis;

/// <summary>A three-valued boolean: definitely false, definitely true, or unknown.</summary>
public enum Tri : byte
{
    /// <summary>Definitely false on this path.</summary>
    False,

    /// <summary>Definitely true on this path.</summary>
    True,

    /// <summary>Could be either.</summary>
    Unknown,
}

/// <summary>Kleene logic on <see cref="Tri"/>.</summary>
public static class TriLogic
{
    /// <summary>Converts a known boolean.</summary>
    /// <param name="value">The value.</param>
    /// <returns>True or False.</returns>
    public static Tri From(bool value) => value ? Tri.True : Tri.False;

    /// <summary>Negation; unknown stays unknown.</summary>
    /// <param name="value">The operand.</param>
    /// <returns>The negation.</returns>
    public static Tri Not(this Tri value) => value switch
    {
        Tri.True => Tri.False,
        Tri.False => Tri.True,
        _ => Tri.Unknown,
    };

    /// <summary>Conjunction: false if either is false.</summary>
    /// <param name="a">Left.</param>
    /// <param name="b">Right.</param>
    /// <returns>The conjunction.</returns>
    public static Tri And(this Tri a, Tri b) =>
        a == Tri.False || b == Tri.False ? Tri.False : a == Tri.True && b == Tri.True ? Tri.True : Tri.Unknown;

    /// <summary>Disjunction: true if either is true.</summary>
    /// <param name="a">Left.</param>
    /// <param name="b">Right.</param>
    /// <returns>The disjunction.</returns>
    public static Tri Or(this Tri a, Tri b) =>
        a == Tri.True || b == Tri.True ? Tri.True : a == Tri.False && b == Tri.False ? Tri.False : Tri.Unknown;

    /// <summary>Equality of two booleans, known only when both are.</summary>
    /// <param name="a">Left.</param>
    /// <param name="b">Right.</param>
    /// <returns>Whether they are equal.</returns>
    public static Tri EqualTo(this Tri a, Tri b) =>
        a == Tri.Unknown || b == Tri.Unknown ? Tri.Unknown : From(a == b);

    /// <summary>The join of two values: equal values stay, different ones become unknown.</summary>
    /// <param name="a">One value.</param>
    /// <param name="b">The other.</param>
    /// <returns>The join.</returns>
    public static Tri Join(this Tri a, Tri b) => a == b ? a : Tri.Unknown;
}
