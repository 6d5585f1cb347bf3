using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using KernelModel.Analysis.Contracts;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;

namespace KernelModel.Analysis;

/// <summary>
/// The engine's entry point: checks one method body — with its local functions and lambdas — in one flow run
/// per body, and returns every verdict (TLB001, TLB002 and TLB005 all come from the same runs).
/// </summary>
public static class MethodAnalysis
{
    private const int MaxLocalFunctionRounds = 8;

    /// <summary>Checks a method body.</summary>
    /// <param name="session">The compilation's analysis session.</param>
    /// <param name="graph">The body's control-flow graph.</param>
    /// <param name="method">The method (or accessor, constructor) the body belongs to.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The verdicts.</returns>
    public static MethodVerdicts Analyze(AnalysisSession session, ControlFlowGraph graph, IMethodSymbol method, CancellationToken cancellationToken)
    {
        var recorder = new Recorder();
        var stack = new CallStack();
        var ensures = new List<EnsuresVerdict>();

        CheckBody(session, graph, method, EntryStates(session, method), recorder, stack, ensures, cancellationToken);

        CheckNested(session, new[] { graph }, recorder, stack, ensures, cancellationToken);
        return Verdicts(session, recorder, ensures);
    }

    /// <summary>
    /// Checks the guarded and condition calls in a type's field and property initializers (SPEC §5): they run at the
    /// start of every constructor that does not chain with <c>: this(...)</c> (static ones: of the static constructor),
    /// so they are run, in order, from the entry states of each such constructor — its own contracts apply; the implicit
    /// constructor, and the static one the compiler writes, start from nothing known, unflushed — with one recorder,
    /// so that a call is proved only when it is proved under every constructor, and reported once. A constructor's own
    /// analysis (<see cref="Analyze"/>) runs the same initializers before its body without recording them.
    /// </summary>
    /// <param name="session">The compilation's analysis session.</param>
    /// <param name="type">The type whose initializers are checked.</param>
    /// <param name="isStatic">The static initializers rather than the instance ones.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The verdicts on the calls in the initializers (of every part of the type) and the lambdas in them.</returns>
    public static MethodVerdicts AnalyzeInitializers(AnalysisSession session, INamedTypeSymbol type, bool isStatic, CancellationToken cancellationToken)
    {
        var recorder = new Recorder();
        var stack = new CallStack();
        var ensures = new List<EnsuresVerdict>();
        ImmutableArray<ControlFlowGraph> initializers = session.InitializersOf(type, isStatic, cancellationToken);
        if (initializers.IsEmpty)
        {
            return Verdicts(session, recorder, ensures);
        }

        foreach (IMethodSymbol constructor in isStatic ? type.StaticConstructors : type.InstanceConstructors)
        {
            // A constructor chaining with this(...) runs them in the one it chains to; a struct's implicit parameterless
            // constructor, and a record's copy constructor, run none.
            if (AnalysisSession.ChainsToThis(constructor, cancellationToken) ||
                (constructor.IsImplicitlyDeclared && (type.IsValueType || !constructor.Parameters.IsEmpty) && !isStatic))
            {
                continue;
            }

            // The path starts in this constructor: a witness names it.
            var states = new StateSet();
            var construction = new TraceEvent(TraceKind.Construction, constructor.Locations.FirstOrDefault() ?? Location.None, ConstructorText(constructor), true,
                isStatic ? "when the type is initialized by" : "when the object is created through", null);
            states.AddRange(EntryStates(session, constructor).States.Select(s => s.With(construction)), session.Options.MaxStates);
            foreach (ControlFlowGraph initializer in initializers)
            {
                ImmutableArray<AbstractState> after = new FlowRun(session, initializer, constructor, stack, recorder, cancellationToken).Run(states);
                states = new StateSet();
                states.AddRange(after, session.Options.MaxStates);
                if (states.IsEmpty)
                {
                    // An initializer that never completes: the ones after it do not run under this constructor.
                    break;
                }
            }
        }

        CheckNested(session, initializers, recorder, stack, ensures, cancellationToken);
        return Verdicts(session, recorder, ensures);
    }

    /// <summary>A constructor as a witness names it: <c>Gather(int)</c>, <c>Gather() (implicit)</c>, <c>static Gather()</c>.</summary>
    private static string ConstructorText(IMethodSymbol constructor) =>
        (constructor.IsStatic ? "static " : string.Empty) + constructor.ContainingType.Name +
        "(" + string.Join(", ", constructor.Parameters.Select(p => p.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat))) + ")" +
        (constructor.IsImplicitlyDeclared ? " (implicit)" : string.Empty);

    private static MethodVerdicts Verdicts(AnalysisSession session, Recorder recorder, List<EnsuresVerdict> ensures) => new(
        recorder.GuardedVerdicts(session.ProjectDirectory).OrderBy(v => v.Call.Syntax.SpanStart).ToImmutableArray(),
        recorder.ConditionVerdicts(session.ProjectDirectory).OrderBy(v => v.Call.Syntax.SpanStart).ToImmutableArray(),
        ensures.ToImmutableArray());

    /// <summary>Checks the local functions and lambdas of the bodies <paramref name="roots"/>, from the states the recorder saw at their calls.</summary>
    private static void CheckNested(
        AnalysisSession session,
        IEnumerable<ControlFlowGraph> roots,
        Recorder recorder,
        CallStack stack,
        List<EnsuresVerdict> ensures,
        CancellationToken cancellationToken)
    {
        // Local functions start from the states at their calls, unless they are converted to delegates.
        var localFunctions = new List<(ControlFlowGraph Owner, IMethodSymbol Function)>();
        foreach (ControlFlowGraph root in roots)
        {
            Collect(root, localFunctions);
        }
        var analysedWith = new Dictionary<IMethodSymbol, int>(SymbolEqualityComparer.Default);
        int lambdasDone = 0;
        for (int round = 0; round < MaxLocalFunctionRounds; round++)
        {
            bool changed = false;
            for (int i = 0; i < localFunctions.Count; i++)
            {
                (ControlFlowGraph owner, IMethodSymbol function) = localFunctions[i];
                StateSet? calls = recorder.IsConvertedToDelegate(function) ? null : recorder.CallStates(function);
                int signature = calls?.States.Count ?? -1;
                if (analysedWith.TryGetValue(function, out int previous) && previous == signature && round > 0)
                {
                    continue;
                }

                analysedWith[function] = signature;
                changed = true;
                StateSet entry = calls is null
                    ? EntryStates(session, function)
                    : Refine(session, function, calls);
                ControlFlowGraph body = owner.GetLocalFunctionControlFlowGraph(function, cancellationToken);
                CheckBody(session, body, function, entry, recorder, stack, ensures, cancellationToken);
                Collect(body, localFunctions);
            }

            // Lambdas may run at any time: they start unflushed, knowing nothing.
            while (lambdasDone < recorder.Lambdas.Count)
            {
                (IFlowAnonymousFunctionOperation lambda, ControlFlowGraph owner) = recorder.Lambdas[lambdasDone++];
                ControlFlowGraph body = owner.GetAnonymousFunctionControlFlowGraph(lambda, cancellationToken);
                CheckBody(session, body, lambda.Symbol, new StateSet(AbstractState.Initial), recorder, stack, ensures, cancellationToken);
                Collect(body, localFunctions);
                changed = true;
            }

            if (!changed)
            {
                break;
            }
        }

    }

    /// <summary>
    /// The states a body starts in, from its own contracts: Flushed under <c>[RequiresTableFlush]</c> (plus the
    /// states its <c>Unless</c> condition produces), and every <c>[RequiresCondition]</c> assumed.
    /// </summary>
    /// <param name="session">The session.</param>
    /// <param name="method">The method.</param>
    /// <returns>The entry states.</returns>
    public static StateSet EntryStates(AnalysisSession session, IMethodSymbol method) => Refine(session, method, new StateSet(AbstractState.Initial));

    private static StateSet Refine(AnalysisSession session, IMethodSymbol method, StateSet start)
    {
        MethodContracts contracts = session.Contracts.For(method);
        if (!contracts.RequiresTableFlush && contracts.Conditions.IsEmpty)
        {
            return start;
        }

        static Value Self(IParameterSymbol parameter) => new(Tri.Unknown, AccessPath.ForParameter(parameter), true, 0);
        Tri Call(IMethodSymbol called) => session.ConstantResult(called, CancellationToken.None);

        IEnumerable<AbstractState> states = start.States;
        foreach (RequiredCondition required in contracts.Conditions)
        {
            states = states.SelectMany(s => ConditionEvaluator.Assume(s, required.Condition, true, Self, Call)).ToList();
        }

        var result = new StateSet();
        if (contracts.RequiresTableFlush)
        {
            Location location = method.Locations.FirstOrDefault() ?? Location.None;
            var evidence = new FlushEvidence(FlushSource.CallersContract, location, method.Name, method, "[RequiresTableFlush]", null);
            foreach (AbstractState state in states)
            {
                result.Add(state.WithFlush(evidence), session.Options.MaxStates);
                if (contracts.Unless is not null)
                {
                    foreach (AbstractState assumed in ConditionEvaluator.Assume(state.WithFlushed(Tri.False, null), contracts.Unless, true, Self, Call))
                    {
                        result.Add(assumed, session.Options.MaxStates);
                    }
                }
            }
        }
        else
        {
            result.AddRange(states, session.Options.MaxStates);
        }

        return result;
    }

    private static void CheckBody(
        AnalysisSession session,
        ControlFlowGraph graph,
        IMethodSymbol method,
        StateSet entry,
        Recorder recorder,
        CallStack stack,
        List<EnsuresVerdict> ensures,
        CancellationToken cancellationToken)
    {
        var run = new FlowRun(session, graph, method, stack, recorder, cancellationToken);
        ImmutableArray<AbstractState> exits = run.Run(entry);

        MethodContracts contracts = session.Contracts.For(method);
        if (contracts.EnsuresTableFlush && contracts.EnsuresSource is IMethodSymbol source)
        {
            if (contracts.EnsuresWhen is Condition when)
            {
                // A conditional promise binds the returns of the paths on which its condition held on entry: the body
                // runs again from those states only (the guarded calls in it were checked by the run above), one run
                // per state, so that the state bound never joins two disjuncts of the condition into "unknown".
                var conditional = ImmutableArray.CreateBuilder<AbstractState>();
                foreach (AbstractState assumed in Assume(session, method, entry, when).States)
                {
                    conditional.AddRange(new FlowRun(session, graph, method, stack, recorder: null, cancellationToken).Run(new StateSet(assumed)));
                }

                exits = conditional.ToImmutable();
            }

            AbstractState? failing = exits.FirstOrDefault(s => s.Flushed != Tri.True);
            Location site = method.Locations.FirstOrDefault() ?? Location.None;
            ensures.RemoveAll(v => SymbolEqualityComparer.Default.Equals(v.Method, method));
            ensures.Add(new EnsuresVerdict(method, source, failing is null,
                failing is null ? null : Witness.Explain(failing, Requirement.FlushBeforeReturn, site, projectDirectory: session.ProjectDirectory), contracts.EnsuresWhen,
                exits.Select(s => s.Evidence).OfType<FlushEvidence>().Distinct().ToImmutableArray()));
        }
    }

    /// <summary>The states of <paramref name="entry"/> in which <paramref name="condition"/>, over the declaring member's parameters, holds.</summary>
    private static StateSet Assume(AnalysisSession session, IMethodSymbol method, StateSet entry, Condition condition)
    {
        Value Self(IParameterSymbol parameter) => parameter.Ordinal < method.Parameters.Length
            ? new Value(Tri.Unknown, AccessPath.ForParameter(method.Parameters[parameter.Ordinal]), true, 0)
            : Value.Unknown;

        var assumed = new StateSet();
        foreach (AbstractState state in entry.States)
        {
            assumed.AddRange(ConditionEvaluator.Assume(state, condition, true, Self, called => session.ConstantResult(called, CancellationToken.None)), session.Options.MaxStates);
        }

        return assumed;
    }

    private static void Collect(ControlFlowGraph graph, List<(ControlFlowGraph Owner, IMethodSymbol Function)> localFunctions)
    {
        foreach (IMethodSymbol function in graph.LocalFunctions)
        {
            if (!localFunctions.Any(l => SymbolEqualityComparer.Default.Equals(l.Function, function)))
            {
                localFunctions.Add((graph, function));
            }
        }
    }
}
