using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace KernelModel.Analysis.Contracts;

/// <summary>
/// Parses a contract condition with Roslyn and checks it against the condition language of SPEC §4: bool
/// parameters, bool fields or properties reached from a parameter (depth at most 3), <c>true</c>/<c>false</c>,
/// <c>!</c>, <c>&amp;&amp;</c>, <c>||</c>, <c>==</c>/<c>!=</c> and parentheses.
/// </summary>
public static class ConditionParser
{
    /// <summary>Parses <paramref name="text"/> over the parameters of <paramref name="method"/>.</summary>
    /// <param name="text">The condition as written.</param>
    /// <param name="method">The method whose parameters it may name.</param>
    /// <param name="error">Why it is malformed, when it is.</param>
    /// <returns>The condition, or null when malformed.</returns>
    public static Condition? Parse(string? text, IMethodSymbol method, out string? error)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "the condition is empty";
            return null;
        }

        ExpressionSyntax expression = SyntaxFactory.ParseExpression(text!);
        Diagnostic? syntaxError = expression.GetDiagnostics().FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error);
        if (syntaxError is not null)
        {
            error = "it does not parse (" + syntaxError.GetMessage(System.Globalization.CultureInfo.InvariantCulture) + ")";
            return null;
        }

        Condition? condition = Convert(expression, method, out error);
        if (condition is not null)
        {
            condition.Text = text!;
        }

        return condition;
    }

    private static Condition? Convert(ExpressionSyntax syntax, IMethodSymbol method, out string? error)
    {
        error = null;
        switch (syntax)
        {
            case ParenthesizedExpressionSyntax parenthesized:
                return Convert(parenthesized.Expression, method, out error);

            case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.TrueLiteralExpression):
                return new ConstantCondition(true);

            case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.FalseLiteralExpression):
                return new ConstantCondition(false);

            case PrefixUnaryExpressionSyntax unary when unary.IsKind(SyntaxKind.LogicalNotExpression):
                Condition? operand = Convert(unary.Operand, method, out error);
                return operand is null ? null : new NotCondition(operand);

            case BinaryExpressionSyntax binary:
                ConditionOperator? op = binary.Kind() switch
                {
                    SyntaxKind.LogicalAndExpression => ConditionOperator.And,
                    SyntaxKind.LogicalOrExpression => ConditionOperator.Or,
                    SyntaxKind.EqualsExpression => ConditionOperator.Equal,
                    SyntaxKind.NotEqualsExpression => ConditionOperator.NotEqual,
                    _ => null,
                };
                if (op is null)
                {
                    error = $"operator '{binary.OperatorToken.Text}' is not allowed (use !, &&, ||, == or !=)";
                    return null;
                }

                Condition? left = Convert(binary.Left, method, out error);
                if (left is null)
                {
                    return null;
                }

                Condition? right = Convert(binary.Right, method, out error);
                return right is null ? null : new BinaryCondition(op.Value, left, right);

            case IdentifierNameSyntax:
            case MemberAccessExpressionSyntax:
                return ConvertPath(syntax, method, out error);

            default:
                error = $"'{syntax}' is not a parameter, a bool member of one, true, false or a combination of them";
                return null;
        }
    }

    private static Condition? ConvertPath(ExpressionSyntax syntax, IMethodSymbol method, out string? error)
    {
        var names = ImmutableArray.CreateBuilder<string>();
        ExpressionSyntax current = syntax;
        while (current is MemberAccessExpressionSyntax access && access.IsKind(SyntaxKind.SimpleMemberAccessExpression))
        {
            names.Insert(0, access.Name.Identifier.ValueText);
            current = access.Expression;
        }

        if (current is not IdentifierNameSyntax root)
        {
            error = $"'{syntax}' must start with a parameter name";
            return null;
        }

        IParameterSymbol? parameter = method.Parameters.FirstOrDefault(p => p.Name == root.Identifier.ValueText);
        if (parameter is null)
        {
            error = $"'{root.Identifier.ValueText}' is not a parameter of '{method.Name}'";
            return null;
        }

        if (names.Count > AccessPath.MaxDepth)
        {
            error = $"'{syntax}' reaches deeper than {AccessPath.MaxDepth} member accesses";
            return null;
        }

        ITypeSymbol type = parameter.Type;
        var members = ImmutableArray.CreateBuilder<ISymbol>();
        foreach (string name in names)
        {
            ISymbol? member = FindMember(type, name);
            if (member is null)
            {
                error = $"'{type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)}' has no field or property '{name}'";
                return null;
            }

            members.Add(member);
            type = member is IFieldSymbol field ? field.Type : ((IPropertySymbol)member).Type;
        }

        if (type.SpecialType != SpecialType.System_Boolean)
        {
            error = $"'{syntax}' is a {type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)}, not a bool";
            return null;
        }

        error = null;
        return new PathCondition(parameter, members.ToImmutable());
    }

    private static ISymbol? FindMember(ITypeSymbol type, string name)
    {
        for (ITypeSymbol? current = type; current is not null; current = current.BaseType)
        {
            ISymbol? member = current.GetMembers(name).FirstOrDefault(m =>
                !m.IsStatic && (m is IFieldSymbol || (m is IPropertySymbol { IsIndexer: false, GetMethod: not null })));
            if (member is not null)
            {
                return member;
            }
        }

        return type.AllInterfaces.SelectMany(i => i.GetMembers(name)).FirstOrDefault(m => m is IPropertySymbol { IsIndexer: false });
    }
}
