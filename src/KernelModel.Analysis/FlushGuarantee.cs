using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using KernelModel.Analysis.Contracts;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;

namespace KernelModel.Analysis;

/// <summary>
/// Whether calling a method performs a table flush whatever the caller knows: the question the "Insert a TLB
/// flush" fix asks of every candidate, answered by the same summaries that prove guarded calls, so an inserted
/// call is one the analyzer then accepts.
/// </summary>
public static class FlushGuarantee
{
    /// <summary>
    /// The flush a call to <paramref name="method"/> performs on every normal return when nothing is known about
    /// its arguments, or null when it may return without one (or never returns, or cannot be summarised).
    /// </summary>
    /// <param name="session">The compilation's analysis session.</param>
    /// <param name="method">The candidate.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The evidence of one of its flushes, or null.</returns>
    public static FlushEvidence? Unconditional(AnalysisSession session, IMethodSymbol method, CancellationToken cancellationToken)
    {
        method = method.OriginalDefinition;
        Location location = method.Locations.FirstOrDefault() ?? Location.None;
        MethodContracts contracts = session.Contracts.For(method);
        if (contracts.EnsuresTableFlush && contracts.EnsuresWhen is null)
        {
            return new FlushEvidence(FlushSource.EnsuresContract, location, method.Name, method, "[EnsuresTableFlush]", null);
        }

        // A callee that itself needs a flush or a condition is no answer to a missing one.
        if (session.IsGuarded(method) || !contracts.Conditions.IsEmpty || !IsSummarizable(method))
        {
            return null;
        }

        ControlFlowGraph? graph = session.GraphOf(method, cancellationToken);
        if (graph is null)
        {
            return null;
        }

        var stack = new CallStack();
        stack.Push(method);
        var run = new FlowRun(session, graph, method, stack, recorder: null, cancellationToken);
        ImmutableArray<AbstractState> exits = run.Run(new StateSet(AbstractState.Initial));
        if (exits.IsEmpty || exits.Any(state => state.Flushed != Tri.True))
        {
            return null;
        }

        return new FlushEvidence(FlushSource.Callee, location, method.Name, method, null, exits[0].Evidence);
    }

    private static bool IsSummarizable(IMethodSymbol method) =>
        method.MethodKind == MethodKind.Ordinary &&
        !method.IsExtern && !method.IsAbstract &&
        method.ContainingType?.TypeKind != TypeKind.Interface &&
        (!(method.IsVirtual || method.IsOverride) || method.IsSealed || method.ContainingType?.IsSealed == true);
}
