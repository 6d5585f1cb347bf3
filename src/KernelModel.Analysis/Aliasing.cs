using System.Linq;
using Microsoft.CodeAnalysis;

namespace KernelModel.Analysis;

/// <summary>
/// Which tracked facts a write may change (SPEC §5): a write through one reference of type T to member M makes
/// M unknown on every other path that may alias it — any path of a compatible type, unless it is provably a
/// different object (a fresh object against one that existed before the method ran, or two fresh objects
/// from different allocations).
/// </summary>
internal static class Aliasing
{
    /// <summary>Whether writing <paramref name="member"/> of <paramref name="owner"/> may change <paramref name="fact"/>.</summary>
    public static bool MayWriteThrough(AccessPath fact, ISymbol member, AccessPath owner, AbstractState state)
    {
        int start = fact.Kind == PathRoot.Static ? 1 : 0;
        for (int i = start; i < fact.Members.Length; i++)
        {
            if (SymbolEqualityComparer.Default.Equals(fact.Members[i], member) && MayAlias(fact.Prefix(i), owner, state))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="fact"/> reads <paramref name="member"/> of an object compatible with <paramref name="receiverType"/>.</summary>
    public static bool ContainsMemberOnCompatible(AccessPath fact, ISymbol member, ITypeSymbol? receiverType)
    {
        int start = fact.Kind == PathRoot.Static ? 1 : 0;
        for (int i = start; i < fact.Members.Length; i++)
        {
            if (SymbolEqualityComparer.Default.Equals(fact.Members[i], member) && Compatible(fact.Prefix(i).Type, receiverType))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a fact lies in what an object reached by <paramref name="received"/> contains, directly or through an alias.</summary>
    public static bool Reaches(AccessPath fact, AccessPath received, AbstractState state)
    {
        if (fact.StartsWith(received) && !fact.Equals(received))
        {
            return true;
        }

        int start = fact.Kind == PathRoot.Static ? 1 : 0;
        for (int i = start; i < fact.Members.Length; i++)
        {
            if (MayAlias(fact.Prefix(i), received, state))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a fact lies in an object of a type compatible with <paramref name="type"/> (for received values without a path).</summary>
    public static bool ReachesType(AccessPath fact, ITypeSymbol type)
    {
        int start = fact.Kind == PathRoot.Static ? 1 : 0;
        for (int i = start; i < fact.Members.Length; i++)
        {
            if (Compatible(fact.Prefix(i).Type, type))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether <paramref name="fact"/> lies in (or is) a <c>ref</c>/<c>out</c> parameter of a type compatible with
    /// <paramref name="type"/>: such a parameter may be the very field or variable a write of that type changes.
    /// </summary>
    public static bool ThroughRefParameter(AccessPath fact, ITypeSymbol? type) =>
        fact.Kind == PathRoot.Parameter && fact.Root is IParameterSymbol { RefKind: RefKind.Ref or RefKind.Out } parameter &&
        Compatible(parameter.Type, type);

    /// <summary>
    /// Whether <paramref name="fact"/> is, or lies below, a field or property of a type compatible with
    /// <paramref name="type"/>: a location a write through a <c>ref</c> of that type may be.
    /// </summary>
    public static bool ReachesLocationOf(AccessPath fact, ITypeSymbol? type)
    {
        for (int i = 1; i <= fact.Members.Length; i++)
        {
            if (Compatible(fact.Prefix(i).Type, type))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether two paths may denote the same object.</summary>
    public static bool MayAlias(AccessPath a, AccessPath b, AbstractState state)
    {
        if (a.Equals(b))
        {
            return true;
        }

        if ((a.Kind == PathRoot.Allocation && a.Members.Length == 0) || (b.Kind == PathRoot.Allocation && b.Members.Length == 0))
        {
            // An object being created and not yet stored is no other object.
            return false;
        }

        if (!Compatible(a.Type, b.Type))
        {
            return false;
        }

        if (a.Members.Length == 0 && b.Members.Length == 0)
        {
            Origin originA = OriginOf(a, state, out int idA);
            Origin originB = OriginOf(b, state, out int idB);
            if (originA == Origin.Fresh && originB == Origin.Fresh)
            {
                return idA == idB;
            }

            if ((originA == Origin.Fresh && originB == Origin.Preexisting) || (originA == Origin.Preexisting && originB == Origin.Fresh))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether values of the two types can be the same object.</summary>
    public static bool Compatible(ITypeSymbol? a, ITypeSymbol? b)
    {
        if (a is null || b is null)
        {
            return true;
        }

        if (SymbolEqualityComparer.Default.Equals(a, b))
        {
            return true;
        }

        if (a.IsValueType || b.IsValueType)
        {
            return false;
        }

        if (a.TypeKind is TypeKind.TypeParameter or TypeKind.Error or TypeKind.Dynamic ||
            b.TypeKind is TypeKind.TypeParameter or TypeKind.Error or TypeKind.Dynamic ||
            a.SpecialType == SpecialType.System_Object || b.SpecialType == SpecialType.System_Object)
        {
            return true;
        }

        if (a.TypeKind == TypeKind.Interface || b.TypeKind == TypeKind.Interface)
        {
            // A sealed class is exactly what it declares; any other class may have a subclass implementing the interface.
            (ITypeSymbol @interface, ITypeSymbol other) = a.TypeKind == TypeKind.Interface ? (a, b) : (b, a);
            return other.TypeKind == TypeKind.Interface || !other.IsSealed ||
                other.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i.OriginalDefinition, @interface.OriginalDefinition));
        }

        return DerivesFrom(a, b) || DerivesFrom(b, a);
    }

    private static bool DerivesFrom(ITypeSymbol type, ITypeSymbol baseType)
    {
        for (ITypeSymbol? current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, baseType.OriginalDefinition))
            {
                return true;
            }
        }

        return false;
    }

    private enum Origin
    {
        Unknown,
        Fresh,
        Preexisting,
    }

    private static Origin OriginOf(AccessPath path, AbstractState state, out int id)
    {
        id = 0;
        switch (path.Kind)
        {
            case PathRoot.This:
                return Origin.Preexisting;
            case PathRoot.Parameter:
                if (state.Fresh.TryGetValue(path.Root!, out id))
                {
                    return id > 0 ? Origin.Fresh : Origin.Unknown;
                }

                return Origin.Preexisting;
            case PathRoot.Local:
                return state.Fresh.TryGetValue(path.Root!, out id) && id > 0 ? Origin.Fresh : Origin.Unknown;
            case PathRoot.Allocation:
                id = path.Allocation;
                return Origin.Fresh;
            default:
                return Origin.Unknown;
        }
    }
}
