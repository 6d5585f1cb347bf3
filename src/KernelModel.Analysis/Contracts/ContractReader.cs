using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace KernelModel.Analysis.Contracts;

/// <summary>
/// Reads and caches the contracts of methods. Attributes are matched by simple name in any namespace, so a
/// project may declare its own.
/// </summary>
/// <param name="compilation">The compilation, to bind the calls a condition makes as if written in its method.</param>
public sealed class ContractReader(Compilation? compilation = null)
{
    /// <summary>The simple name of the attribute requiring a prior flush.</summary>
    public const string RequiresTableFlushName = "RequiresTableFlushAttribute";

    /// <summary>The simple name of the attribute requiring a condition.</summary>
    public const string RequiresConditionName = "RequiresConditionAttribute";

    /// <summary>The simple name of the attribute promising a flush.</summary>
    public const string EnsuresTableFlushName = "EnsuresTableFlushAttribute";

    private readonly ConcurrentDictionary<IMethodSymbol, MethodContracts> _cache = new(SymbolEqualityComparer.Default);

    /// <summary>The contracts of <paramref name="method"/>.</summary>
    /// <param name="method">The method (its original definition is used).</param>
    /// <returns>Its contracts.</returns>
    public MethodContracts For(IMethodSymbol method) => _cache.GetOrAdd(method.OriginalDefinition, Read);

    private MethodContracts Read(IMethodSymbol method)
    {
        bool requires = false;
        Condition? unless = null;
        var conditions = ImmutableArray.CreateBuilder<RequiredCondition>();
        var malformed = ImmutableArray.CreateBuilder<MalformedContract>();
        Condition? when = null;
        bool whenMalformed = false;

        foreach (AttributeData attribute in method.GetAttributes())
        {
            string? name = attribute.AttributeClass?.Name;
            if (Is(name, RequiresTableFlushName))
            {
                requires = true;
                foreach (var named in attribute.NamedArguments)
                {
                    if (named.Key == "Unless" && named.Value.Value is string text)
                    {
                        unless = ParseOrRecord(text, method, attribute, "Unless", malformed);
                    }
                }
            }
            else if (Is(name, EnsuresTableFlushName))
            {
                foreach (var named in attribute.NamedArguments)
                {
                    if (named.Key == "When" && named.Value.Value is string text)
                    {
                        when = ParseOrRecord(text, method, attribute, "When", malformed);
                        whenMalformed = when is null;
                    }
                }
            }
            else if (Is(name, RequiresConditionName))
            {
                if (attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string text)
                {
                    Condition? condition = ParseOrRecord(text, method, attribute, null, malformed);
                    if (condition is not null)
                    {
                        conditions.Add(new RequiredCondition(condition, ArgumentLocation(attribute, null, method)));
                    }
                }
            }
        }

        bool neverReturns = method.GetAttributes().Any(a => a.AttributeClass?.Name == "DoesNotReturnAttribute");
        ImmutableArray<(int, bool)> returnsOnlyIf = ImmutableArray<(int, bool)>.Empty;
        foreach (IParameterSymbol parameter in method.Parameters)
        {
            foreach (AttributeData attribute in parameter.GetAttributes())
            {
                if (attribute.AttributeClass?.Name == "DoesNotReturnIfAttribute" && parameter.Type.SpecialType == SpecialType.System_Boolean &&
                    attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is bool value)
                {
                    returnsOnlyIf = returnsOnlyIf.Add((parameter.Ordinal, value));
                }
            }
        }

        IMethodSymbol? ensuresSource = FindEnsures(method);
        if (ensuresSource is not null && !SymbolEqualityComparer.Default.Equals(ensuresSource, method))
        {
            // An override or implementation is bound by the declaring member's condition, over its parameters.
            MethodContracts declared = For(ensuresSource);
            when = declared.EnsuresWhen;
            whenMalformed = !declared.EnsuresTableFlush;
        }

        if (whenMalformed)
        {
            // A promise whose condition cannot be read promises nothing (TLB006 says why), and obliges nothing.
            ensuresSource = null;
        }

        if (!requires && conditions.Count == 0 && ensuresSource is null && malformed.Count == 0 && returnsOnlyIf.IsEmpty)
        {
            return neverReturns ? MethodContracts.NoneNeverReturns : MethodContracts.None;
        }

        return new MethodContracts(requires, unless, conditions.ToImmutable(), ensuresSource is not null, ensuresSource, ensuresSource is null ? null : when, malformed.ToImmutable())
        {
            NeverReturns = neverReturns,
            ReturnsOnlyIf = returnsOnlyIf,
        };
    }

    private static bool Is(string? name, string attributeName) =>
        name == attributeName || name + "Attribute" == attributeName;

    private Condition? ParseOrRecord(string text, IMethodSymbol method, AttributeData attribute, string? argumentName, ImmutableArray<MalformedContract>.Builder malformed)
    {
        Condition? condition = ConditionParser.Parse(text, method, out string? error, compilation);
        if (condition is null)
        {
            malformed.Add(new MalformedContract(text, error ?? "it is not a valid condition", ArgumentLocation(attribute, argumentName, method)));
        }

        return condition;
    }

    private static Location ArgumentLocation(AttributeData attribute, string? argumentName, IMethodSymbol method)
    {
        if (attribute.ApplicationSyntaxReference?.GetSyntax() is AttributeSyntax syntax)
        {
            AttributeArgumentSyntax? argument = syntax.ArgumentList?.Arguments.FirstOrDefault(a =>
                argumentName is null ? a.NameEquals is null : a.NameEquals?.Name.Identifier.ValueText == argumentName);
            return (argument ?? (SyntaxNode)syntax).GetLocation();
        }

        return method.Locations.FirstOrDefault() ?? Location.None;
    }

    private static bool HasEnsures(IMethodSymbol method) =>
        method.GetAttributes().Any(a => Is(a.AttributeClass?.Name, EnsuresTableFlushName));

    /// <summary>
    /// A cheap necessary condition for <c>[EnsuresTableFlush]</c> on <paramref name="method"/>: the places the obligation
    /// is found in (its own attributes, what it overrides, what it implements explicitly or implicitly) could hold it.
    /// </summary>
    /// <param name="method">The method.</param>
    /// <returns>False only when the method certainly carries no Ensures obligation.</returns>
    public static bool MayCarryEnsures(IMethodSymbol method) =>
        !method.GetAttributes().IsEmpty ||
        method.IsOverride ||
        !method.ExplicitInterfaceImplementations.IsEmpty ||
        (!method.IsStatic && method.ContainingType is { } type && !type.AllInterfaces.IsEmpty);

    private static IMethodSymbol? FindEnsures(IMethodSymbol method)
    {
        for (IMethodSymbol? current = method; current is not null; current = current.OverriddenMethod)
        {
            if (HasEnsures(current))
            {
                return current;
            }
        }

        foreach (IMethodSymbol explicitImplementation in method.ExplicitInterfaceImplementations)
        {
            if (HasEnsures(explicitImplementation))
            {
                return explicitImplementation;
            }
        }

        INamedTypeSymbol? type = method.ContainingType;
        if (type is null || method.MethodKind != MethodKind.Ordinary || method.IsStatic)
        {
            return null;
        }

        foreach (INamedTypeSymbol @interface in type.AllInterfaces)
        {
            foreach (IMethodSymbol member in @interface.GetMembers(method.Name).OfType<IMethodSymbol>())
            {
                if (HasEnsures(member) &&
                    SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(member), method))
                {
                    return member;
                }
            }
        }

        return null;
    }
}
