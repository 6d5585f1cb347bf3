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

    /// <summary>
    /// The flush a method performs on every normal return without promising it (TLB007): a method that other assemblies
    /// can call (public or protected, or internal with <c>InternalsVisibleTo</c>), without <c>[EnsuresTableFlush]</c>,
    /// whose body flushes whatever its caller knows. Callers in another project cannot see into its body; only the
    /// promise would make its flush count there. Null when the method promises already, cannot be seen from outside,
    /// or may return without a flush.
    /// </summary>
    /// <param name="session">The compilation's analysis session.</param>
    /// <param name="method">The method.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The evidence of one of its flushes, or null.</returns>
    public static FlushEvidence? Unpromised(AnalysisSession session, IMethodSymbol method, CancellationToken cancellationToken)
    {
        if (method.MethodKind != MethodKind.Ordinary || session.Contracts.For(method).EnsuresTableFlush ||
            session.Options.IsFlushPrimitive(method.Name) || !VisibleOutside(method, session.Compilation))
        {
            return null;
        }

        return Unconditional(session, method, cancellationToken);
    }

    /// <summary>Whether code in another assembly can call <paramref name="method"/>: every enclosing declaration is public or protected, or internal to an assembly that grants <c>InternalsVisibleTo</c>.</summary>
    /// <param name="method">The method.</param>
    /// <param name="compilation">Its compilation.</param>
    /// <returns>True when another assembly can call it.</returns>
    public static bool VisibleOutside(IMethodSymbol method, Compilation compilation)
    {
        bool needsFriends = false;
        for (ISymbol? symbol = method; symbol is not null and not INamespaceSymbol; symbol = symbol.ContainingSymbol)
        {
            switch (symbol.DeclaredAccessibility)
            {
                case Accessibility.Public or Accessibility.Protected or Accessibility.ProtectedOrInternal:
                    break;
                case Accessibility.Internal or Accessibility.ProtectedAndInternal:
                    needsFriends = true;
                    break;
                default:
                    return false;
            }
        }

        return !needsFriends || compilation.Assembly.GetAttributes().Any(a => a.AttributeClass?.Name == "InternalsVisibleToAttribute");
    }

    private static bool IsSummarizable(IMethodSymbol method) =>
        method.MethodKind == MethodKind.Ordinary &&
        !method.IsExtern && !method.IsAbstract &&
        method.ContainingType?.TypeKind != TypeKind.Interface &&
        (!(method.IsVirtual || method.IsOverride) || method.IsSealed || method.ContainingType?.IsSealed == true);
}
