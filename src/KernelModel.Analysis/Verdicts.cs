using System.Collections.Immutable;
using KernelModel.Analysis.Contracts;
using Microsoft.CodeAnalysis;

namespace KernelModel.Analysis;

/// <summary>What covers a guarded call that is proved.</summary>
public enum ProofKind
{
    /// <summary>A table flush on every path (see <see cref="GuardedCallVerdict.Proofs"/>).</summary>
    Flushed,

    /// <summary>The enclosing method's <c>[RequiresTableFlush]</c>: its callers discharge it.</summary>
    CallersContract,

    /// <summary>The callee's <c>Unless</c> condition holds at the call.</summary>
    UnlessCondition,

    /// <summary>
    /// The callee is a sync method whose broadcast check is always false in this compilation: it sends its own IPI
    /// and needs no prior flush (SPEC §4, the sync methods' own contract). <see cref="AnalysisSession.SendsOwnIpi"/>
    /// names the check.
    /// </summary>
    SyncSendsOwnIpi,
}

/// <summary>The verdict on one guarded call: proved, or a violation with a witness path.</summary>
/// <param name="Call">The invocation (or the object creation, for a constructor with a contract).</param>
/// <param name="Callee">The guarded method called.</param>
/// <param name="Proved">Whether every state at the call is Flushed (or meets the callee's Unless condition).</param>
/// <param name="Witness">For a violation, the path on which the requirement fails.</param>
/// <param name="Proofs">For a proof, the distinct flushes that cover the call, one per path family.</param>
/// <param name="Kinds">For a proof, what covers the call.</param>
public sealed record GuardedCallVerdict(
    IOperation Call,
    IMethodSymbol Callee,
    bool Proved,
    Witness? Witness,
    ImmutableArray<FlushEvidence> Proofs,
    ImmutableHashSet<ProofKind> Kinds);

/// <summary>The verdict on one call to a <c>[RequiresCondition]</c> method, for one condition.</summary>
/// <param name="Call">The invocation (or the object creation, for a constructor with a contract).</param>
/// <param name="Callee">The method called.</param>
/// <param name="Condition">The condition.</param>
/// <param name="Proved">Whether it is definitely true in every state.</param>
/// <param name="Witness">For a violation, the path on which it may be false.</param>
public sealed record ConditionVerdict(IOperation Call, IMethodSymbol Callee, Condition Condition, bool Proved, Witness? Witness);

/// <summary>The verdict on an <c>[EnsuresTableFlush]</c> obligation of a method body.</summary>
/// <param name="Method">The method whose body must flush.</param>
/// <param name="ContractSource">The member that declares the contract.</param>
/// <param name="Proved">Whether every normal return is Flushed.</param>
/// <param name="Witness">For a violation, the path that returns without a flush.</param>
/// <param name="When">The condition under which the flush is promised, or null for an unconditional promise.</param>
/// <param name="Proofs">For a kept promise, the distinct flushes at its returns.</param>
public sealed record EnsuresVerdict(IMethodSymbol Method, IMethodSymbol ContractSource, bool Proved, Witness? Witness, Condition? When = null, ImmutableArray<FlushEvidence> Proofs = default);

/// <summary>Everything the engine concluded about one method body, its local functions and lambdas.</summary>
/// <param name="GuardedCalls">One verdict per guarded call.</param>
/// <param name="Conditions">One verdict per required condition per call.</param>
/// <param name="Ensures">The verdicts on Ensures obligations.</param>
public sealed record MethodVerdicts(
    ImmutableArray<GuardedCallVerdict> GuardedCalls,
    ImmutableArray<ConditionVerdict> Conditions,
    ImmutableArray<EnsuresVerdict> Ensures);
