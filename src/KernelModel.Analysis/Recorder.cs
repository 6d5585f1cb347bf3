using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using KernelModel.Analysis.Contracts;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;

namespace KernelModel.Analysis;

/// <summary>
/// Collects, while a method body is checked, the states at its guarded calls and required conditions, the
/// call-site states of its local functions and the lambdas it contains. Because states at a program point
/// only grow while the run iterates, a requirement that fails in any recorded state fails in the result.
/// </summary>
internal sealed class Recorder
{
    private readonly Dictionary<IOperation, GuardedRecord> _guarded = new();
    private readonly Dictionary<(IOperation, Condition), ConditionRecord> _conditions = new();
    private readonly Dictionary<IMethodSymbol, StateSet> _localCalls = new(SymbolEqualityComparer.Default);
    private readonly HashSet<IMethodSymbol> _converted = new(SymbolEqualityComparer.Default);
    private readonly List<(IFlowAnonymousFunctionOperation Lambda, ControlFlowGraph Owner)> _lambdas = new();

    public IReadOnlyList<(IFlowAnonymousFunctionOperation Lambda, ControlFlowGraph Owner)> Lambdas => _lambdas;

    public bool IsConvertedToDelegate(IMethodSymbol localFunction) => _converted.Contains(localFunction);

    public StateSet? CallStates(IMethodSymbol localFunction) => _localCalls.TryGetValue(localFunction, out StateSet? states) ? states : null;

    public void AddLambda(IFlowAnonymousFunctionOperation lambda, ControlFlowGraph owner)
    {
        if (!_lambdas.Any(l => l.Lambda == lambda))
        {
            _lambdas.Add((lambda, owner));
        }
    }

    public void AddDelegateConversion(IMethodSymbol localFunction) => _converted.Add(localFunction.OriginalDefinition);

    public bool AddLocalFunctionCall(IMethodSymbol localFunction, AbstractState state, int bound)
    {
        if (!_localCalls.TryGetValue(localFunction.OriginalDefinition, out StateSet? states))
        {
            states = new StateSet();
            _localCalls[localFunction.OriginalDefinition] = states;
        }

        return states.Add(state, bound);
    }

    /// <summary>Records the state at a guarded call.</summary>
    /// <param name="call">The call: an invocation, or an object creation through a constructor with a contract.</param>
    /// <param name="callee">The guarded method.</param>
    /// <param name="state">The state at the call.</param>
    /// <param name="vacuous">What makes the requirement vacuous in this state without a flush (the callee's Unless
    /// condition holds, or the sync sends its own IPI), or null.</param>
    public void AddGuardedCall(IOperation call, IMethodSymbol callee, AbstractState state, ProofKind? vacuous)
    {
        if (!_guarded.TryGetValue(call, out GuardedRecord? record))
        {
            record = new GuardedRecord(callee);
            _guarded[call] = record;
        }

        if (state.Flushed == Tri.True)
        {
            record.Kinds.Add(state.Evidence?.Source == FlushSource.CallersContract ? ProofKind.CallersContract : ProofKind.Flushed);
            if (state.Evidence is not null && !record.Proofs.Contains(state.Evidence))
            {
                record.Proofs.Add(state.Evidence);
            }
        }
        else if (vacuous is ProofKind kind)
        {
            record.Kinds.Add(kind);
        }
        else
        {
            record.Failure ??= state;
        }
    }

    public void AddConditionCall(IOperation call, IMethodSymbol callee, Condition condition, AbstractState state, Tri truth)
    {
        if (!_conditions.TryGetValue((call, condition), out ConditionRecord? record))
        {
            record = new ConditionRecord(callee);
            _conditions[(call, condition)] = record;
        }

        if (truth != Tri.True && record.Failure is null)
        {
            record.Failure = state;
            record.Truth = truth;
        }
    }

    public IEnumerable<GuardedCallVerdict> GuardedVerdicts(string? projectDirectory) => _guarded.Select(entry =>
    {
        GuardedRecord record = entry.Value;
        Location site = entry.Key.Syntax.GetLocation();
        return record.Failure is null
            ? new GuardedCallVerdict(entry.Key, record.Callee, true, null, record.Proofs.ToImmutableArray(), record.Kinds.ToImmutableHashSet())
            : new GuardedCallVerdict(entry.Key, record.Callee, false, Witness.Explain(record.Failure, Requirement.Flush, site, projectDirectory: projectDirectory), ImmutableArray<FlushEvidence>.Empty, ImmutableHashSet<ProofKind>.Empty);
    });

    public IEnumerable<ConditionVerdict> ConditionVerdicts(string? projectDirectory) => _conditions.Select(entry =>
    {
        ConditionRecord record = entry.Value;
        Location site = entry.Key.Item1.Syntax.GetLocation();
        return new ConditionVerdict(entry.Key.Item1, record.Callee, entry.Key.Item2, record.Failure is null,
            record.Failure is null ? null : Witness.Explain(record.Failure, Requirement.Condition, site, record.Truth, projectDirectory));
    });

    private sealed class GuardedRecord(IMethodSymbol callee)
    {
        public IMethodSymbol Callee { get; } = callee;

        public AbstractState? Failure { get; set; }

        public List<FlushEvidence> Proofs { get; } = new();

        public HashSet<ProofKind> Kinds { get; } = new();
    }

    private sealed class ConditionRecord(IMethodSymbol callee)
    {
        public IMethodSymbol Callee { get; } = callee;

        public AbstractState? Failure { get; set; }

        public Tri Truth { get; set; }
    }
}
