using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace KernelModel.Analysis;

/// <summary>
/// Property and indexer accessors with bodies are calls like any other (SPEC §5): a read calls the getter and a write
/// calls the setter, summarised when their source is here, so that a setter that sets <c>FreedTables</c> or a getter
/// that computes a fact is followed. Auto-properties (and properties without source) stay access paths.
/// </summary>
internal sealed partial class FlowRun
{
    /// <summary>Whether reading or writing <paramref name="property"/> through <paramref name="accessor"/> runs a body of this compilation.</summary>
    private static bool RunsAccessor(IPropertySymbol property, IMethodSymbol? accessor) =>
        accessor is { IsAbstract: false, IsExtern: false } && !accessor.DeclaringSyntaxReferences.IsEmpty &&
        !property.ReturnsByRef && !property.ReturnsByRefReadonly && !IsAutoProperty(property);

    /// <summary>A property or indexer read that runs its getter.</summary>
    private List<(AbstractState State, Value Value)> EvalGetter(IPropertyReferenceOperation read, IMethodSymbol getter, AbstractState state)
    {
        var results = new List<(AbstractState, Value)>();
        foreach ((AbstractState after, Value[] values) in EvalSequence(AccessorOperands(read, getter, null), state))
        {
            results.AddRange(ApplyCall(null, getter, values[0], ByOrdinal(getter, read.Arguments, values, offset: 1), read, after, checkContracts: false));
        }

        return results;
    }

    /// <summary>A property or indexer write that runs its setter with the assigned value (combined with an unknown old value for compound assignments).</summary>
    private List<(AbstractState State, Value Value)> EvalSetter(
        IPropertyReferenceOperation written, IMethodSymbol setter, IOperation valueOperation, BinaryOperatorKind? compound, IOperation assignment, AbstractState state)
    {
        var results = new List<(AbstractState, Value)>();
        foreach ((AbstractState after, Value[] values) in EvalSequence(AccessorOperands(written, setter, valueOperation), state))
        {
            Value assigned = values[values.Length - 1];
            if (compound is { } kind)
            {
                assigned = Combine(kind, Value.Unknown, assigned, written, valueOperation);
            }

            Value[] arguments = ByOrdinal(setter, written.Arguments, values, offset: 1);
            if (arguments.Length > 0)
            {
                arguments[arguments.Length - 1] = assigned;
            }

            foreach ((AbstractState outcome, _) in ApplyCall(null, setter, values[0], arguments, assignment, after, checkContracts: false))
            {
                results.Add((outcome, assigned));
            }
        }

        return results;
    }

    private static IOperation?[] AccessorOperands(IPropertyReferenceOperation reference, IMethodSymbol accessor, IOperation? value)
    {
        ImmutableArray<IArgumentOperation> arguments = reference.Arguments;
        var operands = new IOperation?[arguments.Length + 1 + (value is null ? 0 : 1)];
        operands[0] = accessor.IsStatic ? null : reference.Instance;
        for (int i = 0; i < arguments.Length; i++)
        {
            operands[i + 1] = arguments[i].Value;
        }

        if (value is not null)
        {
            operands[operands.Length - 1] = value;
        }

        return operands;
    }
}
