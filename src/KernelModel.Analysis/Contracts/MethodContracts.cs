using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace KernelModel.Analysis.Contracts;

/// <summary>A contract whose condition text is malformed, with where to report it.</summary>
/// <param name="Text">The condition as written.</param>
/// <param name="Reason">Why it is malformed.</param>
/// <param name="Location">The attribute argument.</param>
public sealed record MalformedContract(string Text, string Reason, Location Location);

/// <summary>A <c>[RequiresCondition]</c> with its parsed condition.</summary>
/// <param name="Condition">The condition.</param>
/// <param name="Location">The attribute argument.</param>
public sealed record RequiredCondition(Condition Condition, Location Location);

/// <summary>The flush contracts a method carries (SPEC §4), read from attributes matched by simple name.</summary>
public sealed class MethodContracts
{
    /// <summary>A method with no contract.</summary>
    public static readonly MethodContracts None = new(false, null, ImmutableArray<RequiredCondition>.Empty, false, null, null, ImmutableArray<MalformedContract>.Empty);

    /// <summary>A method with no contract that never returns normally (<c>[DoesNotReturn]</c>).</summary>
    internal static readonly MethodContracts NoneNeverReturns = new(false, null, ImmutableArray<RequiredCondition>.Empty, false, null, null, ImmutableArray<MalformedContract>.Empty)
    {
        NeverReturns = true,
    };

    internal MethodContracts(
        bool requiresTableFlush,
        Condition? unless,
        ImmutableArray<RequiredCondition> conditions,
        bool ensuresTableFlush,
        IMethodSymbol? ensuresSource,
        Condition? ensuresWhen,
        ImmutableArray<MalformedContract> malformed)
    {
        RequiresTableFlush = requiresTableFlush;
        Unless = unless;
        Conditions = conditions;
        EnsuresTableFlush = ensuresTableFlush;
        EnsuresSource = ensuresSource;
        EnsuresWhen = ensuresWhen;
        Malformed = malformed;
    }

    /// <summary>Callers must be Flushed (<c>[RequiresTableFlush]</c>).</summary>
    public bool RequiresTableFlush { get; }

    /// <summary>The <c>Unless</c> condition, when given and well formed.</summary>
    public Condition? Unless { get; }

    /// <summary>The well-formed <c>[RequiresCondition]</c> conditions.</summary>
    public ImmutableArray<RequiredCondition> Conditions { get; }

    /// <summary>Every normal return must be Flushed (<c>[EnsuresTableFlush]</c>, here or on what it overrides or implements).</summary>
    public bool EnsuresTableFlush { get; }

    /// <summary>The member the Ensures contract is declared on (this method, or one it overrides or implements).</summary>
    public IMethodSymbol? EnsuresSource { get; }

    /// <summary>
    /// The <c>When</c> condition of the Ensures contract, over the parameters of <see cref="EnsuresSource"/> (an override
    /// or implementation has the same parameters by position): the flush is promised only when it holds on entry.
    /// Null for an unconditional promise.
    /// </summary>
    public Condition? EnsuresWhen { get; }

    /// <summary>Conditions that could not be parsed or checked (TLB006).</summary>
    public ImmutableArray<MalformedContract> Malformed { get; }

    /// <summary>Whether the method is <c>[DoesNotReturn]</c>: a call to it ends the path, even without its body.</summary>
    public bool NeverReturns { get; internal init; }

    /// <summary>
    /// The bool parameters marked <c>[DoesNotReturnIf(v)]</c> (<c>Debug.Assert</c>'s condition is <c>(false)</c>): the call
    /// returns only in the states where that argument is not <c>v</c>.
    /// </summary>
    public ImmutableArray<(int Ordinal, bool Value)> ReturnsOnlyIf { get; internal init; } = ImmutableArray<(int, bool)>.Empty;

    /// <summary>Whether the method has any contract at all.</summary>
    public bool Any => RequiresTableFlush || !Conditions.IsEmpty || EnsuresTableFlush || !Malformed.IsEmpty;
}
