using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace KernelModel.Analysis;

/// <summary>
/// One forward, path-sensitive run over a control-flow graph (SPEC §5). In checking mode it records the
/// states at guarded calls for the <see cref="Recorder"/>; in summary mode it only computes the states at
/// normal returns. This file walks blocks, branches and exception regions; the transfer functions are in
/// the other parts of the class.
/// </summary>
internal sealed partial class FlowRun
{
    private const int MaxVisitsPerBlock = 64;

    private readonly AnalysisSession _session;
    private readonly ControlFlowGraph _graph;
    private readonly IMethodSymbol _method;
    private readonly CallStack _stack;
    private readonly Recorder? _recorder;
    private readonly CancellationToken _cancellationToken;
    private readonly int _bound;
    private readonly Dictionary<ControlFlowRegion, StateSet> _tryStates = new();
    private readonly Dictionary<BasicBlock, ImmutableArray<ControlFlowRegion>> _enclosingTries = new();
    private readonly Dictionary<BasicBlock, ImmutableHashSet<CaptureId>> _liveCaptures = new();
    private DelegateEffects? _delegates;

    public FlowRun(AnalysisSession session, ControlFlowGraph graph, IMethodSymbol method, CallStack stack, Recorder? recorder, CancellationToken cancellationToken)
    {
        _session = session;
        _graph = graph;
        _method = method;
        _stack = stack;
        _recorder = recorder;
        _cancellationToken = cancellationToken;
        _bound = session.Options.MaxStates;
    }

    /// <summary>What the delegates created in this body may change when they run.</summary>
    private DelegateEffects Delegates => _delegates ??= _session.DelegateEffectsOf(_graph);

    /// <summary>Members written by this run, directly or through summaries.</summary>
    public HashSet<ISymbol> WrittenMembers { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>The declarations whose bodies this run read beyond its own graph: its callees', through their summaries, and its initializers'.</summary>
    public HashSet<SyntaxNode> Reads { get; } = new();

    /// <summary>Methods whose recursive calls were cut during this run (their summaries depend on the call stack).</summary>
    public HashSet<IMethodSymbol> Cuts { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>Whether the summary depth bound was hit during this run.</summary>
    public bool DepthLimited { get; set; }

    /// <summary>Runs the graph from its entry and returns the states at its normal returns.</summary>
    /// <param name="entry">The states on entry.</param>
    /// <returns>The states at normal returns.</returns>
    public ImmutableArray<AbstractState> Run(StateSet entry)
    {
        // A constructor's own body starts with its type's field and property initializers (SPEC §5), run in the
        // same flow state. These runs record nothing: the guarded calls inside initializers are checked once for all
        // the constructors that run them (MethodAnalysis.AnalyzeInitializers), not again with each constructor.
        if (_method.MethodKind is MethodKind.Constructor or MethodKind.StaticConstructor &&
            _graph.OriginalOperation is IConstructorBodyOperation)
        {
            foreach (ControlFlowGraph initializer in _session.InitializersOf(_method.PartialImplementationPart ?? _method, _cancellationToken))
            {
                var prelude = new FlowRun(_session, initializer, _method, _stack, recorder: null, _cancellationToken);
                ImmutableArray<AbstractState> after = prelude.Run(entry);
                entry = new StateSet();
                foreach (AbstractState state in after)
                {
                    entry.Add(state, _bound);
                }

                WrittenMembers.UnionWith(prelude.WrittenMembers);
                if (_session.TracksReads)
                {
                    Reads.Add(initializer.OriginalOperation.Syntax);
                    Reads.UnionWith(prelude.Reads);
                }
                Cuts.UnionWith(prelude.Cuts);
                DepthLimited |= prelude.DepthLimited;
            }
        }

        var context = new SolveContext(null, null);
        StateSet exits = Solve(_graph.Blocks[0], entry, context);
        if (_recorder is not null)
        {
            RunExceptionalFinallies(context);
        }

        return exits.ToImmutable();
    }

    private StateSet Solve(BasicBlock first, StateSet input, SolveContext context)
    {
        context.Entry[first.Ordinal] = input.Clone();
        context.Pending.Add(first.Ordinal);
        var visits = new Dictionary<int, int>();
        while (context.Pending.Count > 0)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            int ordinal = context.Pending.Min;
            context.Pending.Remove(ordinal);
            visits.TryGetValue(ordinal, out int count);
            visits[ordinal] = ++count;
            StateSet states = context.Entry[ordinal];
            if (count > MaxVisitsPerBlock && states.States.Count > 1)
            {
                // A pathological loop: give up path sensitivity here rather than iterate on.
                AbstractState joined = states.States.Aggregate((a, b) => a.Join(b));
                states = new StateSet(joined);
                context.Entry[ordinal] = states;
            }

            // ProcessBlock reads its input once, before anything can be enqueued to this block again.
            ProcessBlock(_graph.Blocks[ordinal], states, context);
        }

        return context.Outputs;
    }

    private void ProcessBlock(BasicBlock block, StateSet input, SolveContext context)
    {
        if (block.Kind == BasicBlockKind.Exit)
        {
            context.Outputs.AddRange(input.States, _bound);
            return;
        }

        ImmutableArray<ControlFlowRegion> tries = EnclosingTries(block);
        ImmutableHashSet<CaptureId> live = LiveCaptures(block);
        var current = new StateSet();
        foreach (AbstractState state in input.States)
        {
            // Captures whose region has ended are dead; forgetting them lets equal paths merge.
            current.Add(state.KeepCaptures(live), _bound);
        }

        foreach (IOperation operation in block.Operations)
        {
            Accumulate(tries, current, context);
            var next = new StateSet();
            foreach (AbstractState state in current.States)
            {
                foreach ((AbstractState after, _) in Eval(operation, state))
                {
                    next.Add(after, _bound);
                }
            }

            current = next;
            if (current.IsEmpty)
            {
                return;
            }
        }

        Accumulate(tries, current, context);

        if (block.ConditionKind == ControlFlowConditionKind.None)
        {
            ControlFlowBranch? branch = block.FallThroughSuccessor;
            if (block.BranchValue is not null && branch?.Semantics == ControlFlowBranchSemantics.Return)
            {
                var returned = new StateSet();
                foreach (AbstractState state in current.States)
                {
                    foreach ((AbstractState after, Value value) in Eval(block.BranchValue, state))
                    {
                        if (value.Truth == Tri.Unknown && value.Path is { IsBool: true } path && path.Kind != PathRoot.Local)
                        {
                            // '=> tlb.FreedTables': one exit per value, each knowing the fact, so that a caller branching on
                            // the result learns the fact of its own argument.
                            returned.Add(Learn(after, value, true).WithReturn(Tri.True), _bound);
                            returned.Add(Learn(after, value, false).WithReturn(Tri.False), _bound);
                            continue;
                        }

                        returned.Add(after.WithReturn(value.Truth), _bound);
                    }
                }

                current = returned;
            }

            FollowBranch(branch, current, context);
            return;
        }

        var whenTrue = new StateSet();
        var whenFalse = new StateSet();
        string? text = null;
        foreach (AbstractState state in current.States)
        {
            foreach ((AbstractState after, Value value) in Eval(block.BranchValue!, state))
            {
                if (value.Truth != Tri.Unknown)
                {
                    (value.Truth == Tri.True ? whenTrue : whenFalse).Add(after, _bound);
                    continue;
                }

                if (block.BranchValue!.IsImplicit)
                {
                    // A branch the compiler wrote (the null check before a using's Dispose, a ?. or ??) is no branch
                    // the reader wrote: it decides the path but is not shown as a step of it.
                    whenTrue.Add(Learn(after, value, true), _bound);
                    whenFalse.Add(Learn(after, value, false), _bound);
                    continue;
                }

                text ??= Text(block.BranchValue!);
                Location location = block.BranchValue!.Syntax.GetLocation();
                whenTrue.Add(Learn(after, value, true).With(new TraceEvent(TraceKind.Branch, location, text, true, null, null)), _bound);
                whenFalse.Add(Learn(after, value, false).With(new TraceEvent(TraceKind.Branch, location, text, false, null, null)), _bound);
            }
        }

        bool conditionalOnTrue = block.ConditionKind == ControlFlowConditionKind.WhenTrue;
        FollowBranch(block.ConditionalSuccessor, conditionalOnTrue ? whenTrue : whenFalse, context);
        FollowBranch(block.FallThroughSuccessor, conditionalOnTrue ? whenFalse : whenTrue, context);
    }

    private void FollowBranch(ControlFlowBranch? branch, StateSet states, SolveContext context)
    {
        if (branch is null || states.IsEmpty)
        {
            return;
        }

        switch (branch.Semantics)
        {
            case ControlFlowBranchSemantics.Throw:
            case ControlFlowBranchSemantics.Rethrow:
            case ControlFlowBranchSemantics.Error:
            case ControlFlowBranchSemantics.ProgramTermination:
                return;
            case ControlFlowBranchSemantics.StructuredExceptionHandling:
                // The end of a finally (or filter) region: the run of that region is complete.
                context.Outputs.AddRange(states.States, _bound);
                return;
        }

        foreach (ControlFlowRegion @finally in branch.FinallyRegions)
        {
            states = Solve(_graph.Blocks[@finally.FirstBlockOrdinal], states, new SolveContext(@finally, context));
            if (states.IsEmpty)
            {
                return;
            }
        }

        BasicBlock? destination = branch.Destination;
        if (destination is null)
        {
            return;
        }

        if (destination.Kind == BasicBlockKind.Exit)
        {
            SolveContext root = context;
            while (root.Parent is not null)
            {
                root = root.Parent;
            }

            root.Outputs.AddRange(states.States, _bound);
            return;
        }

        Enqueue(destination.Ordinal, states.States, context);
    }

    private void Enqueue(int ordinal, IEnumerable<AbstractState> states, SolveContext context)
    {
        SolveContext owner = context;
        while (owner.Region is not null && !Contains(owner.Region, ordinal) && owner.Parent is not null)
        {
            owner = owner.Parent;
        }

        if (!owner.Entry.TryGetValue(ordinal, out StateSet? entry))
        {
            entry = new StateSet();
            owner.Entry[ordinal] = entry;
        }

        if (entry.AddRange(states, _bound))
        {
            owner.Pending.Add(ordinal);
        }
    }

    private void Accumulate(ImmutableArray<ControlFlowRegion> tries, StateSet states, SolveContext context)
    {
        foreach (ControlFlowRegion @try in tries)
        {
            if (!_tryStates.TryGetValue(@try, out StateSet? seen))
            {
                seen = new StateSet();
                _tryStates[@try] = seen;
            }

            if (!seen.AddRange(states.States, _bound))
            {
                continue;
            }

            ControlFlowRegion? parent = @try.EnclosingRegion;
            if (parent?.Kind == ControlFlowRegionKind.TryAndCatch)
            {
                foreach (ControlFlowRegion handler in parent.NestedRegions)
                {
                    if (handler.Kind is ControlFlowRegionKind.Catch or ControlFlowRegionKind.FilterAndHandler)
                    {
                        // A throw can happen anywhere in the try region.
                        Enqueue(handler.FirstBlockOrdinal, states.States, context);
                    }
                }
            }
        }
    }

    private void RunExceptionalFinallies(SolveContext root)
    {
        foreach (KeyValuePair<ControlFlowRegion, StateSet> entry in _tryStates.ToArray())
        {
            ControlFlowRegion? parent = entry.Key.EnclosingRegion;
            if (parent?.Kind != ControlFlowRegionKind.TryAndFinally)
            {
                continue;
            }

            ControlFlowRegion @finally = parent.NestedRegions.First(r => r.Kind == ControlFlowRegionKind.Finally);
            Solve(_graph.Blocks[@finally.FirstBlockOrdinal], entry.Value, new SolveContext(@finally, root));
        }
    }

    private ImmutableArray<ControlFlowRegion> EnclosingTries(BasicBlock block)
    {
        if (!_enclosingTries.TryGetValue(block, out ImmutableArray<ControlFlowRegion> tries))
        {
            ImmutableArray<ControlFlowRegion>.Builder? builder = null;
            for (ControlFlowRegion? region = block.EnclosingRegion; region is not null; region = region.EnclosingRegion)
            {
                if (region.Kind == ControlFlowRegionKind.Try)
                {
                    (builder ??= ImmutableArray.CreateBuilder<ControlFlowRegion>()).Add(region);
                }
            }

            tries = builder?.ToImmutable() ?? ImmutableArray<ControlFlowRegion>.Empty;
            _enclosingTries[block] = tries;
        }

        return tries;
    }

    private ImmutableHashSet<CaptureId> LiveCaptures(BasicBlock block)
    {
        if (!_liveCaptures.TryGetValue(block, out ImmutableHashSet<CaptureId>? live))
        {
            ImmutableHashSet<CaptureId>.Builder? builder = null;
            for (ControlFlowRegion? region = block.EnclosingRegion; region is not null; region = region.EnclosingRegion)
            {
                if (!region.CaptureIds.IsEmpty)
                {
                    (builder ??= ImmutableHashSet.CreateBuilder<CaptureId>()).UnionWith(region.CaptureIds);
                }
            }

            live = builder?.ToImmutable() ?? ImmutableHashSet<CaptureId>.Empty;
            _liveCaptures[block] = live;
        }

        return live;
    }

    private static bool Contains(ControlFlowRegion region, int ordinal) =>
        ordinal >= region.FirstBlockOrdinal && ordinal <= region.LastBlockOrdinal;

    private static AbstractState Learn(AbstractState state, Value value, bool outcome)
    {
        if (value.Path is { IsBool: true } path)
        {
            return state.WithFact(path, TriLogic.From(outcome == value.Polarity));
        }

        return state;
    }

    private static string Text(IOperation operation)
    {
        string text = operation.Syntax.ToString();
        return text.Length > 80 ? text.Substring(0, 77) + "..." : text;
    }

    /// <summary>The blocks, pending work and outputs of one solve: the whole graph, or one finally region.</summary>
    private sealed class SolveContext(ControlFlowRegion? region, SolveContext? parent)
    {
        public ControlFlowRegion? Region { get; } = region;

        public SolveContext? Parent { get; } = parent;

        public Dictionary<int, StateSet> Entry { get; } = new();

        public SortedSet<int> Pending { get; } = new();

        public StateSet Outputs { get; } = new();
    }
}

/// <summary>
/// The methods whose summaries are being computed, innermost last, to cut recursion and bound depth; and the
/// summaries computed under this stack that depend on it (they hit a recursion cut or the depth bound), so that
/// one analysis computes each of them once. They cannot go into the session's cache: another analysis, on another
/// thread, could then see a different result depending on which ran first. Without this memo, a call graph that
/// branches (each helper calling two others) costs exponential time in the summary depth.
/// </summary>
internal sealed class CallStack
{
    private readonly List<IMethodSymbol> _methods = new();
    private readonly Dictionary<SummaryKey, StackDependentSummary> _dependent = new();

    public bool TryGetDependent(SummaryKey key, out StackDependentSummary summary) => _dependent.TryGetValue(key, out summary!);

    public void StoreDependent(SummaryKey key, StackDependentSummary summary) => _dependent[key] = summary;

    public int Depth => _methods.Count;

    public bool Contains(IMethodSymbol method) => _methods.Contains(method, SymbolEqualityComparer.Default);

    public void Push(IMethodSymbol method) => _methods.Add(method);

    public void Pop() => _methods.RemoveAt(_methods.Count - 1);
}

/// <summary>A summary that hit a recursion cut or the depth bound, with what made it depend on the call stack.</summary>
/// <param name="Summary">The summary.</param>
/// <param name="Cuts">The methods whose recursive calls were cut while computing it.</param>
/// <param name="DepthLimited">Whether the depth bound was hit while computing it.</param>
internal sealed record StackDependentSummary(Summary Summary, ImmutableHashSet<IMethodSymbol> Cuts, bool DepthLimited);
