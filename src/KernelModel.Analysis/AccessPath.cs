using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace KernelModel.Analysis;

/// <summary>What an <see cref="AccessPath"/> starts from.</summary>
public enum PathRoot : byte
{
    /// <summary>A parameter.</summary>
    Parameter,

    /// <summary>A local variable.</summary>
    Local,

    /// <summary>The instance the method runs on (<c>this</c>).</summary>
    This,

    /// <summary>A static field or property (the first member).</summary>
    Static,

    /// <summary>An object being created here and not yet stored anywhere (what its initializer writes), by allocation site.</summary>
    Allocation,
}

/// <summary>
/// A location the engine tracks facts about: a local, a parameter, <c>this</c> or a static member, followed by
/// up to <see cref="MaxDepth"/> field or property accesses (<c>tlb.Mm.Flags</c>).
/// </summary>
public sealed class AccessPath : IEquatable<AccessPath>
{
    /// <summary>How many member accesses a path may have beyond its root.</summary>
    public const int MaxDepth = 3;

    private readonly int _hash;
    private readonly ITypeSymbol? _rootType;

    private AccessPath(PathRoot kind, ISymbol? root, ImmutableArray<ISymbol> members, ITypeSymbol? type, ITypeSymbol? rootType, int allocation = 0)
    {
        _rootType = rootType;
        Allocation = allocation;
        Kind = kind;
        Root = root;
        Members = members;
        Type = type;
        int hash = ((int)kind * 7919) + allocation;
        hash = (hash * 31) + (root is null ? 0 : SymbolEqualityComparer.Default.GetHashCode(root));
        foreach (ISymbol member in members)
        {
            hash = (hash * 31) + SymbolEqualityComparer.Default.GetHashCode(member);
        }

        _hash = hash;
    }

    /// <summary>What the path starts from.</summary>
    public PathRoot Kind { get; }

    /// <summary>The parameter or local it starts from; null for <c>this</c> and static paths.</summary>
    public ISymbol? Root { get; }

    /// <summary>The fields and properties accessed, in order.</summary>
    public ImmutableArray<ISymbol> Members { get; }

    /// <summary>For an <see cref="PathRoot.Allocation"/> root, the allocation site; otherwise 0.</summary>
    public int Allocation { get; }

    /// <summary>The type of the value the path denotes.</summary>
    public ITypeSymbol? Type { get; }

    /// <summary>Whether the path denotes a bool.</summary>
    public bool IsBool => Type?.SpecialType == SpecialType.System_Boolean;

    /// <summary>A path to a parameter.</summary>
    /// <param name="parameter">The parameter.</param>
    /// <returns>The path.</returns>
    public static AccessPath ForParameter(IParameterSymbol parameter) =>
        new(PathRoot.Parameter, parameter, ImmutableArray<ISymbol>.Empty, parameter.Type, parameter.Type);

    /// <summary>A path to a local.</summary>
    /// <param name="local">The local.</param>
    /// <returns>The path.</returns>
    public static AccessPath ForLocal(ILocalSymbol local) =>
        new(PathRoot.Local, local, ImmutableArray<ISymbol>.Empty, local.Type, local.Type);

    /// <summary>A path to <c>this</c>.</summary>
    /// <param name="type">The type of <c>this</c>.</param>
    /// <returns>The path.</returns>
    public static AccessPath ForThis(ITypeSymbol? type) => new(PathRoot.This, null, ImmutableArray<ISymbol>.Empty, type, type);

    /// <summary>A path to an object created at an allocation site and not yet stored anywhere.</summary>
    /// <param name="type">The created type.</param>
    /// <param name="allocation">The allocation site.</param>
    /// <returns>The path.</returns>
    public static AccessPath ForAllocation(ITypeSymbol? type, int allocation) =>
        new(PathRoot.Allocation, null, ImmutableArray<ISymbol>.Empty, type, type, allocation);

    /// <summary>A path to a static field or property.</summary>
    /// <param name="member">The static member.</param>
    /// <returns>The path.</returns>
    public static AccessPath ForStatic(ISymbol member) =>
        new(PathRoot.Static, null, ImmutableArray.Create(member), MemberType(member), null);

    /// <summary>The path one member access further, or null beyond the depth bound.</summary>
    /// <param name="member">A field or property.</param>
    /// <returns>The longer path, or null.</returns>
    public AccessPath? Append(ISymbol member)
    {
        int limit = Kind == PathRoot.Static ? MaxDepth + 1 : MaxDepth;
        return Members.Length >= limit ? null : new AccessPath(Kind, Root, Members.Add(member), MemberType(member), _rootType, Allocation);
    }

    /// <summary>The path with its root replaced by <paramref name="newRoot"/>, keeping the member accesses.</summary>
    /// <param name="newRoot">The new root path (its own members come first).</param>
    /// <returns>The rebased path, or null beyond the depth bound.</returns>
    public AccessPath? Rebase(AccessPath newRoot)
    {
        AccessPath? path = newRoot;
        foreach (ISymbol member in Members)
        {
            path = path?.Append(member);
        }

        return path;
    }

    /// <summary>Whether this path has the same root as <paramref name="other"/> (ignoring members).</summary>
    /// <param name="other">The other path.</param>
    /// <returns>True when the roots are equal.</returns>
    public bool SameRoot(AccessPath other) =>
        Kind == other.Kind && (Kind == PathRoot.Static
            ? Members.Length > 0 && other.Members.Length > 0 && SymbolEqualityComparer.Default.Equals(Members[0], other.Members[0])
            : SymbolEqualityComparer.Default.Equals(Root, other.Root) && Allocation == other.Allocation);

    /// <summary>Whether <paramref name="prefix"/> is this path or a strict prefix of it.</summary>
    /// <param name="prefix">The candidate prefix.</param>
    /// <returns>True when this path starts with it.</returns>
    public bool StartsWith(AccessPath prefix)
    {
        if (Kind != prefix.Kind || Allocation != prefix.Allocation || !SymbolEqualityComparer.Default.Equals(Root, prefix.Root) || prefix.Members.Length > Members.Length)
        {
            return false;
        }

        for (int i = 0; i < prefix.Members.Length; i++)
        {
            if (!SymbolEqualityComparer.Default.Equals(Members[i], prefix.Members[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The members after <paramref name="prefix"/>, which must be a prefix of this path.</summary>
    /// <param name="prefix">The prefix.</param>
    /// <returns>The remaining members.</returns>
    public ImmutableArray<ISymbol> SuffixAfter(AccessPath prefix) => Members.RemoveRange(0, prefix.Members.Length);

    /// <summary>The path made of the root and the first <paramref name="count"/> members.</summary>
    /// <param name="count">How many members to keep.</param>
    /// <returns>The prefix.</returns>
    public AccessPath Prefix(int count)
    {
        if (count == Members.Length)
        {
            return this;
        }

        ImmutableArray<ISymbol> members = Members.RemoveRange(count, Members.Length - count);
        ITypeSymbol? type = count == 0 ? _rootType : MemberType(members[count - 1]);
        return new AccessPath(Kind, Root, members, type, _rootType, Allocation);
    }

    /// <inheritdoc />
    public bool Equals(AccessPath? other) =>
        other is not null &&
        _hash == other._hash &&
        Kind == other.Kind &&
        Allocation == other.Allocation &&
        SymbolEqualityComparer.Default.Equals(Root, other.Root) &&
        Members.SequenceEqual(other.Members, SymbolEqualityComparer.Default);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as AccessPath);

    /// <inheritdoc />
    public override int GetHashCode() => _hash;

    /// <inheritdoc />
    public override string ToString()
    {
        string root = Kind switch
        {
            PathRoot.This => "this",
            PathRoot.Allocation => "new " + Type?.Name,
            PathRoot.Static => Members[0].ContainingType?.Name + "." + Members[0].Name,
            _ => Root?.Name ?? "?",
        };
        return string.Join(".", new[] { root }.Concat(Members.Skip(Kind == PathRoot.Static ? 1 : 0).Select(m => m.Name)));
    }

    private static ITypeSymbol? MemberType(ISymbol member) => member switch
    {
        IFieldSymbol field => field.Type,
        IPropertySymbol property => property.Type,
        _ => null,
    };
}
