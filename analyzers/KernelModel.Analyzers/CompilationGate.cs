using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using KernelModel.Analysis;
using Microsoft.CodeAnalysis;

namespace KernelModel.Analyzers;

/// <summary>
/// Whether a compilation can hold anything the TLB rules look at, decided before any action is registered, so that on
/// code that has nothing to do with TLB flushes the analyzers cost the compiler's driver nothing per member. Each
/// check is a superset of what the rules start from (<see cref="RuleNames"/>):
/// <list type="bullet">
/// <item>a source member named like a sync method, answered by the compiler's declaration table without binding;</item>
/// <item>a contract attribute's name anywhere in a source file (one vectorised text search per file), except the
/// file the package's own generator adds, which declares the attributes and uses none;</item>
/// <item>a contract attribute type in a referenced assembly (its type names);</item>
/// <item>a sync method of a referenced assembly: such a method is only called by naming it, so an identifier with a
/// sync method's name in a source file (the per-file scan's reading of identifiers) — unless a configured sync name
/// is one that calls reach without naming it (<see cref="RuleNames.ImplicitlyCalled"/>), when the referenced
/// assemblies' member names are read instead (cached per assembly symbol). Reading the member names of every
/// referenced assembly costs about 0.1 s per compilation, far more than the text, so it is the last resort.</item>
/// </list>
/// A call to a guarded method names a sync method (declared in source or in a reference) or a method with a
/// contract; a contract is an attribute named in source or read from a referenced assembly; TLB003, TLB004 and TLB006
/// start from sync methods and contracts declared in source; TLB007 from a call to a flush primitive or to a method
/// declared with [EnsuresTableFlush] in source (a contract). So a closed gate loses no diagnostic but TLB000's, which
/// the analyzer still reports where a configuration value is invalid.
/// </summary>
internal static class CompilationGate
{
    private static readonly ConditionalWeakTable<IAssemblySymbol, ConcurrentDictionary<string, bool>> _assemblies = new();

    /// <summary>Whether any rule may report in <paramref name="compilation"/>.</summary>
    /// <param name="compilation">The compilation.</param>
    /// <param name="configurations">Every distinct configuration of its files.</param>
    /// <param name="promises">Whether TLB007 is switched on for any file (asked only when nothing else opened the gate).</param>
    /// <returns>False only when none can.</returns>
    public static bool IsOpen(Compilation compilation, IEnumerable<EngineOptions> configurations, Func<bool> promises)
    {
        var members = new HashSet<string>(configurations.SelectMany(RuleNames.OpeningMembers), Names.Comparer);
        if (members.Count > 0 && compilation.ContainsSymbolsWithName(members.Contains, SymbolFilter.Member))
        {
            return true;
        }

        foreach (SyntaxTree tree in compilation.SyntaxTrees)
        {
            if (!IsOwnGeneratedFile(tree) && RuleNames.MentionsContract(tree.GetText()))
            {
                return true;
            }
        }

        var assemblies = compilation.SourceModule.ReferencedAssemblySymbols;
        foreach (IAssemblySymbol assembly in assemblies)
        {
            if (RuleNames.ContractAttributeTypes.Any(assembly.TypeNames.Contains))
            {
                return true;
            }
        }

        // A sync method of a referenced assembly is called by naming it; so is a flush primitive, and one declared in
        // source names itself: an identifier with one of those names in a source file opens the gate.
        var named = new HashSet<string>(Names.Comparer);
        if (members.Count > 0 && !assemblies.IsEmpty)
        {
            if (members.Overlaps(RuleNames.ImplicitlyCalled))
            {
                string key = string.Join(",", members.OrderBy(name => name, StringComparer.Ordinal));
                if (assemblies.Any(assembly => _assemblies.GetOrCreateValue(assembly).GetOrAdd(key, _ => DeclaresMember(assembly.GlobalNamespace, members))))
                {
                    return true;
                }
            }
            else
            {
                named.UnionWith(members);
            }
        }

        if (promises())
        {
            named.UnionWith(configurations.SelectMany(RuleNames.FlushPrimitives));
        }

        if (named.Count == 0)
        {
            return false;
        }

        var names = new CallNames([], named.Select(name => (Names.Normalize(name), NameKind.Engine)));
        foreach (SyntaxTree tree in compilation.SyntaxTrees)
        {
            if (!IsOwnGeneratedFile(tree) && CallNameFilter.MentionsAny(tree.GetText(), names))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="tree"/> is the contract attributes' file that <see cref="ContractAttributesGenerator"/> adds.</summary>
    /// <param name="tree">A syntax tree.</param>
    /// <returns>True for the generator's file.</returns>
    public static bool IsOwnGeneratedFile(SyntaxTree tree) =>
        tree.FilePath.EndsWith(ContractAttributesGenerator.HintName, StringComparison.Ordinal) &&
        tree.FilePath.IndexOf(nameof(ContractAttributesGenerator), StringComparison.Ordinal) >= 0;

    private static bool DeclaresMember(INamespaceSymbol @namespace, HashSet<string> members)
    {
        foreach (INamespaceOrTypeSymbol member in @namespace.GetMembers())
        {
            if (member is INamespaceSymbol nested ? DeclaresMember(nested, members) : DeclaresMember((INamedTypeSymbol)member, members))
            {
                return true;
            }
        }

        return false;
    }

    private static bool DeclaresMember(INamedTypeSymbol type, HashSet<string> members)
    {
        foreach (string name in type.MemberNames)
        {
            if (members.Contains(name))
            {
                return true;
            }
        }

        foreach (INamedTypeSymbol nested in type.GetTypeMembers())
        {
            if (DeclaresMember(nested, members))
            {
                return true;
            }
        }

        return false;
    }
}
