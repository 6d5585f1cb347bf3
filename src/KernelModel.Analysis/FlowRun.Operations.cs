using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace KernelModel.Analysis;

/// <summary>Transfer functions for expressions and assignments.</summary>
internal sealed partial class FlowRun
{
    /// <summary>Evaluates an operation in one state: the states it may leave, each with the operation's value.</summary>
    private List<(AbstractState State, Value Value)> Eval(IOperation? operation, AbstractState state)
    {
        if (operation is null)
        {
            return One(state, Value.Unknown);
        }

        if (operation.ConstantValue.HasValue)
        {
            return One(state, operation.ConstantValue.Value is bool constant ? Value.Of(constant) : Value.Unknown);
        }

        switch (operation)
        {
            case IFlowCaptureOperation capture:
                return Eval(capture.Value, state).Select(o => (o.State.WithCapture(capture.Id, o.Value), o.Value)).ToList();

            case IFlowCaptureReferenceOperation reference:
                return One(state, state.Captures.TryGetValue(reference.Id, out Value captured) ? captured : Value.Unknown);

            case IParameterReferenceOperation parameter:
                return One(state, parameter.Parameter.RefKind != RefKind.None && state.Refs.TryGetValue(parameter.Parameter, out AccessPath? rebound)
                    ? ReadPath(state, rebound)
                    : Read(state, AccessPath.ForParameter(parameter.Parameter), parameter.Parameter));

            case ILocalReferenceOperation local when local.Local.IsRef:
                // A ref local reads what it refers to; one referring to something unnamed reads an unknown value.
                return One(state, state.Refs.TryGetValue(local.Local, out AccessPath? referent) ? ReadPath(state, referent) : Value.Unknown);

            case ILocalReferenceOperation local when state.Refs.TryGetValue(local.Local, out AccessPath? copied):
                if (local.Parent is IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out })
                {
                    // Passed by reference, the copy itself may be made to hold another object: it stands for itself now.
                    AbstractState dissolved = Dissolve(state, (copy, _) => SymbolEqualityComparer.Default.Equals(copy, local.Local));
                    return One(dissolved, Read(dissolved, AccessPath.ForLocal(local.Local), local.Local));
                }

                // A reference copy ('var t = tlb;') reads the path it copies.
                return One(state, ReadPath(state, copied));

            case ILocalReferenceOperation local:
                return One(state, Read(state, AccessPath.ForLocal(local.Local), local.Local));

            case IDeclarationExpressionOperation declaration:
                // 'out bool x' and 'out var x' declared at the call: the declared local, as a pre-declared one would be.
                return Eval(declaration.Expression, state);

            case ISimpleAssignmentOperation { IsRef: true } binding:
                return EvalRefBinding(binding, state);

            case IInstanceReferenceOperation instance:
                return One(state, instance.ReferenceKind == InstanceReferenceKind.ContainingTypeInstance
                    ? new Value(Tri.Unknown, AccessPath.ForThis(instance.Type), true, 0)
                    : Value.Unknown);

            case IFieldReferenceOperation field:
                return EvalMember(field.Instance, field.Field, state);

            case IPropertyReferenceOperation { Property.GetMethod: { } getter } accessed when RunsAccessor(accessed.Property, getter):
                return EvalGetter(accessed, getter, state);

            case IPropertyReferenceOperation property when property.Arguments.IsEmpty:
                return EvalMember(property.Instance, property.Property, state);

            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                return Eval(not.Operand, state).Select(o => (o.State, o.Value.Negate())).ToList();

            case IBinaryOperation binary when binary.OperatorMethod is null:
                return EvalBinary(binary, state);

            case IBinaryOperation { OperatorMethod: { } userOperator } userBinary:
                return EvalOperatorCall(userOperator, new[] { userBinary.LeftOperand, userBinary.RightOperand }, userBinary, state);

            case IUnaryOperation { OperatorMethod: { } userOperator } userUnary:
                return EvalOperatorCall(userOperator, new[] { userUnary.Operand }, userUnary, state);

            case IConversionOperation { OperatorMethod: { } userOperator } userConversion:
                return EvalOperatorCall(userOperator, new[] { userConversion.Operand }, userConversion, state);

            case IIsNullOperation isNull:
                // The CFG's null checks ('using', '?.', '??'): an object created here is never null.
                return Eval(isNull.Operand, state).Select(o => (o.State, o.Value.Allocation > 0 ? Value.Of(false) : Value.Unknown)).ToList();

            case IIsPatternOperation pattern:
                return EvalPattern(pattern, state);

            case IConversionOperation conversion when conversion.OperatorMethod is null:
                return Eval(conversion.Operand, state);

            case ISimpleAssignmentOperation assignment:
                return EvalAssignment(assignment.Target, assignment.Value, null, state);

            case ICompoundAssignmentOperation compound when compound.OperatorMethod is null:
                return EvalAssignment(compound.Target, compound.Value, compound.OperatorKind, state);

            case IDeconstructionAssignmentOperation deconstruction:
                return EvalDeconstruction(deconstruction, state);

            case IInvocationOperation invocation:
                return EvalInvocation(invocation, state);

            case IObjectCreationOperation creation:
                return EvalCreation(creation, state);

            case IFlowAnonymousFunctionOperation lambda:
                _recorder?.AddLambda(lambda, _graph);
                return One(state, Value.Unknown);

            case IMethodReferenceOperation method:
                if (method.Method.MethodKind == MethodKind.LocalFunction)
                {
                    _recorder?.AddDelegateConversion(method.Method);
                }

                return EvalChildren(operation, state);

            default:
                return EvalChildren(operation, state);
        }
    }

    private static List<(AbstractState, Value)> One(AbstractState state, Value value) => new(1) { (state, value) };

    /// <summary>A user-defined operator or conversion: a call like any other, summarised when its source is here.</summary>
    private List<(AbstractState State, Value Value)> EvalOperatorCall(IMethodSymbol method, IOperation[] operands, IOperation operation, AbstractState state)
    {
        var results = new List<(AbstractState, Value)>();
        foreach ((AbstractState after, Value[] values) in EvalSequence(operands, state))
        {
            Value[] arguments = new Value[method.Parameters.Length];
            for (int i = 0; i < arguments.Length; i++)
            {
                arguments[i] = i < values.Length ? values[i] : Value.Unknown;
            }

            results.AddRange(ApplyCall(null, method, Value.Unknown, arguments, operation, after, checkContracts: false));
        }

        return results;
    }

    private List<(AbstractState State, Value Value)> EvalChildren(IOperation operation, AbstractState state)
    {
        // While every child leaves one state, that state is all there is to carry.
        AbstractState single = state;
        List<AbstractState>? outcomes = null;
        foreach (IOperation child in operation.ChildOperations)
        {
            if (outcomes is null)
            {
                List<(AbstractState State, Value Value)> evaluated = Eval(child, single);
                if (evaluated.Count == 1)
                {
                    single = evaluated[0].State;
                    continue;
                }

                outcomes = new List<AbstractState>(evaluated.Count);
                foreach ((AbstractState after, _) in evaluated)
                {
                    outcomes.Add(after);
                }

                continue;
            }

            var next = new List<AbstractState>();
            foreach (AbstractState current in outcomes)
            {
                next.AddRange(Eval(child, current).Select(o => o.State));
            }

            outcomes = next;
        }

        return outcomes is null ? One(single, Value.Unknown) : outcomes.Select(s => (s, Value.Unknown)).ToList();
    }

    /// <summary>Evaluates operands left to right, returning each combination of outcomes.</summary>
    private List<(AbstractState State, Value[] Values)> EvalSequence(IReadOnlyList<IOperation?> operands, AbstractState state)
    {
        var outcomes = new List<(AbstractState State, Value[] Values)> { (state, new Value[operands.Count]) };
        for (int i = 0; i < operands.Count; i++)
        {
            if (outcomes.Count == 1)
            {
                // The common case: one path so far. Its values array is not shared yet, so the first outcome of
                // this operand fills it in place; only further outcomes need copies.
                (AbstractState current, Value[] values) = outcomes[0];
                List<(AbstractState State, Value Value)> evaluated = Eval(operands[i], current);
                outcomes.Clear();
                for (int k = 0; k < evaluated.Count; k++)
                {
                    Value[] target = k == evaluated.Count - 1 ? values : (Value[])values.Clone();
                    target[i] = evaluated[k].Value;
                    outcomes.Add((evaluated[k].State, target));
                }

                continue;
            }

            var next = new List<(AbstractState, Value[])>();
            foreach ((AbstractState current, Value[] values) in outcomes)
            {
                foreach ((AbstractState after, Value value) in Eval(operands[i], current))
                {
                    var copy = (Value[])values.Clone();
                    copy[i] = value;
                    next.Add((after, copy));
                }
            }

            outcomes = next;
        }

        return outcomes;
    }

    /// <summary>Reads a path (a ref's referent): its fact, and for a bare local or parameter its allocation.</summary>
    private static Value ReadPath(AbstractState state, AccessPath path) =>
        path.Members.Length == 0 && path.Root is ISymbol root
            ? Read(state, path, root)
            : new Value(path.IsBool ? state.Fact(path) : Tri.Unknown, path, true, 0);

    /// <summary>
    /// <c>ref bool f = ref tlb.FreedTables;</c> (or <c>f = ref other;</c>): from here on <c>f</c> must-aliases that path, so
    /// writes through it are writes to it. A referent the engine cannot name leaves <c>f</c> unbound: a write through
    /// it then forgets everything.
    /// </summary>
    private List<(AbstractState State, Value Value)> EvalRefBinding(ISimpleAssignmentOperation binding, AbstractState state)
    {
        ISymbol? symbol = binding.Target switch
        {
            ILocalReferenceOperation local => local.Local,
            IParameterReferenceOperation parameter => parameter.Parameter,
            _ => null,
        };
        var results = new List<(AbstractState, Value)>();
        foreach ((AbstractState after, Target referent) in EvalTarget(binding.Value, state))
        {
            AbstractState bound = symbol is null ? after : after.WithRef(symbol, referent.Anywhere ? null : referent.Path);
            if (symbol is IParameterSymbol && (referent.Anywhere || referent.Path is null))
            {
                // A ref parameter made to refer to something unnamed: reads and writes through it can no longer be told apart from others.
                bound = bound.WithFacts(bound.Facts.Clear());
            }

            results.Add((bound, referent.Path is AccessPath path ? ReadPath(bound, path) : Value.Unknown));
        }

        return results;
    }

    private static Value Read(AbstractState state, AccessPath path, ISymbol root)
    {
        int allocation = state.Fresh.TryGetValue(root, out int id) && id > 0 ? id : 0;
        return new Value(path.IsBool ? state.Fact(path) : Tri.Unknown, path, true, allocation);
    }

    private List<(AbstractState State, Value Value)> EvalMember(IOperation? instance, ISymbol member, AbstractState state)
    {
        if (member.IsStatic)
        {
            AccessPath path = AccessPath.ForStatic(member);
            return One(state, new Value(path.IsBool ? state.Fact(path) : Tri.Unknown, path, true, 0));
        }

        return Eval(instance, state).Select(o =>
        {
            AccessPath? path = o.Value.Path?.Append(member);
            Value value = path is null ? Value.Unknown : new Value(path.IsBool ? o.State.Fact(path) : Tri.Unknown, path, true, 0);
            return (o.State, value);
        }).ToList();
    }

    private List<(AbstractState State, Value Value)> EvalBinary(IBinaryOperation binary, AbstractState state)
    {
        var results = new List<(AbstractState, Value)>();
        foreach ((AbstractState after, Value[] values) in EvalSequence(new[] { binary.LeftOperand, binary.RightOperand }, state))
        {
            results.Add((after, Combine(binary.OperatorKind, values[0], values[1], binary.LeftOperand, binary.RightOperand)));
        }

        return results;
    }

    private static Value Combine(BinaryOperatorKind kind, Value left, Value right, IOperation leftOperand, IOperation rightOperand)
    {
        bool bools = leftOperand.Type?.SpecialType == SpecialType.System_Boolean && rightOperand.Type?.SpecialType == SpecialType.System_Boolean;
        if (!bools)
        {
            return Value.Unknown;
        }

        switch (kind)
        {
            case BinaryOperatorKind.And:
            case BinaryOperatorKind.ConditionalAnd:
                return Value.Of(left.Truth.And(right.Truth));
            case BinaryOperatorKind.Or:
            case BinaryOperatorKind.ConditionalOr:
                return Value.Of(left.Truth.Or(right.Truth));
            case BinaryOperatorKind.ExclusiveOr:
                return Value.Of(left.Truth.EqualTo(right.Truth).Not());
            case BinaryOperatorKind.Equals:
            case BinaryOperatorKind.NotEquals:
                bool equals = kind == BinaryOperatorKind.Equals;
                if (rightOperand.ConstantValue.Value is bool r)
                {
                    return r == equals ? left : left.Negate();
                }

                if (leftOperand.ConstantValue.Value is bool l)
                {
                    return l == equals ? right : right.Negate();
                }

                Tri same = left.Truth.EqualTo(right.Truth);
                return Value.Of(equals ? same : same.Not());
            default:
                return Value.Unknown;
        }
    }

    private List<(AbstractState State, Value Value)> EvalPattern(IIsPatternOperation pattern, AbstractState state)
    {
        state = DissolveDeclared(pattern.Pattern, state);
        bool negated = false;
        IPatternOperation inner = pattern.Pattern;
        while (inner is INegatedPatternOperation not)
        {
            negated = !negated;
            inner = not.Pattern;
        }

        if (inner is IRecursivePatternOperation or IBinaryPatternOperation)
        {
            // 'tlb is { FreedTables: true }', 'x is { A: true } and { B: false }': one outcome per way the match goes,
            // each knowing what it learned, as the equivalent 'if' would.
            var matched = new List<(AbstractState, Value)>();
            foreach ((AbstractState after, Value input) in Eval(pattern.Value, state))
            {
                foreach ((AbstractState outcome, Tri truth) in Match(pattern.Pattern, input, after))
                {
                    matched.Add((outcome, Value.Of(truth)));
                }
            }

            return matched;
        }

        return Eval(pattern.Value, state).Select(o =>
        {
            Value value = inner is IConstantPatternOperation { Value.ConstantValue.Value: bool constant } &&
                pattern.Value.Type?.SpecialType == SpecialType.System_Boolean
                ? (constant ? o.Value : o.Value.Negate())
                : Value.Unknown;
            return (o.State, negated ? value.Negate() : value);
        }).ToList();
    }

    /// <summary>The ways <paramref name="pattern"/> can match <paramref name="input"/>: each state with whether it matched there.</summary>
    private static List<(AbstractState State, Tri Matched)> Match(IPatternOperation pattern, Value input, AbstractState state)
    {
        switch (pattern)
        {
            case IConstantPatternOperation { Value.ConstantValue.Value: bool constant } when input.Path is { IsBool: true } || input.Truth != Tri.Unknown:
                if (input.Truth != Tri.Unknown)
                {
                    return new() { (state, TriLogic.From(input.Truth == TriLogic.From(constant))) };
                }

                return new() { (Learn(state, input, constant), Tri.True), (Learn(state, input, !constant), Tri.False) };

            case INegatedPatternOperation negated:
                return Match(negated.Pattern, input, state).Select(o => (o.State, o.Matched.Not())).ToList();

            case IDiscardPatternOperation:
                return new() { (state, Tri.True) };

            case IBinaryPatternOperation binary:
                var results = new List<(AbstractState, Tri)>();
                foreach ((AbstractState left, Tri matched) in Match(binary.LeftPattern, input, state))
                {
                    bool decided = binary.OperatorKind == BinaryOperatorKind.And ? matched == Tri.False : matched == Tri.True;
                    if (decided)
                    {
                        results.Add((left, matched));
                        continue;
                    }

                    foreach ((AbstractState right, Tri second) in Match(binary.RightPattern, input, left))
                    {
                        results.Add((right, binary.OperatorKind == BinaryOperatorKind.And ? matched.And(second) : matched.Or(second)));
                    }
                }

                return results;

            case IRecursivePatternOperation recursive when recursive.DeconstructionSubpatterns.IsEmpty:
                // A null input (or one of another type) fails without teaching anything.
                var outcomes = new List<(AbstractState, Tri)> { (state, Tri.False) };
                var pending = new List<(AbstractState State, Tri Matched)> { (state, Tri.True) };
                foreach (IPropertySubpatternOperation sub in recursive.PropertySubpatterns)
                {
                    ISymbol? member = (sub.Member as IMemberReferenceOperation)?.Member;
                    AccessPath? path = member is IFieldSymbol or IPropertySymbol { IsIndexer: false } ? input.Path?.Append(member) : null;
                    var next = new List<(AbstractState, Tri)>();
                    foreach ((AbstractState current, Tri soFar) in pending)
                    {
                        Value value = path is null ? Value.Unknown : new Value(path.IsBool ? current.Fact(path) : Tri.Unknown, path, true, 0);
                        foreach ((AbstractState after, Tri matched) in Match(sub.Pattern, value, current))
                        {
                            if (matched == Tri.False)
                            {
                                outcomes.Add((after, Tri.False));
                            }
                            else
                            {
                                next.Add((after, soFar.And(matched)));
                            }
                        }
                    }

                    pending = next;
                }

                outcomes.AddRange(pending);
                return outcomes;

            default:
                return new() { (state, Tri.Unknown) };
        }
    }

    /// <summary>Where an assignment writes: a tracked path, or an untracked member of an object of some type.</summary>
    private readonly struct Target(AccessPath? path, ISymbol? member, ITypeSymbol? receiverType, ITypeSymbol? type, bool anywhere = false)
    {
        /// <summary>A location the engine cannot name (through an unbound ref local, a ref-returning call): it may be any.</summary>
        public static Target Unnamed(ITypeSymbol? type) => new(null, null, null, type, anywhere: true);

        public bool Anywhere { get; } = anywhere;

        public AccessPath? Path { get; } = path;

        public ISymbol? Member { get; } = member;

        public ITypeSymbol? ReceiverType { get; } = receiverType;

        public ITypeSymbol? Type { get; } = type;
    }

    private List<(AbstractState State, Target Target)> EvalTarget(IOperation target, AbstractState state)
    {
        switch (target)
        {
            case ILocalReferenceOperation local when local.Local.IsRef:
                return new() { (state, state.Refs.TryGetValue(local.Local, out AccessPath? referent) ? PathTarget(referent) : Target.Unnamed(local.Local.Type)) };
            case ILocalReferenceOperation local:
                return new() { (state, new Target(AccessPath.ForLocal(local.Local), null, null, local.Local.Type)) };
            case IParameterReferenceOperation parameter when parameter.Parameter.RefKind != RefKind.None && state.Refs.TryGetValue(parameter.Parameter, out AccessPath? rebound):
                return new() { (state, PathTarget(rebound)) };
            case IParameterReferenceOperation parameter:
                return new() { (state, new Target(AccessPath.ForParameter(parameter.Parameter), null, null, parameter.Parameter.Type)) };
            case IDeclarationExpressionOperation declaration:
                return EvalTarget(declaration.Expression, state);
            case IInvocationOperation { TargetMethod.ReturnsByRef: true }:
                // 'Flag(tlb) = false' writes wherever the call's ref points.
                return Eval(target, state).Select(o => (o.State, Target.Unnamed(target.Type))).ToList();
            case IFieldReferenceOperation field:
                return MemberTarget(field.Instance, field.Field, field.Field.Type, state);
            case IPropertyReferenceOperation property when property.Arguments.IsEmpty:
                return MemberTarget(property.Instance, property.Property, property.Property.Type, state);
            case IFlowCaptureReferenceOperation capture when state.Captures.TryGetValue(capture.Id, out Value captured) && captured.Path is not null:
                return new() { (state, new Target(captured.Path, null, null, captured.Path.Type)) };
            default:
                return Eval(target, state).Select(o => (o.State, new Target(null, null, null, target.Type))).ToList();
        }
    }

    private static Target PathTarget(AccessPath path)
    {
        int members = path.Members.Length;
        if (members > (path.Kind == PathRoot.Static ? 1 : 0))
        {
            return new Target(path, path.Members[members - 1], path.Prefix(members - 1).Type, path.Type);
        }

        return new Target(path, path.Kind == PathRoot.Static ? path.Members[0] : null, null, path.Type);
    }

    private List<(AbstractState State, Target Target)> MemberTarget(IOperation? instance, ISymbol member, ITypeSymbol type, AbstractState state)
    {
        if (member.IsStatic)
        {
            return new() { (state, new Target(AccessPath.ForStatic(member), member, member.ContainingType, type)) };
        }

        if (instance is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver })
        {
            // An object or with-initializer writes to the object being created, which nothing tracked reaches.
            return new() { (state, new Target(null, null, null, type)) };
        }

        return Eval(instance, state).Select(o =>
            (o.State, new Target(o.Value.Path?.Append(member), member, instance?.Type ?? member.ContainingType, type))).ToList();
    }

    private List<(AbstractState State, Value Value)> EvalAssignment(IOperation targetOperation, IOperation valueOperation, BinaryOperatorKind? compound, AbstractState state)
    {
        if (targetOperation is IPropertyReferenceOperation { Property.SetMethod: { } setter } written && RunsAccessor(written.Property, setter))
        {
            return EvalSetter(written, setter, valueOperation, compound, targetOperation.Parent ?? targetOperation, state);
        }

        var results = new List<(AbstractState, Value)>();
        foreach ((AbstractState afterTarget, Target target) in EvalTarget(targetOperation, state))
        {
            foreach ((AbstractState afterValue, Value value) in Eval(valueOperation, afterTarget))
            {
                Value assigned = value;
                if (compound is { } kind)
                {
                    Value old = target.Path is { IsBool: true } p ? Value.Of(afterValue.Fact(p)) : Value.Unknown;
                    assigned = Combine(kind, old, value, targetOperation, valueOperation);
                }

                if (compound is null && assigned.Truth == Tri.Unknown && assigned.Path is { IsBool: true } source &&
                    target.Path is { Kind: PathRoot.Local, Members.Length: 0, IsBool: true } local && !local.Equals(source))
                {
                    // 'bool f = tlb.FreedTables;': f stands for the path. One state per value, each knowing both, so that
                    // what a branch learns of one holds for the other (and a later write to either is tracked as usual).
                    foreach (bool truth in new[] { true, false })
                    {
                        Value known = Value.Of(truth);
                        results.Add((Assign(Learn(afterValue, assigned, truth), target, known, valueOperation), known));
                    }

                    continue;
                }

                results.Add((Assign(afterValue, target, assigned, valueOperation), assigned));
            }
        }

        return results;
    }

    private List<(AbstractState State, Value Value)> EvalDeconstruction(IDeconstructionAssignmentOperation deconstruction, AbstractState state)
    {
        if (deconstruction.Target is ITupleOperation targets && deconstruction.Value is ITupleOperation values &&
            targets.Elements.Length == values.Elements.Length)
        {
            var outcomes = new List<AbstractState> { state };
            var evaluated = EvalSequence(values.Elements.ToArray(), state);
            var results = new List<(AbstractState, Value)>();
            foreach ((AbstractState after, Value[] vals) in evaluated)
            {
                AbstractState current = after;
                for (int i = 0; i < targets.Elements.Length; i++)
                {
                    foreach ((AbstractState t, Target target) in EvalTarget(targets.Elements[i], current).Take(1))
                    {
                        current = Assign(t, target, vals[i], values.Elements[i]);
                    }
                }

                results.Add((current, Value.Unknown));
            }

            return results;
        }

        // Deconstruction through a Deconstruct method or a tuple-typed value: every target becomes unknown.
        var unknown = new List<(AbstractState, Value)>();
        foreach ((AbstractState after, _) in Eval(deconstruction.Value, state))
        {
            AbstractState current = after;
            foreach (IOperation element in Flatten(deconstruction.Target))
            {
                foreach ((AbstractState t, Target target) in EvalTarget(element, current).Take(1))
                {
                    current = Assign(t, target, Value.Unknown, null);
                }
            }

            unknown.Add((current, Value.Unknown));
        }

        return unknown;
    }

    private static IEnumerable<IOperation> Flatten(IOperation target) => target is ITupleOperation tuple
        ? tuple.Elements.SelectMany(Flatten)
        : target is IDeclarationExpressionOperation declaration ? Flatten(declaration.Expression) : new[] { target };

    /// <summary>Writes <paramref name="value"/> to <paramref name="target"/>, forgetting what the write may change.</summary>
    private AbstractState Assign(AbstractState state, Target target, Value value, IOperation? valueOperation)
    {
        if (target.Member is not null)
        {
            WrittenMembers.Add(target.Member);
        }

        if (target.Anywhere)
        {
            // Any tracked location may be the one written, and a local holding another object is no longer fresh.
            return state.WithFacts(state.Facts.Clear()).Unbind(_ => true);
        }

        if (target.Path is not AccessPath path)
        {
            if (target.Member is ISymbol member)
            {
                // A write through an untracked reference may change the member on any compatible object.
                state = Dissolve(state, (_, referent) => Aliasing.ContainsMemberOnCompatible(referent, member, target.ReceiverType));
                return state.Forget(fact => Aliasing.ContainsMemberOnCompatible(fact, member, target.ReceiverType));
            }

            return state;
        }

        if (!path.IsBool)
        {
            // Reference copies of what this write may change stop standing for it (and a copy written stops copying).
            state = DissolveForWrite(path, state);
        }

        // Facts below the path were about the object it held before.
        state = state.Forget(fact => !fact.Equals(path) && fact.StartsWith(path));

        int members = path.Members.Length;
        if (members > (path.Kind == PathRoot.Static ? 1 : 0))
        {
            ISymbol member = path.Members[members - 1];
            AccessPath owner = path.Prefix(members - 1);
            state = state.Forget(fact => !fact.Equals(path) && (Aliasing.MayWriteThrough(fact, member, owner, state) || Aliasing.ThroughRefParameter(fact, path.Type)));
        }
        else if (path.Root is IParameterSymbol { RefKind: RefKind.Ref or RefKind.Out } && path.Kind == PathRoot.Parameter)
        {
            // A ref parameter may refer to any field of a compatible type (and to another ref parameter).
            state = state.Forget(fact => !fact.Equals(path) && (Aliasing.ReachesLocationOf(fact, path.Type) || Aliasing.ThroughRefParameter(fact, path.Type)));
        }

        if (members == 0 && path.Kind != PathRoot.Static && path.Root is ISymbol root)
        {
            // Ref locals that refer into the object this variable held keep referring to that object, which no tracked path names now.
            state = state.Unbind(referent => referent.Members.Length > 0 && referent.SameRoot(path));
            // A local or parameter now holds another object.
            int allocation = value.Allocation;
            if (allocation == 0 && value.Path is { Members.Length: 0, Root: ISymbol source } && state.Fresh.TryGetValue(source, out int sourceId))
            {
                allocation = sourceId;
            }

            state = state.WithFresh(root, allocation != 0 ? allocation : path.Kind == PathRoot.Parameter ? -1 : 0);
            if (path.Kind == PathRoot.Local && IsCopy(root) && value.Path is AccessPath copied && !copied.SameRoot(path) && Copyable(copied))
            {
                // 'var t = tlb;': t must-aliases tlb until either is reassigned.
                state = state.WithRef(root, copied);
            }
        }

        if (path.IsBool)
        {
            state = state.WithFact(path, value.Truth);
            if (members > 0 && valueOperation is not null)
            {
                state = state.With(new TraceEvent(TraceKind.FlagWritten, valueOperation.Syntax.GetLocation(), path.ToString(), value.Truth != Tri.False, Spell(value.Truth), null));
            }
        }

        if (value.Path is { Kind: PathRoot.Allocation } created && !path.IsBool)
        {
            // A new object stored here: what its constructor and initializer wrote is now known through this path.
            ImmutableDictionary<AccessPath, bool> facts = state.Facts;
            foreach (KeyValuePair<AccessPath, bool> fact in state.Facts)
            {
                if (fact.Key.StartsWith(created))
                {
                    facts = facts.Remove(fact.Key);
                    if (fact.Key.Rebase(path) is AccessPath moved)
                    {
                        facts = facts.SetItem(moved, fact.Value);
                    }
                }
            }

            state = state.WithFacts(facts);
        }

        return state;
    }

    private static string Spell(Tri truth) => truth switch
    {
        Tri.True => "true",
        Tri.False => "false",
        _ => "a value that may be false",
    };

    private List<(AbstractState State, Value Value)> EvalCreation(IObjectCreationOperation creation, AbstractState state)
    {
        int allocation = creation.Syntax.SpanStart + 1;
        // The new object has a path of its own until it is stored, so that its constructor's and initializer's writes
        // ('new MmuGather { FreedTables = true }') are facts that follow it into the variable or argument it goes to.
        AccessPath created = AccessPath.ForAllocation(creation.Type, allocation);
        var results = new List<(AbstractState, Value)>();
        IMethodSymbol? constructor = creation.Constructor;
        var operands = creation.Arguments.Select(a => (IOperation?)a.Value).ToArray();
        foreach ((AbstractState after, Value[] values) in EvalSequence(operands, state))
        {
            IEnumerable<AbstractState> constructed = new[] { after };
            if (constructor is not null)
            {
                Value[] byOrdinal = ByOrdinal(constructor, creation.Arguments, values);
                // A constructor's own contracts are checked here, at the creation, as a call's are at the invocation.
                constructed = ApplyCall(null, constructor, new Value(Tri.Unknown, created, true, allocation), byOrdinal, creation, after.Forget(fact => fact.StartsWith(created)), checkContracts: true)
                    .Select(o => o.State);
            }

            foreach (AbstractState s in constructed)
            {
                AbstractState initialized = s;
                if (creation.Initializer is not null)
                {
                    // Initializer assignments write to the new object, which no tracked path reaches yet.
                    initialized = Eval(creation.Initializer, s).Select(o => o.State).FirstOrDefault() ?? s;
                }

                results.Add((initialized, new Value(Tri.Unknown, created, true, allocation)));
            }
        }

        return results;
    }

    private static Value[] ByOrdinal(IMethodSymbol method, ImmutableArray<IArgumentOperation> arguments, Value[] values, int offset = 0)
    {
        var byOrdinal = new Value[method.Parameters.Length];
        for (int i = 0; i < byOrdinal.Length; i++)
        {
            byOrdinal[i] = Value.Unknown;
        }

        for (int i = 0; i < arguments.Length; i++)
        {
            IParameterSymbol? parameter = arguments[i].Parameter;
            if (parameter is not null && parameter.Ordinal < byOrdinal.Length)
            {
                byOrdinal[parameter.Ordinal] = values[i + offset];
            }
        }

        return byOrdinal;
    }
}
