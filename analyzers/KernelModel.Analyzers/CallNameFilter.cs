using System;
using System.Collections.Immutable;
using System.Linq;
using KernelModel.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace KernelModel.Analyzers;

/// <summary>
/// Decides from syntax alone whether a body may call a guarded method or one with a required condition, so that the
/// bodies that cannot — almost all of them — cost no binding, no operation tree and no graph. A call can only reach
/// such a method through an invocation naming it: a sync method (by configured name) or a method declared with a
/// contract attribute. Source declarations are scanned once per compilation (declarations only, not bodies). Where
/// syntax cannot be sure — a referenced assembly that declares contract attributes, an alias of one, a contract on a
/// method that implicit calls reach (Add, query operators, constructor initializers) — every body is a candidate,
/// and the semantic check decides as before.
/// </summary>
internal sealed class CallNameFilter
{
    private static readonly ImmutableHashSet<string> _attributeNames = ImmutableHashSet.Create(
        StringComparer.Ordinal,
        "RequiresTableFlush",
        "RequiresTableFlushAttribute",
        "RequiresCondition",
        "RequiresConditionAttribute");

    /// <summary>Methods that calls without an invocation expression reach: collection initializers, queries.</summary>
    private static readonly ImmutableHashSet<string> _implicitlyCalled = ImmutableHashSet.Create(
        StringComparer.Ordinal,
        "Add", "Select", "SelectMany", "Where", "OrderBy", "OrderByDescending", "ThenBy", "ThenByDescending", "GroupBy",
        "Join", "GroupJoin", "Cast");

    private readonly Lazy<(ImmutableHashSet<string> Names, bool Everything)> _contracts;

    /// <summary>Creates the filter for a compilation; nothing is scanned until the first question.</summary>
    /// <param name="compilation">The compilation.</param>
    public CallNameFilter(Compilation compilation) =>
        _contracts = new Lazy<(ImmutableHashSet<string>, bool)>(() => Scan(compilation));

    /// <summary>Whether <paramref name="body"/> may call a guarded method or one with a required condition.</summary>
    /// <param name="body">The code block.</param>
    /// <param name="options">The configuration (names of the sync methods).</param>
    /// <returns>False only when no call in the body can be one.</returns>
    public bool MayCallGuarded(SyntaxNode body, EngineOptions options)
    {
        (ImmutableHashSet<string> contractNames, bool everything) = _contracts.Value;
        if (everything)
        {
            return true;
        }

        foreach (SyntaxNode node in body.DescendantNodes())
        {
            switch (node)
            {
                case InvocationExpressionSyntax invocation when InvokedName(invocation.Expression) is string name &&
                    (options.IsSyncMethod(name) || contractNames.Contains(name)):
                    return true;
                case LocalFunctionStatementSyntax function when HasContract(function.AttributeLists):
                    return true;
            }
        }

        return false;
    }

    private static string? InvokedName(ExpressionSyntax expression) => expression switch
    {
        SimpleNameSyntax name => name.Identifier.ValueText,
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
        AliasQualifiedNameSyntax qualified => qualified.Name.Identifier.ValueText,
        _ => null,
    };

    private static (ImmutableHashSet<string> Names, bool Everything) Scan(Compilation compilation)
    {
        foreach (IAssemblySymbol assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            if (_attributeNames.Any(assembly.TypeNames.Contains))
            {
                return (ImmutableHashSet<string>.Empty, true);
            }
        }

        var names = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
        foreach (SyntaxTree tree in compilation.SyntaxTrees)
        {
            foreach (SyntaxNode node in tree.GetRoot().DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
            {
                switch (node)
                {
                    case UsingDirectiveSyntax { Alias: not null } alias when LastName(alias.Name) is string target && _attributeNames.Contains(target):
                        return (ImmutableHashSet<string>.Empty, true);
                    case ConstructorDeclarationSyntax constructor when HasContract(constructor.AttributeLists):
                        return (ImmutableHashSet<string>.Empty, true);
                    case MethodDeclarationSyntax method when HasContract(method.AttributeLists):
                        names.Add(method.Identifier.ValueText);
                        break;
                }
            }
        }

        return names.Overlaps(_implicitlyCalled) ? (ImmutableHashSet<string>.Empty, true) : (names.ToImmutable(), false);
    }

    private static bool HasContract(SyntaxList<AttributeListSyntax> lists) =>
        lists.Any(list => list.Attributes.Any(attribute => LastName(attribute.Name) is string name && _attributeNames.Contains(name)));

    private static string? LastName(NameSyntax? name) => name switch
    {
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
        _ => null,
    };
}
