using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using KernelModel.Analysis.Contracts;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace KernelModel.Analysis;

/// <summary>Transfer functions for calls: flush primitives, contracts, summaries of source callees, unknown calls.</summary>
internal sealed partial class FlowRun
{
    private List<(AbstractState State, Value Value)> EvalInvocation(IInvocationOperation invocation, AbstractState state)
    {
        IMethodSymbol target = invocation.TargetMethod;
        ImmutableArray<IArgumentOperation> arguments = invocation.Arguments;
        var operands = new IOperation?[arguments.Length + 1];
        operands[0] = invocation.Instance;
        for (int i = 0; i < arguments.Length; i++)
        {
            operands[i + 1] = arguments[i].Value;
        }

        List<(AbstractState State, Value[] Values)> evaluated = EvalSequence(operands, state);
        if (evaluated.Count == 1)
        {
            (AbstractState after, Value[] values) = evaluated[0];
            return ApplyCall(invocation, target, values[0], ByOrdinal(target, arguments, values, offset: 1), invocation, after, checkContracts: true);
        }

        var results = new List<(AbstractState, Value)>();
        foreach ((AbstractState after, Value[] values) in evaluated)
        {
            results.AddRange(ApplyCall(invocation, target, values[0], ByOrdinal(target, arguments, values, offset: 1), invocation, after, checkContracts: true));
        }

        return results;
    }

    private List<(AbstractState State, Value Value)> ApplyCall(
        IInvocationOperation? invocation,
        IMethodSymbol target,
        Value receiver,
        Value[] arguments,
        IOperation call,
        AbstractState state,
        bool checkContracts)
    {
        MethodContracts contracts = _session.Contracts.For(target);
        if (checkContracts && _recorder is not null)
        {
            Record(call, target, contracts, arguments, state);
        }

        if (target.MethodKind == MethodKind.LocalFunction && _recorder is not null)
        {
            _recorder.AddLocalFunctionCall(target, state.Rebuild(state.Facts, state.Fresh).WithFlushed(state.Flushed, state.Evidence), _bound);
        }

        state = DissolveAcrossCall(target, state);
        if (contracts.NeverReturns)
        {
            // [DoesNotReturn] (Environment.FailFast, throw helpers), with or without a body here: the path ends.
            return new List<(AbstractState State, Value Value)>();
        }

        if (target.MethodKind == MethodKind.Constructor && target.ContainingType.SpecialType == SpecialType.System_Object)
        {
            // object's constructor (the implicit base() of a constructor) does nothing: the facts its initializers
            // established about 'this' survive it.
            return One(state, Value.Unknown);
        }

        if (target.MethodKind == MethodKind.Ordinary && _session.Options.IsFlushPrimitive(target.Name))
        {
            return One(FlushPrimitive(invocation, target, arguments, call, state), Value.Unknown);
        }

        // A delegate this body created may run during the call: before the callee reads anything, and after it writes.
        DelegateEffects? delegates = MayRunDelegates(target, invocation, call) ? Delegates : null;
        if (delegates is { IsEmpty: false })
        {
            state = delegates.Apply(state);
        }
        else
        {
            delegates = null;
        }

        // The receiver's own static type, before a conversion to the interface (as 'using' makes for Dispose).
        IOperation? instance = invocation?.Instance;
        while (instance is IConversionOperation { IsImplicit: true } conversion)
        {
            instance = conversion.Operand;
        }

        IMethodSymbol resolved = Resolve(target, instance?.Type);
        List<(AbstractState State, Value Value)> outcomes;
        bool summarised = false;
        // A method's own body is bound and given a graph only when its summary is computed here, not when an earlier
        // compilation's is reused (SummaryStore); a local function's graph is part of its container's, bound already.
        bool summarizable = Summarizable(resolved);
        bool ownBody = summarizable && resolved.MethodKind != MethodKind.LocalFunction && _session.HasBody(resolved.OriginalDefinition);
        ImmutableArray<(ControlFlowGraph Body, IMethodSymbol Method)> bodies = ownBody
            ? ImmutableArray<(ControlFlowGraph, IMethodSymbol)>.Empty
            : summarizable && GraphFor(resolved) is ControlFlowGraph graph ? ImmutableArray.Create((graph, resolved)) : ImplicitConstructorBody(resolved);
        List<(AbstractState State, Value Value)>? summary = null;
        if (bodies.IsDefault)
        {
            outcomes = One(Unknown(target, receiver, arguments, call, state, reason: Unseen(target)), Value.Unknown);
        }
        else if (_stack.Contains(resolved))
        {
            Cuts.Add(resolved);
            outcomes = One(Unknown(target, receiver, arguments, call, state, reason: "recursive"), Value.Unknown);
        }
        else if (_stack.Depth >= _session.Options.MaxSummaryDepth)
        {
            DepthLimited = true;
            outcomes = One(Unknown(target, receiver, arguments, call, state, reason: "beyond the summary depth"), Value.Unknown);
        }
        else if ((summary = ApplySummary(resolved, ownBody, bodies, receiver, arguments, call, state)) is null)
        {
            // The body did not bind to anything the engine can follow.
            outcomes = One(Unknown(target, receiver, arguments, call, state, reason: Unseen(target)), Value.Unknown);
        }
        else
        {
            outcomes = summary;
            summarised = true;
        }

        if (delegates is not null)
        {
            outcomes = outcomes.Select(o => (delegates.Apply(o.State), o.Value)).ToList();
        }

        foreach ((int ordinal, bool stopsWhen) in contracts.ReturnsOnlyIf)
        {
            // Debug.Assert(c) and [DoesNotReturnIf(v)]: only the states where the argument is not v go on, knowing so.
            Value argument = ordinal < arguments.Length ? arguments[ordinal] : Value.Unknown;
            outcomes = outcomes
                .Where(o => argument.Truth != TriLogic.From(stopsWhen))
                .Select(o => (Learn(o.State, argument, !stopsWhen), o.Value))
                .ToList();
        }

        if (contracts.EnsuresTableFlush && !summarised)
        {
            // A promise is taken on trust only where the body cannot be followed; where it can, the summary decides
            // (TLB005 reports a body that breaks the promise, and its callers are not told it holds).
            outcomes = ApplyEnsures(target, contracts, arguments, call, state, outcomes);
        }

        return outcomes;
    }

    /// <summary>
    /// Whether a call may run a delegate this body created: it invokes one, receives one (or anything that could be one),
    /// or some delegate of the body has left its locals, so that whatever now holds it may run it.
    /// </summary>
    private bool MayRunDelegates(IMethodSymbol target, IInvocationOperation? invocation, IOperation call)
    {
        if (target.ContainingType?.TypeKind == TypeKind.Delegate || DelegateEffects.IsDelegate(invocation?.Instance?.Type))
        {
            return true;
        }

        foreach (IParameterSymbol parameter in target.Parameters)
        {
            if (DelegateEffects.IsDelegate(parameter.Type) || parameter.Type.SpecialType == SpecialType.System_Object)
            {
                return true;
            }
        }

        return !Delegates.IsEmpty && Delegates.EscapedBefore(call.Syntax, _graph.Parent is not null);
    }

    /// <summary>
    /// The promise of <c>[EnsuresTableFlush]</c>: every outcome is Flushed, or, for <c>When = "cond"</c>, every outcome
    /// of a call at which the condition is definitely true in the caller's state; otherwise the path records that the
    /// call flushes only under its condition.
    /// </summary>
    private List<(AbstractState State, Value Value)> ApplyEnsures(
        IMethodSymbol target,
        MethodContracts contracts,
        Value[] arguments,
        IOperation call,
        AbstractState state,
        List<(AbstractState State, Value Value)> outcomes)
    {
        string detail = "[EnsuresTableFlush]";
        if (contracts.EnsuresWhen is Condition when)
        {
            Value ArgumentOf(IParameterSymbol parameter) =>
                parameter.Ordinal < arguments.Length ? arguments[parameter.Ordinal] : Value.Unknown;

            Tri truth = ConditionEvaluator.Evaluate(when, ArgumentOf, state, ConstantResult).Truth;
            if (truth != Tri.True)
            {
                var step = new TraceEvent(TraceKind.ConditionalFlush, call.Syntax.GetLocation(), Text(call), false,
                    $"'{when.Text}'" + (truth == Tri.False ? ", which is false here" : ", which may be false here"), null);
                return outcomes.Select(o => (o.State.Flushed == Tri.True ? o.State : o.State.With(step), o.Value)).ToList();
            }

            detail = $"[EnsuresTableFlush(When = \"{when.Text}\")]";
        }

        var evidence = new FlushEvidence(FlushSource.EnsuresContract, call.Syntax.GetLocation(), Text(call), target, detail, null);
        return outcomes.Select(o => (o.State.WithFlush(evidence), o.Value)).ToList();
    }

    /// <summary>What a condition's call to a parameterless method returns; the bodies that answer are read.</summary>
    private Tri ConstantResult(IMethodSymbol method)
    {
        Tri result = _session.ConstantResult(method, _cancellationToken);
        if (_session.TracksReads)
        {
            Reads.UnionWith(_session.ReadsOfConstantResult(method));
        }
        return result;
    }

    private void Record(IOperation call, IMethodSymbol target, MethodContracts contracts, Value[] arguments, AbstractState state)
    {
        Value ArgumentOf(IParameterSymbol parameter) =>
            parameter.Ordinal < arguments.Length ? arguments[parameter.Ordinal] : Value.Unknown;

        Tri Call(IMethodSymbol method) => _session.ConstantResult(method, _cancellationToken);

        if (_session.IsGuarded(target))
        {
            ProofKind? vacuous = null;
            if (state.Flushed != Tri.True)
            {
                if (_session.SendsOwnIpi(target, _cancellationToken) is not null)
                {
                    vacuous = ProofKind.SyncSendsOwnIpi;
                }
                else if (contracts.Unless is not null && ConditionEvaluator.Evaluate(contracts.Unless, ArgumentOf, state, Call).Truth == Tri.True)
                {
                    vacuous = ProofKind.UnlessCondition;
                }
            }

            _recorder!.AddGuardedCall(call, target, state, vacuous);
        }

        foreach (RequiredCondition required in contracts.Conditions)
        {
            Tri truth = ConditionEvaluator.Evaluate(required.Condition, ArgumentOf, state, Call).Truth;
            _recorder!.AddConditionCall(call, target, required.Condition, state, truth);
        }
    }

    private AbstractState FlushPrimitive(IInvocationOperation? invocation, IMethodSymbol target, Value[] arguments, IOperation call, AbstractState state)
    {
        Location location = call.Syntax.GetLocation();
        string? detail = null;
        foreach (IParameterSymbol parameter in target.Parameters)
        {
            if (!_session.Options.IsFlagParameter(parameter.Name) || parameter.Ordinal >= arguments.Length)
            {
                continue;
            }

            string argument = invocation?.Arguments.FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.Parameter, parameter))?.Value.Syntax.ToString() ?? "?";
            Tri truth = arguments[parameter.Ordinal].Truth;
            if (truth == Tri.True)
            {
                return state.WithFlush(new FlushEvidence(FlushSource.Primitive, location, Text(call), target, $"{parameter.Name}: {argument}", null));
            }

            detail ??= truth == Tri.False
                ? (argument == "false" ? $"{parameter.Name}: false" : $"{parameter.Name}: {argument} (false)")
                : $"{parameter.Name}: {argument}, which may be false";
        }

        detail ??= "no freedTables or unsharedTables flag";
        return state.With(new TraceEvent(TraceKind.NonQualifyingFlush, location, Text(call), false, detail, null));
    }

    /// <summary>The method a call runs: for a virtual call on a sealed receiver type, its implementation there.</summary>
    private static IMethodSymbol Resolve(IMethodSymbol target, ITypeSymbol? receiverType)
    {
        bool dispatched = target.IsVirtual || target.IsAbstract || target.IsOverride || target.ContainingType?.TypeKind == TypeKind.Interface;
        if (!dispatched || target.IsSealed || receiverType is not INamedTypeSymbol { IsSealed: true } sealedType)
        {
            return target;
        }

        if (target.ContainingType?.TypeKind == TypeKind.Interface)
        {
            return sealedType.FindImplementationForInterfaceMember(target) as IMethodSymbol ?? target;
        }

        for (INamedTypeSymbol? type = sealedType; type is not null; type = type.BaseType)
        {
            foreach (IMethodSymbol candidate in type.GetMembers(target.Name).OfType<IMethodSymbol>())
            {
                for (IMethodSymbol? overridden = candidate; overridden is not null; overridden = overridden.OverriddenMethod)
                {
                    if (SymbolEqualityComparer.Default.Equals(overridden.OriginalDefinition, target.OriginalDefinition))
                    {
                        return candidate;
                    }
                }
            }
        }

        return target;
    }

    private bool Summarizable(IMethodSymbol method)
    {
        if (method.IsExtern || method.IsAbstract || method.ContainingType?.TypeKind == TypeKind.Interface)
        {
            return false;
        }

        if ((method.IsVirtual || method.IsOverride) && !method.IsSealed && method.ContainingType?.IsSealed != true)
        {
            return false;
        }

        return method.MethodKind is MethodKind.Ordinary or MethodKind.LocalFunction or MethodKind.Constructor or
            MethodKind.PropertyGet or MethodKind.PropertySet or MethodKind.UserDefinedOperator or MethodKind.Conversion or
            MethodKind.ExplicitInterfaceImplementation;
    }

    private ControlFlowGraph? GraphFor(IMethodSymbol method)
    {
        if (method.MethodKind == MethodKind.LocalFunction)
        {
            return LocalFunctionGraph(method.OriginalDefinition);
        }

        return _session.GraphOf(method.OriginalDefinition, _cancellationToken);
    }

    private ControlFlowGraph? LocalFunctionGraph(IMethodSymbol localFunction)
    {
        for (ControlFlowGraph? graph = _graph; graph is not null; graph = graph.Parent)
        {
            if (graph.LocalFunctions.Contains(localFunction, SymbolEqualityComparer.Default))
            {
                return graph.GetLocalFunctionControlFlowGraph(localFunction, _cancellationToken);
            }
        }

        return null;
    }

    /// <summary>
    /// What an implicit instance constructor of a class with source here runs, as the bodies to run in order (SPEC §5):
    /// its type's instance initializers, then its base class's parameterless constructor — the same again for an
    /// implicit one, the constructor's own body (which starts with that class's initializers) for one with source, up
    /// to <c>object</c>. Default (not summarisable) for any other method, and when the chain reaches a constructor it
    /// cannot follow (a base class without source here, a constructor with optional parameters).
    /// </summary>
    private ImmutableArray<(ControlFlowGraph Body, IMethodSymbol Method)> ImplicitConstructorBody(IMethodSymbol method)
    {
        var bodies = ImmutableArray.CreateBuilder<(ControlFlowGraph, IMethodSymbol)>();
        for (IMethodSymbol? constructor = method; ;)
        {
            if (constructor is not { MethodKind: MethodKind.Constructor, IsImplicitlyDeclared: true, IsStatic: false, Parameters.IsEmpty: true } ||
                constructor.ContainingType is not { TypeKind: TypeKind.Class } type || !_session.HasSource(type))
            {
                return default;
            }

            foreach (ControlFlowGraph initializer in _session.InitializersOf(type, isStatic: false, _cancellationToken))
            {
                bodies.Add((initializer, constructor));
            }

            if (type.BaseType is not INamedTypeSymbol baseType || baseType.SpecialType == SpecialType.System_Object)
            {
                return bodies.ToImmutable();
            }

            constructor = baseType.InstanceConstructors.FirstOrDefault(c => c.Parameters.IsEmpty);
            if (constructor is { IsImplicitlyDeclared: false } && Summarizable(constructor) && GraphFor(constructor) is ControlFlowGraph body)
            {
                bodies.Add((body, constructor));
                return bodies.ToImmutable();
            }
        }
    }

    private List<(AbstractState State, Value Value)>? ApplySummary(
        IMethodSymbol callee,
        bool ownBody,
        ImmutableArray<(ControlFlowGraph Body, IMethodSymbol Method)> bodies,
        Value receiver,
        Value[] arguments,
        IOperation call,
        AbstractState state)
    {
        bool local = callee.MethodKind == MethodKind.LocalFunction;
        var bindings = Bindings(callee, receiver, arguments);
        ImmutableDictionary<AccessPath, bool> entry = Project(callee, bindings, arguments, state, local);

        var key = new SummaryKey(callee.OriginalDefinition, entry);

        // For the callee's own body (ownBody, bodies empty) the graph is built only if the summary is computed here.
        // Only such summaries are kept across compilations (an implicit constructor's, made of initializers in possibly
        // several files and a base chain, is recomputed: cheap, and one fewer shape for the store to get right).
        SummaryStore? store = ownBody && !local ? _session.Store : null;
        if (!_session.Summaries.TryGet(key, out Summary? summary) && _stack.TryGetDependent(key, out StackDependentSummary dependent))
        {
            summary = dependent.Summary;
            Cuts.UnionWith(dependent.Cuts);
            DepthLimited |= dependent.DepthLimited;
        }
        else if (summary is null && store is not null && store.TryGet(callee.OriginalDefinition, entry, out Summary? kept))
        {
            // An earlier compilation of the project computed it from the same trees (the editor's previous snapshot).
            summary = kept;
            _session.Summaries.Store(key, summary);
        }
        else if (summary is null)
        {
            if (ownBody)
            {
                if (GraphFor(callee) is not ControlFlowGraph graph)
                {
                    return null;
                }

                bodies = ImmutableArray.Create((graph, callee));
            }

            _session.Summaries.CountComputation();
            _stack.Push(callee.OriginalDefinition);
            var states = new StateSet(AbstractState.Initial.WithFacts(entry));
            var written = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            var cuts = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
            bool depthLimited = false;
            var reads = new HashSet<SyntaxNode>();
            ImmutableArray<AbstractState> exits = states.ToImmutable();
            try
            {
                // One body, or an implicit constructor's initializers in the order they run.
                foreach ((ControlFlowGraph body, IMethodSymbol method) in bodies)
                {
                    var run = new FlowRun(_session, body, method, _stack, recorder: null, _cancellationToken);
                    exits = run.Run(states);
                    written.UnionWith(run.WrittenMembers);
                    if (_session.TracksReads)
                    {
                        reads.Add(body.OriginalOperation.Syntax);
                        reads.UnionWith(run.Reads);
                    }
                    cuts.UnionWith(run.Cuts);
                    depthLimited |= run.DepthLimited;
                    states = new StateSet();
                    states.AddRange(exits, _bound);
                }
            }
            finally
            {
                _stack.Pop();
            }

            summary = new Summary(exits, written.ToImmutableArray()) { Reads = reads.ToImmutableArray() };
            cuts.Remove(callee.OriginalDefinition);
            if (cuts.Count == 0 && !depthLimited)
            {
                _session.Summaries.Store(key, summary);
                store?.Store(callee.OriginalDefinition, entry, summary);
            }
            else
            {
                _stack.StoreDependent(key, new StackDependentSummary(summary, cuts.ToImmutableHashSet<IMethodSymbol>(SymbolEqualityComparer.Default), depthLimited));
            }

            Cuts.UnionWith(cuts);
            DepthLimited |= depthLimited;
        }

        if (_recorder is null)
        {
            // Only a summary run reports what it writes and reads (to its own caller); a checking run has no caller.
            WrittenMembers.UnionWith(summary.WrittenMembers);
            if (_session.TracksReads)
            {
                Reads.UnionWith(summary.Reads);
            }
        }

        var outcomes = new List<(AbstractState, Value)>();
        foreach (AbstractState exit in summary.Exits)
        {
            outcomes.Add((MapBack(callee, bindings, summary, exit, call, state, local), Value.Of(exit.ReturnValue)));
        }

        return outcomes;
    }

    /// <summary>The caller's objects a callee receives: the callee's root path for each, with the caller's value.</summary>
    private static List<(AccessPath CalleeRoot, Value CallerValue, IParameterSymbol? Parameter)> Bindings(IMethodSymbol callee, Value receiver, Value[] arguments)
    {
        var bindings = new List<(AccessPath, Value, IParameterSymbol?)>();
        if (!callee.IsStatic && callee.MethodKind != MethodKind.LocalFunction)
        {
            bindings.Add((AccessPath.ForThis(callee.ContainingType), receiver, null));
        }

        foreach (IParameterSymbol parameter in callee.OriginalDefinition.Parameters)
        {
            if (parameter.Ordinal < arguments.Length)
            {
                bindings.Add((AccessPath.ForParameter(parameter), arguments[parameter.Ordinal], parameter));
            }
        }

        return bindings;
    }

    /// <summary>The projection of the caller's state onto what the callee can read.</summary>
    private static ImmutableDictionary<AccessPath, bool> Project(
        IMethodSymbol callee,
        List<(AccessPath CalleeRoot, Value CallerValue, IParameterSymbol? Parameter)> bindings,
        Value[] arguments,
        AbstractState state,
        bool local)
    {
        var entry = ImmutableDictionary.CreateBuilder<AccessPath, bool>();
        foreach (KeyValuePair<AccessPath, bool> fact in state.Facts)
        {
            if (local || fact.Key.Kind == PathRoot.Static)
            {
                entry[fact.Key] = fact.Value;
            }
        }

        foreach ((AccessPath root, Value value, IParameterSymbol? parameter) in bindings)
        {
            if (root.IsBool && value.Truth != Tri.Unknown)
            {
                entry[root] = value.Truth == Tri.True;
            }

            if (value.Path is not AccessPath source)
            {
                continue;
            }

            foreach (KeyValuePair<AccessPath, bool> fact in state.Facts)
            {
                if (!fact.Key.Equals(source) && fact.Key.StartsWith(source) && Reroot(fact.Key, source, root) is AccessPath mapped)
                {
                    entry[mapped] = fact.Value;
                }
            }
        }

        return entry.ToImmutable();
    }

    /// <summary>The caller's state after the callee returned in <paramref name="exit"/>.</summary>
    private AbstractState MapBack(
        IMethodSymbol callee,
        List<(AccessPath CalleeRoot, Value CallerValue, IParameterSymbol? Parameter)> bindings,
        Summary summary,
        AbstractState exit,
        IOperation call,
        AbstractState state,
        bool local)
    {
        ImmutableDictionary<AccessPath, bool>.Builder facts;
        if (local)
        {
            // A local function sees the caller's locals directly: its exit facts are the caller's, minus its own.
            facts = exit.Facts.Where(f => !OwnedBy(f.Key, callee)).ToImmutableDictionary().ToBuilder();
        }
        else
        {
            facts = state.Facts.ToBuilder();
            foreach (KeyValuePair<AccessPath, bool> fact in state.Facts)
            {
                if (fact.Key.Kind == PathRoot.Static)
                {
                    facts.Remove(fact.Key);
                }
            }

            foreach (KeyValuePair<AccessPath, bool> fact in exit.Facts)
            {
                if (fact.Key.Kind == PathRoot.Static)
                {
                    facts[fact.Key] = fact.Value;
                }
            }

            // Writes the callee made may reach caller facts that no argument path covers.
            if (facts.Count > 0 && !summary.WrittenMembers.IsEmpty)
            {
                foreach (AccessPath key in facts.Keys.ToArray())
                {
                    if (key.Kind != PathRoot.Static && summary.WrittenMembers.Any(member => Touches(key, member, bindings, state)))
                    {
                        facts.Remove(key);
                    }
                }
            }
        }

        ImmutableHashSet<IParameterSymbol>? rebound = null;
        bool rebind = local;
        foreach ((AccessPath root, Value value, IParameterSymbol? parameter) in bindings)
        {
            bool byReference = parameter is not null && parameter.RefKind is RefKind.Ref or RefKind.Out;
            if (value.Path is not AccessPath source)
            {
                continue;
            }

            if (byReference)
            {
                foreach (AccessPath key in facts.Count == 0 ? System.Array.Empty<AccessPath>() : facts.Keys.ToArray())
                {
                    if (key.StartsWith(source))
                    {
                        facts.Remove(key);
                    }
                }

                if (source.Members.Length == 0)
                {
                    rebind = true;
                }
                else if (source.Kind != PathRoot.Static || source.Members.Length > 1)
                {
                    // Writing the field through the ref writes it on every object that may be this one.
                    ISymbol member = source.Members[source.Members.Length - 1];
                    AccessPath owner = source.Prefix(source.Members.Length - 1);
                    foreach (AccessPath key in facts.Count == 0 ? System.Array.Empty<AccessPath>() : facts.Keys.ToArray())
                    {
                        if (!key.Equals(source) && Aliasing.MayWriteThrough(key, member, owner, state))
                        {
                            facts.Remove(key);
                        }
                    }
                }

                if (source.IsBool && exit.Facts.TryGetValue(root, out bool written))
                {
                    facts[source] = written;
                }

                continue;
            }

            foreach (AccessPath key in facts.Count == 0 ? System.Array.Empty<AccessPath>() : facts.Keys.ToArray())
            {
                if (!key.Equals(source) && key.StartsWith(source))
                {
                    facts.Remove(key);
                }
            }

            if (exit.Facts.IsEmpty || (parameter is not null && (rebound ??= ParametersAssigned(callee)).Contains(parameter)))
            {
                continue;
            }

            if (root.IsBool && source.IsBool && exit.Facts.TryGetValue(root, out bool learned))
            {
                // What the callee learned about a bool argument it did not reassign holds for the argument's own path.
                facts[source] = learned == value.Polarity;
            }

            foreach (KeyValuePair<AccessPath, bool> fact in exit.Facts)
            {
                if (!fact.Key.Equals(root) && fact.Key.StartsWith(root) && Reroot(fact.Key, root, source) is AccessPath mapped)
                {
                    facts[mapped] = fact.Value;
                }
            }
        }

        AbstractState after = state.Rebuild(facts.ToImmutable(), state.Fresh).WithFlushed(state.Flushed, state.Evidence);
        if (rebind)
        {
            // A variable passed by ref (or captured by a local function) may hold another object now: ref locals into it are unbound.
            after = after.Unbind(referent => referent.Members.Length > 0 && referent.Kind is PathRoot.Local or PathRoot.Parameter);
        }
        else
        {
            // The caller's temporaries evaluated before the call (the target of the assignment the call is the value of,
            // the object an initializer fills) still hold what they held: a variable, 'this' or a new object the callee
            // cannot rebind, or a member path none of whose members the callee writes. Any other is dropped (unknown),
            // since the callee may have stored another object there.
            foreach (KeyValuePair<CaptureId, Value> capture in state.Captures)
            {
                if (capture.Value.Path is not AccessPath captured ||
                    !captured.Members.Any(member => summary.WrittenMembers.Contains(member, SymbolEqualityComparer.Default)))
                {
                    after = after.WithCapture(capture.Key, capture.Value);
                }
            }
        }

        int told = 0;
        foreach (KeyValuePair<AccessPath, bool> fact in state.Facts)
        {
            // Say which known flags the callee changed, so that a later failed condition can point here.
            Tri now = after.Fact(fact.Key);
            if (now != TriLogic.From(fact.Value) && fact.Key.Members.Length > 0 && told++ < 2)
            {
                after = after.With(new TraceEvent(TraceKind.FlagWritten, call.Syntax.GetLocation(), fact.Key.ToString(), now != Tri.False,
                    Spell(now) + $" by '{callee.Name}'", null));
            }
        }

        if (state.Flushed == Tri.True)
        {
            return after;
        }

        if (exit.Flushed == Tri.True)
        {
            return after.WithFlush(new FlushEvidence(FlushSource.Callee, call.Syntax.GetLocation(), Text(call), callee, null, exit.Evidence));
        }

        if (exit.Flushed == Tri.Unknown)
        {
            after = after.WithFlushed(Tri.Unknown, null);
        }

        // Only a callee that had to do with flushing explains a missing flush: one that flushes on some path,
        // or whose path here tried to.
        TraceEvent? inner = MostRelevant(exit.Trace);
        bool related = summary.Exits.Any(e => e.Flushed != Tri.False) || (inner is not null && inner.Kind != TraceKind.Branch);
        return inner is null || !related ? after : after.With(new TraceEvent(TraceKind.CalleeDidNotFlush, call.Syntax.GetLocation(), callee.Name, false, null, inner));
    }

    private static bool Touches(AccessPath fact, ISymbol member, List<(AccessPath CalleeRoot, Value CallerValue, IParameterSymbol? Parameter)> bindings, AbstractState state)
    {
        for (int i = 0; i < fact.Members.Length; i++)
        {
            if (!SymbolEqualityComparer.Default.Equals(fact.Members[i], member))
            {
                continue;
            }

            AccessPath owner = fact.Prefix(i);
            if (owner.Members.Length == 0 && owner.Kind == PathRoot.Local && state.Fresh.TryGetValue(owner.Root!, out int id) && id > 0 &&
                !bindings.Any(b => b.CallerValue.Allocation == id))
            {
                // A fresh object the callee never received cannot have been written by it.
                continue;
            }

            if (Aliasing.Compatible(owner.Type, member.ContainingType))
            {
                return true;
            }
        }

        return false;
    }

    private static bool OwnedBy(AccessPath path, IMethodSymbol localFunction) =>
        path.Root is ISymbol root && SymbolEqualityComparer.Default.Equals(root.ContainingSymbol, localFunction);

    private static AccessPath? Reroot(AccessPath path, AccessPath oldPrefix, AccessPath newPrefix)
    {
        AccessPath? result = newPrefix;
        foreach (ISymbol member in path.SuffixAfter(oldPrefix))
        {
            result = result?.Append(member);
        }

        return result;
    }

    private static TraceEvent? MostRelevant(Trace? trace)
    {
        TraceEvent? branch = null;
        foreach (TraceEvent step in Trace.Recent(trace))
        {
            if (step.Kind is TraceKind.NonQualifyingFlush or TraceKind.CalleeDidNotFlush or TraceKind.UnknownCall or TraceKind.ConditionalFlush)
            {
                return step;
            }

            if (step.Kind == TraceKind.Branch)
            {
                branch ??= step;
            }
        }

        return branch;
    }

    /// <summary>
    /// For a method compiled in another assembly of the user's (not the framework's), where it is: such a call is one a
    /// witness must name, since a promise on it (<c>[EnsuresTableFlush]</c>) would make it count. Null otherwise.
    /// </summary>
    private string? Unseen(IMethodSymbol target)
    {
        if (!target.DeclaringSyntaxReferences.IsEmpty || target.ContainingAssembly is not IAssemblySymbol assembly ||
            SymbolEqualityComparer.Default.Equals(assembly, _session.Compilation.Assembly))
        {
            return null;
        }

        string name = assembly.Identity.Name;
        bool framework = name.StartsWith("System", System.StringComparison.Ordinal) || name.StartsWith("Microsoft", System.StringComparison.Ordinal) ||
            name is "mscorlib" or "netstandard";
        return framework ? null : $"{Witness.UnseenPrefix}{name}";
    }

    /// <summary>A call whose body the engine cannot follow: it does not flush and may change what it receives.</summary>
    private AbstractState Unknown(IMethodSymbol target, Value receiver, Value[] arguments, IOperation call, AbstractState state, string? reason)
    {
        int before = state.Facts.Count;
        var received = new List<(Value Value, ITypeSymbol? Type, bool ByReference)>();
        if (!target.IsStatic && target.MethodKind != MethodKind.LocalFunction && target.ContainingType?.IsValueType != true)
        {
            received.Add((receiver, target.ContainingType, false));
        }

        foreach (IParameterSymbol parameter in target.Parameters)
        {
            if (parameter.Ordinal >= arguments.Length)
            {
                continue;
            }

            bool byReference = parameter.RefKind is RefKind.Ref or RefKind.Out;
            if (byReference || !parameter.Type.IsValueType)
            {
                received.Add((arguments[parameter.Ordinal], parameter.Type, byReference));
            }
        }

        foreach ((Value value, ITypeSymbol? type, bool byReference) in received)
        {
            if (value.Path is AccessPath path)
            {
                state = state.Forget(fact => (byReference && fact.Equals(path)) || Aliasing.Reaches(fact, path, state));
                if (byReference && path.Members.Length == 0 && path.Root is ISymbol root)
                {
                    state = state.WithFresh(root, path.Kind == PathRoot.Parameter ? -1 : 0)
                        .Unbind(referent => referent.Members.Length > 0 && referent.SameRoot(path));
                }

                if (byReference)
                {
                    // The callee writes the location, which a ref parameter of ours or a field of that type may be too.
                    state = state.Forget(fact => !fact.Equals(path) && (Aliasing.ThroughRefParameter(fact, path.Type) ||
                        (path.Kind == PathRoot.Parameter && path.Members.Length == 0 && Aliasing.ReachesLocationOf(fact, path.Type))));
                }
            }
            else if (value.Allocation == 0 && type is not null && type.SpecialType != SpecialType.System_String)
            {
                state = state.Forget(fact => Aliasing.ReachesType(fact, type));
            }
        }

        bool dispatched = target.IsVirtual || target.IsAbstract || target.ContainingType?.TypeKind is TypeKind.Interface or TypeKind.Delegate;
        if (state.Facts.Count != before || dispatched || reason is not null)
        {
            state = state.With(new TraceEvent(TraceKind.UnknownCall, call.Syntax.GetLocation(), Text(call), false, reason, null));
        }

        return state;
    }

    private ImmutableHashSet<IParameterSymbol> ParametersAssigned(IMethodSymbol method) =>
        method.MethodKind == MethodKind.LocalFunction
            ? _session.ParametersAssigned(method.OriginalDefinition, GraphFor(method))
            : _session.ParametersReassigned(method.OriginalDefinition);
}
