using KernelModel.Analysis;
using KernelModel.Analysis.Contracts;
using Microsoft.CodeAnalysis;

namespace KernelModel.Audit;

/// <summary>One verdict of the engine, with the session and symbols needed to explain it.</summary>
/// <param name="Session">The session that produced it.</param>
/// <param name="Enclosing">The method, local function or lambda the site is in.</param>
/// <param name="Location">The call, or the member's name for an Ensures obligation.</param>
/// <param name="Callee">The method called (the member itself for an Ensures obligation).</param>
/// <param name="Guarded">The verdict on a guarded call, or null.</param>
/// <param name="Condition">The verdict on a required condition, or null.</param>
/// <param name="Ensures">The verdict on an Ensures obligation, or null.</param>
internal sealed record EngineSite(
    AnalysisSession Session,
    IMethodSymbol Enclosing,
    Location Location,
    IMethodSymbol Callee,
    GuardedCallVerdict? Guarded,
    ConditionVerdict? Condition,
    EnsuresVerdict? Ensures)
{
    /// <summary>The callee's contracts.</summary>
    public MethodContracts CalleeContracts => Session.Contracts.For(Callee);
}
