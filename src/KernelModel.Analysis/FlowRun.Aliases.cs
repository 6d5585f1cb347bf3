using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace KernelModel.Analysis;

/// <summary>
/// Reference copies (SPEC §5): after <c>var t = tlb;</c> the local <c>t</c> must-aliases <c>tlb</c> until either is
/// reassigned. The copy is kept in <see cref="AbstractState.Refs"/> under the (non-ref) local, and every read of
/// <c>t</c> reads the path it copies, so a write through one is a write through both and what a branch learns of
/// one holds for the other. Where the copied path may come to denote another object (it or a prefix is written,
/// a call or a delegate may change it), the alias is dissolved: what was known of the shared object is copied onto
/// <c>t</c>'s own paths first, since until then both denoted it.
/// </summary>
internal sealed partial class FlowRun
{
    /// <summary>Whether a Refs entry is a reference copy (a plain local) rather than a ref local or ref parameter.</summary>
    private static bool IsCopy(ISymbol symbol) => symbol is ILocalSymbol { IsRef: false };

    /// <summary>
    /// Whether <paramref name="source"/> may be must-aliased by a local copy: a path whose every member is a field or a
    /// property without accessor bodies (one with a body may return another object each time), not through a
    /// <c>ref</c> parameter (which may be any field, written by anything).
    /// </summary>
    private static bool Copyable(AccessPath source)
    {
        if (source.Kind == PathRoot.Allocation || source.IsBool || source.Type is not { IsReferenceType: true } ||
            source.Root is IParameterSymbol { RefKind: not RefKind.None })
        {
            return false;
        }

        foreach (ISymbol member in source.Members)
        {
            if (member is IPropertySymbol property && !IsAutoProperty(property))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether a property is an auto-property of source here (it has a compiler-made backing field): a plain field.</summary>
    private static bool IsAutoProperty(IPropertySymbol property) =>
        !property.IsIndexer && property.ContainingType is { } type &&
        // The compiler names an auto-property's backing field "<Name>k__BackingField"; looking that name up is one
        // dictionary probe, where scanning every member of the type ran on each property access the engine saw.
        type.GetMembers("<" + property.Name + ">k__BackingField").Any(m => m is IFieldSymbol field && SymbolEqualityComparer.Default.Equals(field.AssociatedSymbol, property));

    /// <summary>Dissolves the reference copies <paramref name="which"/> selects, giving each local what was known of the shared object.</summary>
    internal static AbstractState Dissolve(AbstractState state, System.Func<ILocalSymbol, AccessPath, bool> which)
    {
        if (state.Refs.IsEmpty)
        {
            return state;
        }

        List<KeyValuePair<ISymbol, AccessPath>>? doomed = null;
        foreach (KeyValuePair<ISymbol, AccessPath> entry in state.Refs)
        {
            if (entry.Key is ILocalSymbol { IsRef: false } local && which(local, entry.Value))
            {
                (doomed ??= new List<KeyValuePair<ISymbol, AccessPath>>()).Add(entry);
            }
        }

        if (doomed is null)
        {
            return state;
        }

        ImmutableDictionary<AccessPath, bool> facts = state.Facts;
        foreach (KeyValuePair<ISymbol, AccessPath> entry in doomed)
        {
            ISymbol symbol = entry.Key;
            AccessPath referent = entry.Value;
            AccessPath own = AccessPath.ForLocal((ILocalSymbol)symbol);
            foreach (KeyValuePair<AccessPath, bool> fact in state.Facts)
            {
                if (!fact.Key.Equals(referent) && fact.Key.StartsWith(referent) && Reroot(fact.Key, referent, own) is AccessPath moved)
                {
                    facts = facts.SetItem(moved, fact.Value);
                }
            }

            state = state.WithRef(symbol, null);
        }

        return state.WithFacts(facts);
    }

    /// <summary>
    /// Before a call: copies whose path goes through a field or static member (which the callee may change) are
    /// dissolved, and all of them when the callee may reassign variables (ref or out parameters, a local function's
    /// captures).
    /// </summary>
    private static AbstractState DissolveAcrossCall(IMethodSymbol target, AbstractState state) =>
        target.MethodKind == MethodKind.LocalFunction || target.Parameters.Any(p => p.RefKind is RefKind.Ref or RefKind.Out)
            ? Dissolve(state, (_, _) => true)
            : Dissolve(state, (_, referent) => referent.Kind == PathRoot.Static || referent.Members.Length > 0);

    /// <summary>Before a write to <paramref name="path"/> that is not a bool: copies of a path it may change are dissolved.</summary>
    private static AbstractState DissolveForWrite(AccessPath path, AbstractState state)
    {
        int members = path.Members.Length;
        ISymbol? member = members > (path.Kind == PathRoot.Static ? 1 : 0) ? path.Members[members - 1] : null;
        AccessPath? owner = member is null ? null : path.Prefix(members - 1);
        bool throughRef = members == 0 && path.Kind == PathRoot.Parameter && path.Root is IParameterSymbol { RefKind: RefKind.Ref or RefKind.Out };
        return Dissolve(state, (local, referent) =>
            (members == 0 && path.Kind == PathRoot.Local && SymbolEqualityComparer.Default.Equals(path.Root, local)) ||
            referent.StartsWith(path) ||
            (member is not null && Aliasing.MayWriteThrough(referent, member, owner!, state)) ||
            Aliasing.ThroughRefParameter(referent, path.Type) ||
            (throughRef && Aliasing.ReachesLocationOf(referent, path.Type)));
    }

    /// <summary>Variables a pattern declares are assigned by the match: copies they held are dissolved.</summary>
    private static AbstractState DissolveDeclared(IPatternOperation pattern, AbstractState state)
    {
        if (state.Refs.IsEmpty)
        {
            return state;
        }

        foreach (IOperation operation in pattern.DescendantsAndSelf())
        {
            ISymbol? declared = operation switch
            {
                IDeclarationPatternOperation declaration => declaration.DeclaredSymbol,
                IRecursivePatternOperation recursive => recursive.DeclaredSymbol,
                IListPatternOperation list => list.DeclaredSymbol,
                _ => null,
            };
            if (declared is ILocalSymbol local)
            {
                state = Dissolve(state, (copy, _) => SymbolEqualityComparer.Default.Equals(copy, local));
            }
        }

        return state;
    }
}
