using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using KernelModel.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace KernelModel.Analyzers.CodeFixes;

/// <summary>
/// A call that performs a table flush whatever the caller knows, with an argument available at the insertion
/// point: what "Insert a TLB flush" writes. Candidates are the compilation's accessible static methods of one
/// parameter that <see cref="FlushGuarantee"/> proves; a whole-address-space flush (one taking the flush
/// primitive's address-space type, like <c>FlushTlbMm(mm)</c>) is preferred, then an argument that is a local
/// or parameter over one reached through a member (<c>vma.VmMm</c>, <c>tlb.Mm</c>).
/// </summary>
/// <param name="Text">The call as it will be written, for example <c>FlushTlbMm(vma.VmMm)</c>.</param>
/// <param name="Method">The method called.</param>
internal sealed record FlushCall(string Text, IMethodSymbol Method)
{
    private const int MaxProofs = 32;

    /// <summary>The best proven flush call at <paramref name="position"/>, or null when there is none.</summary>
    /// <param name="document">The document.</param>
    /// <param name="position">Where the call will be inserted.</param>
    /// <param name="enclosing">The method the call will be in (never proposed, to avoid recursion).</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The call, or null.</returns>
    public static FlushCall? Find(FixDocument document, int position, ISymbol? enclosing, CancellationToken cancellationToken)
    {
        SemanticModel model = document.Model;
        List<Argument> arguments = Arguments(model, position).ToList();
        if (arguments.Count == 0)
        {
            return null;
        }

        ITypeSymbol? addressSpace = AddressSpaceType(document.Session);
        var candidates = new List<(IMethodSymbol Method, Argument Argument)>();
        foreach (IMethodSymbol method in model.Compilation.GetSymbolsWithName(_ => true, SymbolFilter.Member, cancellationToken).OfType<IMethodSymbol>())
        {
            if (method.MethodKind != MethodKind.Ordinary || !method.IsStatic || method.IsGenericMethod ||
                method.Parameters.Length != 1 || method.Parameters[0].RefKind != RefKind.None ||
                SymbolEqualityComparer.Default.Equals(method, enclosing) || !model.IsAccessible(position, method))
            {
                continue;
            }

            ITypeSymbol parameter = method.Parameters[0].Type;
            foreach (Argument argument in arguments)
            {
                if (model.Compilation.ClassifyConversion(argument.Type, parameter) is { IsImplicit: true, IsUserDefined: false } conversion &&
                    (conversion.IsIdentity || conversion.IsReference))
                {
                    candidates.Add((method, argument));
                }
            }
        }

        // Prove each distinct method once; among the proven, the shortest chain down to the flush primitive wins
        // (FlushTlbMm itself rather than a caller of it that happens to flush, and does other things too).
        var chains = new Dictionary<IMethodSymbol, int?>(SymbolEqualityComparer.Default);
        IEnumerable<IMethodSymbol> toProve = candidates.Select(c => c.Method).Distinct(SymbolEqualityComparer.Default).Cast<IMethodSymbol>()
            .OrderBy(m => SymbolEqualityComparer.Default.Equals(m.Parameters[0].Type, addressSpace) ? 0 : 1)
            .ThenBy(m => m.ToDisplayString(), StringComparer.Ordinal)
            .Take(MaxProofs);
        foreach (IMethodSymbol method in toProve)
        {
            chains[method] = ChainLength(FlushGuarantee.Unconditional(document.Session, method, cancellationToken));
        }

        (IMethodSymbol Method, Argument Argument) best = candidates
            .Where(c => chains.TryGetValue(c.Method, out int? length) && length is not null)
            .OrderBy(c => SymbolEqualityComparer.Default.Equals(c.Method.Parameters[0].Type, addressSpace) ? 0 : 1)
            .ThenBy(c => chains[c.Method])
            .ThenBy(c => c.Argument.Depth)
            .ThenBy(c => c.Method.ToDisplayString(), StringComparer.Ordinal)
            .ThenBy(c => c.Argument.Text, StringComparer.Ordinal)
            .FirstOrDefault();
        return best.Method is null ? null : new FlushCall($"{Callee(model, position, best.Method)}({best.Argument.Text})", best.Method);
    }

    private static int? ChainLength(FlushEvidence? evidence)
    {
        if (evidence is null)
        {
            return null;
        }

        int length = 0;
        for (FlushEvidence? step = evidence; step is not null; step = step.Inner)
        {
            length++;
        }

        return length;
    }
    /// <summary>The type of the flush primitives' first parameter (the mm), which marks a whole-address-space flush.</summary>
    private static ITypeSymbol? AddressSpaceType(AnalysisSession session) =>
        session.Compilation.GetSymbolsWithName(name => session.Options.IsFlushPrimitive(name), SymbolFilter.Member)
            .OfType<IMethodSymbol>()
            .Select(primitive => primitive.Parameters.FirstOrDefault()?.Type)
            .FirstOrDefault(type => type is not null);

    /// <summary>The method's name as the call must spell it at <paramref name="position"/>: simple when in scope, else qualified.</summary>
    private static string Callee(SemanticModel model, int position, IMethodSymbol method) =>
        model.LookupSymbols(position, name: method.Name).Contains(method, SymbolEqualityComparer.Default)
            ? method.Name
            : method.ContainingType.ToMinimalDisplayString(model, position) + "." + method.Name;

    /// <summary>Locals declared before the position and parameters, and their fields and properties one level down.</summary>
    private static IEnumerable<Argument> Arguments(SemanticModel model, int position)
    {
        foreach (ISymbol symbol in model.LookupSymbols(position))
        {
            (ITypeSymbol? type, bool maybeNull) = symbol switch
            {
                IParameterSymbol { RefKind: not RefKind.Out } parameter => (parameter.Type, parameter.NullableAnnotation == NullableAnnotation.Annotated),
                ILocalSymbol local when DeclaredBefore(local, position) => (local.Type, IsExplicitlyNullable(local)),
                _ => (null, true),
            };
            if (type is null || maybeNull || !type.IsReferenceType)
            {
                continue;
            }

            yield return new Argument(symbol.Name, type, 0);
            foreach (ISymbol member in type.GetMembers())
            {
                ITypeSymbol? memberType = member switch
                {
                    IFieldSymbol { IsStatic: false } field => field.Type,
                    IPropertySymbol { IsStatic: false, IsIndexer: false, GetMethod: not null } property => property.Type,
                    _ => null,
                };
                if (memberType is { IsReferenceType: true, NullableAnnotation: not NullableAnnotation.Annotated } &&
                    model.IsAccessible(position, member))
                {
                    yield return new Argument(symbol.Name + "." + member.Name, memberType, 1);
                }
            }
        }
    }

    private static bool DeclaredBefore(ILocalSymbol local, int position) =>
        local.DeclaringSyntaxReferences.Length > 0 && local.DeclaringSyntaxReferences[0].Span.End <= position;

    /// <summary>A local written <c>T?</c>; a <c>var</c> local's type is always annotated, so only the written type counts.</summary>
    private static bool IsExplicitlyNullable(ILocalSymbol local) =>
        local.NullableAnnotation == NullableAnnotation.Annotated &&
        local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() is VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Type: { IsVar: false } } };

    private sealed record Argument(string Text, ITypeSymbol Type, int Depth);
}
