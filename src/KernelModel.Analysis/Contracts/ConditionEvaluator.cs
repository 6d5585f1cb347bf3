using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace KernelModel.Analysis.Contracts;

/// <summary>Evaluates contract conditions in an abstract state, and assumes them on entry.</summary>
public static class ConditionEvaluator
{
    /// <summary>
    /// Evaluates <paramref name="condition"/> with each parameter replaced by its argument's value, three-valued.
    /// </summary>
    /// <param name="condition">The condition.</param>
    /// <param name="argument">The value passed for a parameter.</param>
    /// <param name="state">The caller's state at the call.</param>
    /// <param name="call">The value of a call to a parameterless static method (through its summary); unknown when not given.</param>
    /// <returns>The value, with the path a branch on it would learn from when it is a single path.</returns>
    public static Value Evaluate(Condition condition, Func<IParameterSymbol, Value> argument, AbstractState state, Func<IMethodSymbol, Tri>? call = null)
    {
        switch (condition)
        {
            case ConstantCondition constant:
                return Value.Of(constant.Value);
            case CallCondition invoked:
                return Value.Of(call?.Invoke(invoked.Method) ?? Tri.Unknown);
            case PathCondition { Members.IsEmpty: true } bare:
                // The argument itself, with its own '!', '== false' or '!= true': its truth and, when it reads a
                // fact, the path and the polarity a branch on it would learn from.
                Value passed = argument(bare.Parameter);
                return new Value(passed.Truth, passed.Path is { IsBool: true } ? passed.Path : null, passed.Polarity, 0);
            case PathCondition path:
                AccessPath? resolved = Resolve(path, argument);
                return resolved is null ? Value.Unknown : new Value(state.Fact(resolved), resolved, true, 0);
            case NotCondition not:
                return Evaluate(not.Operand, argument, state, call).Negate();
            case BinaryCondition binary:
                Tri left = Evaluate(binary.Left, argument, state, call).Truth;
                Tri right = Evaluate(binary.Right, argument, state, call).Truth;
                return Value.Of(binary.Operator switch
                {
                    ConditionOperator.And => left.And(right),
                    ConditionOperator.Or => left.Or(right),
                    ConditionOperator.Equal => left.EqualTo(right),
                    _ => left.EqualTo(right).Not(),
                });
            default:
                return Value.Unknown;
        }
    }

    /// <summary>
    /// The states in which <paramref name="condition"/> has the given truth, refining <paramref name="state"/>:
    /// one state per disjunct, as branching on the condition would produce. Contradictory states are dropped.
    /// </summary>
    /// <param name="state">The state to refine.</param>
    /// <param name="condition">The condition.</param>
    /// <param name="truth">The truth to assume.</param>
    /// <param name="argument">The value for a parameter (on entry: the parameter itself).</param>
    /// <param name="call">The value of a call to a parameterless static method; unknown when not given.</param>
    /// <returns>The refined states.</returns>
    public static IEnumerable<AbstractState> Assume(AbstractState state, Condition condition, bool truth, Func<IParameterSymbol, Value> argument, Func<IMethodSymbol, Tri>? call = null)
    {
        switch (condition)
        {
            case ConstantCondition constant:
                return constant.Value == truth ? new[] { state } : Array.Empty<AbstractState>();

            case CallCondition invoked:
                // Nothing is learned from a call; only a constant result can contradict the assumption.
                Tri result = call?.Invoke(invoked.Method) ?? Tri.Unknown;
                return result == Tri.Unknown || result == TriLogic.From(truth) ? new[] { state } : Array.Empty<AbstractState>();

            case PathCondition path:
                AccessPath? resolved = Resolve(path, argument);
                bool polarity = !path.Members.IsEmpty || argument(path.Parameter).Polarity;
                if (resolved is null)
                {
                    Tri known = path.Members.IsEmpty ? argument(path.Parameter).Truth : Tri.Unknown;
                    return known == Tri.Unknown || known == TriLogic.From(truth) ? new[] { state } : Array.Empty<AbstractState>();
                }

                // A bare bool parameter passed as '!busy' holds when busy is false.
                Tri wanted = TriLogic.From(truth == polarity);
                Tri current = state.Fact(resolved);
                if (current == Tri.Unknown)
                {
                    return new[] { state.WithFact(resolved, wanted) };
                }

                return current == wanted ? new[] { state } : Array.Empty<AbstractState>();

            case NotCondition not:
                return Assume(state, not.Operand, !truth, argument, call);

            case BinaryCondition binary:
                return binary.Operator switch
                {
                    ConditionOperator.And when truth => Then(Assume(state, binary.Left, true, argument, call), binary.Right, true, argument, call),
                    ConditionOperator.And => Assume(state, binary.Left, false, argument, call)
                        .Concat(Then(Assume(state, binary.Left, true, argument, call), binary.Right, false, argument, call)),
                    ConditionOperator.Or when truth => Assume(state, binary.Left, true, argument, call)
                        .Concat(Then(Assume(state, binary.Left, false, argument, call), binary.Right, true, argument, call)),
                    ConditionOperator.Or => Then(Assume(state, binary.Left, false, argument, call), binary.Right, false, argument, call),
                    _ => Equality(state, binary, truth == (binary.Operator == ConditionOperator.Equal), argument, call),
                };

            default:
                return new[] { state };
        }
    }

    private static IEnumerable<AbstractState> Equality(AbstractState state, BinaryCondition binary, bool equal, Func<IParameterSymbol, Value> argument, Func<IMethodSymbol, Tri>? call) =>
        Then(Assume(state, binary.Left, true, argument, call), binary.Right, equal, argument, call)
            .Concat(Then(Assume(state, binary.Left, false, argument, call), binary.Right, !equal, argument, call));

    private static IEnumerable<AbstractState> Then(IEnumerable<AbstractState> states, Condition condition, bool truth, Func<IParameterSymbol, Value> argument, Func<IMethodSymbol, Tri>? call) =>
        states.SelectMany(s => Assume(s, condition, truth, argument, call)).ToList();

    private static AccessPath? Resolve(PathCondition condition, Func<IParameterSymbol, Value> argument)
    {
        Value value = argument(condition.Parameter);
        if (condition.Members.IsEmpty)
        {
            return value.Path is { IsBool: true } direct ? direct : null;
        }

        AccessPath? path = value.Path;
        foreach (ISymbol member in condition.Members)
        {
            path = path?.Append(member);
        }

        return path;
    }
}
