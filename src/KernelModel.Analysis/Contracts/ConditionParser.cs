using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace KernelModel.Analysis.Contracts;

/// <summary>
/// Parses a contract condition with Roslyn and checks it against the condition language of SPEC §4: bool
/// parameters, bool fields or properties reached from a parameter (depth at most 3), calls to accessible
/// parameterless static bool methods (bound as if written in the method), <c>true</c>/<c>false</c>, <c>!</c>,
/// <c>&amp;&amp;</c>, <c>||</c>, <c>==</c>/<c>!=</c> and parentheses.
/// </summary>
public static class ConditionParser
{
    /// <summary>Parses <paramref name="text"/> over the parameters of <paramref name="method"/>.</summary>
    /// <param name="text">The condition as written.</param>
    /// <param name="method">The method whose parameters it may name.</param>
    /// <param name="error">Why it is malformed, when it is.</param>
    /// <param name="compilation">The compilation, to bind calls as if written in the method's body; without it (or
    /// without source for the method) an unqualified call is looked up among the static members of the method's type
    /// and the types enclosing it.</param>
    /// <returns>The condition, or null when malformed.</returns>
    public static Condition? Parse(string? text, IMethodSymbol method, out string? error, Compilation? compilation = null)
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

        Condition? condition = Convert(expression, new Scope(method, compilation), out error);
        if (condition is not null)
        {
            condition.Text = text!;
        }

        return condition;
    }

    private static Condition? Convert(ExpressionSyntax syntax, Scope scope, out string? error)
    {
        error = null;
        switch (syntax)
        {
            case ParenthesizedExpressionSyntax parenthesized:
                return Convert(parenthesized.Expression, scope, out error);

            case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.TrueLiteralExpression):
                return new ConstantCondition(true);

            case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.FalseLiteralExpression):
                return new ConstantCondition(false);

            case PrefixUnaryExpressionSyntax unary when unary.IsKind(SyntaxKind.LogicalNotExpression):
                Condition? operand = Convert(unary.Operand, scope, out error);
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

                Condition? left = Convert(binary.Left, scope, out error);
                if (left is null)
                {
                    return null;
                }

                Condition? right = Convert(binary.Right, scope, out error);
                return right is null ? null : new BinaryCondition(op.Value, left, right);

            case IdentifierNameSyntax:
            case MemberAccessExpressionSyntax:
                return ConvertPath(syntax, scope.Method, out error);

            case InvocationExpressionSyntax invocation:
                return ConvertCall(invocation, scope, out error);

            default:
                error = $"'{syntax}' is not a parameter, a bool member of one, a call to a parameterless static bool method, true, false or a combination of them";
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

    private static Condition? ConvertCall(InvocationExpressionSyntax invocation, Scope scope, out string? error)
    {
        if (invocation.ArgumentList.Arguments.Count > 0)
        {
            error = $"'{invocation}' passes arguments (only parameterless static bool methods may be called)";
            return null;
        }

        IMethodSymbol? called = scope.Bind(invocation, out bool ambiguous);
        if (called is null)
        {
            error = ambiguous
                ? $"'{invocation.Expression}' does not name one method"
                : $"'{invocation.Expression}' is not an accessible method here";
            return null;
        }

        if (!IsParameterlessStaticBool(called))
        {
            error = $"'{invocation}' is not a call to a parameterless static bool method";
            return null;
        }

        error = null;
        return new CallCondition(called);
    }

    /// <summary>Whether <paramref name="method"/> may appear as a call in a condition: static, no parameters, not generic, returns bool.</summary>
    /// <param name="method">The method.</param>
    /// <returns>True when it may.</returns>
    public static bool IsParameterlessStaticBool(IMethodSymbol method) =>
        method.IsStatic && method.Parameters.IsEmpty && method.Arity == 0 && method.MethodKind == MethodKind.Ordinary &&
        method.ReturnType.SpecialType == SpecialType.System_Boolean && !method.ReturnsByRef && !method.ReturnsByRefReadonly;

    /// <summary>
    /// Where a position inside <paramref name="method"/>'s body is, for binding names as if written there; null when the
    /// method has no source in <paramref name="compilation"/>.
    /// </summary>
    /// <param name="method">The method.</param>
    /// <param name="compilation">The compilation.</param>
    /// <returns>The semantic model and position, or null.</returns>
    public static (SemanticModel Model, int Position)? BodyPosition(IMethodSymbol method, Compilation compilation)
    {
        IMethodSymbol definition = method.OriginalDefinition;
        definition = definition.PartialImplementationPart ?? definition;
        foreach (SyntaxReference reference in definition.DeclaringSyntaxReferences)
        {
            if (!compilation.ContainsSyntaxTree(reference.SyntaxTree))
            {
                continue;
            }

            SyntaxNode node = reference.GetSyntax();
            int position = node switch
            {
                BaseMethodDeclarationSyntax { Body: { } body } => body.OpenBraceToken.Span.End,
                BaseMethodDeclarationSyntax { ExpressionBody: { } arrow } => arrow.Expression.SpanStart,
                LocalFunctionStatementSyntax { Body: { } body } => body.OpenBraceToken.Span.End,
                LocalFunctionStatementSyntax { ExpressionBody: { } arrow } => arrow.Expression.SpanStart,
                _ => node.SpanStart,
            };
#pragma warning disable RS1030 // Binding a contract as if written in its method needs that method's semantic model.
            return (compilation.GetSemanticModel(reference.SyntaxTree), position);
#pragma warning restore RS1030
        }

        return null;
    }

    /// <summary>The method whose contract is parsed, and how to bind calls as if written in it.</summary>
    private sealed class Scope(IMethodSymbol method, Compilation? compilation)
    {
        public IMethodSymbol Method { get; } = method;

        public IMethodSymbol? Bind(InvocationExpressionSyntax invocation, out bool ambiguous)
        {
            ambiguous = false;
            if (compilation is not null && BodyPosition(Method, compilation) is (SemanticModel model, int position))
            {
                SymbolInfo info = model.GetSpeculativeSymbolInfo(position, invocation, SpeculativeBindingOption.BindAsExpression);
                if (info.Symbol is IMethodSymbol bound)
                {
                    return bound;
                }

                IMethodSymbol[] candidates = info.CandidateSymbols.OfType<IMethodSymbol>().Where(IsParameterlessStaticBool).ToArray();
                ambiguous = candidates.Length > 1;
                return candidates.Length == 1 && info.CandidateReason != CandidateReason.Inaccessible ? candidates[0] : null;
            }

            // No source to bind in: an unqualified name among the static members of the method's type and those enclosing it.
            if (invocation.Expression is not IdentifierNameSyntax name)
            {
                return null;
            }

            for (INamedTypeSymbol? type = Method.ContainingType; type is not null; type = type.ContainingType)
            {
                for (INamedTypeSymbol? current = type; current is not null; current = current.BaseType)
                {
                    IMethodSymbol[] found = current.GetMembers(name.Identifier.ValueText).OfType<IMethodSymbol>().Where(IsParameterlessStaticBool).ToArray();
                    if (found.Length > 0)
                    {
                        ambiguous = found.Length > 1;
                        return found.Length == 1 ? found[0] : null;
                    }
                }
            }

            return null;
        }
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
