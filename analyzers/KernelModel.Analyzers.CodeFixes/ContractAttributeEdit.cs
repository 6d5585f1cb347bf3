using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace KernelModel.Analyzers.CodeFixes;

/// <summary>
/// Adds a contract attribute (and its documentation) to a method declaration: written by its simple name when
/// a type of that name is in scope, otherwise after a <c>using</c> of the namespace that declares it (the
/// generated <c>KernelModel.Contracts</c>, or the project's own), unless that using would make another name
/// ambiguous, in which case the attribute is written qualified.
/// </summary>
internal static class ContractAttributeEdit
{
    /// <summary>The method or constructor that would carry a contract for code at <paramref name="node"/>.</summary>
    /// <param name="node">A node inside the method.</param>
    /// <returns>The declaration, or null inside a lambda, local function or accessor.</returns>
    public static BaseMethodDeclarationSyntax? Target(SyntaxNode node)
    {
        foreach (SyntaxNode ancestor in node.AncestorsAndSelf())
        {
            switch (ancestor)
            {
                case MethodDeclarationSyntax or ConstructorDeclarationSyntax:
                    return (BaseMethodDeclarationSyntax)ancestor;
                case LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax or AccessorDeclarationSyntax:
                    return null;
            }
        }

        return null;
    }

    /// <summary>
    /// The changes that put <c>[Name(arguments)]</c> on its own line above the declaration, with
    /// <paramref name="documentation"/> (a change at the same place, or elsewhere in the comment) folded in.
    /// </summary>
    /// <param name="document">The document.</param>
    /// <param name="declaration">The method.</param>
    /// <param name="attributeName">The attribute type's name without the <c>Attribute</c> suffix.</param>
    /// <param name="arguments">The argument list's text (without parentheses), or null.</param>
    /// <param name="documentation">The documentation change, or null.</param>
    /// <returns>The changes, or null when no attribute type of that name exists in the compilation.</returns>
    public static List<TextChange>? Add(FixDocument document, BaseMethodDeclarationSyntax declaration, string attributeName, string? arguments, TextChange? documentation)
    {
        string? written = AttributeName(document, declaration, attributeName, out TextChange? import);
        if (written is null)
        {
            return null;
        }

        int position = document.LineStart(declaration.SpanStart);
        string line = document.IndentationAt(declaration.SpanStart) + "[" + written + (arguments is null ? string.Empty : "(" + arguments + ")") + "]" +
                      document.LineBreakAt(declaration.SpanStart);
        var changes = new List<TextChange>();
        if (import is { } directive)
        {
            changes.Add(directive);
        }

        if (documentation is { } doc && doc.Span.Start == position && doc.Span.IsEmpty)
        {
            changes.Add(new TextChange(doc.Span, doc.NewText + line));
        }
        else
        {
            if (documentation is { } other)
            {
                changes.Add(other);
            }

            changes.Add(new TextChange(new TextSpan(position, 0), line));
        }

        return changes.OrderBy(c => c.Span.Start).ToList();
    }

    private static string? AttributeName(FixDocument document, SyntaxNode declaration, string name, out TextChange? import)
    {
        import = null;
        string typeName = name + "Attribute";
        int position = declaration.SpanStart;
        if (document.Model.LookupNamespacesAndTypes(position, name: typeName).Any(IsAttribute))
        {
            return name;
        }

        INamedTypeSymbol? type = document.Model.Compilation.GetSymbolsWithName(typeName, SymbolFilter.Type)
            .OfType<INamedTypeSymbol>()
            .Where(t => IsAttribute(t) && document.Model.IsAccessible(position, t))
            .OrderBy(t => t.ContainingNamespace.ToDisplayString() == "KernelModel.Contracts" ? 0 : 1)
            .ThenBy(t => t.ToDisplayString(), StringComparer.Ordinal)
            .FirstOrDefault();
        if (type is null)
        {
            return null;
        }

        INamespaceSymbol ns = type.ContainingNamespace;
        string qualified = type.ToDisplayString();
        if (ns.IsGlobalNamespace || type.ContainingType is not null)
        {
            return qualified.Substring(0, qualified.Length - "Attribute".Length);
        }

        if (document.Root is CompilationUnitSyntax unit && !WouldBeAmbiguous(document, ns, position))
        {
            import = Using(document, unit, ns.ToDisplayString());
            return name;
        }

        return qualified.Substring(0, qualified.Length - "Attribute".Length);
    }

    private static bool IsAttribute(ISymbol symbol) =>
        symbol is INamedTypeSymbol { TypeKind: TypeKind.Class } type &&
        type.BaseType?.ToDisplayString() == "System.Attribute";

    /// <summary>Whether importing <paramref name="ns"/> would make a name of it clash with one already in scope.</summary>
    private static bool WouldBeAmbiguous(FixDocument document, INamespaceSymbol ns, int position) =>
        ns.GetTypeMembers().Any(member => document.Model.LookupNamespacesAndTypes(position, name: member.Name).Any());

    private static TextChange Using(FixDocument document, CompilationUnitSyntax unit, string ns)
    {
        var plain = unit.Usings.Where(u => u.StaticKeyword.IsKind(SyntaxKind.None) && u.Alias is null && u.GlobalKeyword.IsKind(SyntaxKind.None)).ToList();
        string newline = document.LineBreakAt(unit.SpanStart);
        string text = "using " + ns + ";";
        UsingDirectiveSyntax? before = plain.FirstOrDefault(u =>
            !u.Name!.ToString().StartsWith("System", StringComparison.Ordinal) &&
            string.CompareOrdinal(u.Name.ToString(), ns) > 0);
        if (before is not null)
        {
            return new TextChange(new TextSpan(document.LineStart(before.SpanStart), 0), text + newline);
        }

        if (plain.LastOrDefault() is { } last)
        {
            return new TextChange(new TextSpan(document.Text.Lines.GetLineFromPosition(last.Span.End).EndIncludingLineBreak, 0), text + newline);
        }

        if (unit.Usings.FirstOrDefault() is { } firstStaticOrAlias)
        {
            // Plain usings go above the static and alias ones.
            return new TextChange(new TextSpan(document.LineStart(firstStaticOrAlias.SpanStart), 0), text + newline);
        }

        SyntaxNode? first = (SyntaxNode?)unit.Externs.FirstOrDefault() ?? unit.Members.FirstOrDefault();
        int at = first is null ? unit.FullSpan.End : document.LineStart(first.SpanStart);
        return new TextChange(new TextSpan(at, 0), text + newline + newline);
    }
}
