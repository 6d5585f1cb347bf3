using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using KernelModel.Analysis.Contracts;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace KernelModel.Analyzers.CodeFixes;

/// <summary>
/// TLB002 "Require the condition from callers": the callee's unmet condition, rewritten over the enclosing
/// method's parameters (<c>tlb.FreedTables</c> when the call passes the caller's own <c>tlb</c>), as a
/// <c>[RequiresCondition]</c> on the enclosing method with documentation. Not offered when an argument the
/// condition reads is not a parameter or a member path from one, or the rewritten path would be deeper than
/// the condition language allows.
/// </summary>
internal sealed class RequireConditionFix : TextFix
{
    private const int MaxMembers = 3;

    /// <inheritdoc />
    public override string EquivalenceKey => "TLB002.RequireCondition";

    /// <inheritdoc />
    public override Task<TextFixEdit?> ComputeAsync(FixDocument document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        InvocationExpressionSyntax? call = GuardedInvocation.At(document, diagnostic);
        BaseMethodDeclarationSyntax? declaration = call is null ? null : ContractAttributeEdit.Target(call);
        if (call is null || declaration is null ||
            !diagnostic.Properties.TryGetValue(Descriptors.ConditionProperty, out string? unmet) ||
            document.Model.GetOperation(call, cancellationToken) is not IInvocationOperation invocation ||
            document.Model.GetDeclaredSymbol(declaration, cancellationToken) is not IMethodSymbol method)
        {
            return Task.FromResult<TextFixEdit?>(null);
        }

        RequiredCondition? required = document.Session.Contracts.For(invocation.TargetMethod).Conditions.FirstOrDefault(c => c.Condition.Text == unmet);
        string? text = required is null ? null : Rewrite(required.Condition, invocation, method);
        if (text is null || document.Session.Contracts.For(method).Conditions.Any(c => c.Condition.Text == text))
        {
            return Task.FromResult<TextFixEdit?>(null);
        }

        string callee = invocation.TargetMethod.Name;
        string summary = $"Calls <c>{callee}</c>, which requires <c>{DocumentationEdit.Escape(required!.Condition.Text)}</c>.";
        string remarks = $"Callers must make sure that <c>{DocumentationEdit.Escape(text)}</c> holds before calling: <c>{callee}</c> requires it.";
        TextChange? documentation = DocumentationEdit.Add(document, declaration, summary, remarks);
        List<TextChange>? changes = ContractAttributeEdit.Add(document, declaration, "RequiresCondition", "\"" + text + "\"", documentation);
        return Task.FromResult(changes is null
            ? null
            : new TextFixEdit($"Require '{text}' from callers of '{method.Name}'", changes.ToImmutableArray()));
    }

    /// <summary>The condition with each callee parameter replaced by the caller's path, or null when one cannot be.</summary>
    private static string? Rewrite(Condition condition, IInvocationOperation invocation, IMethodSymbol caller)
    {
        switch (condition)
        {
            case ConstantCondition constant:
                return constant.Value ? "true" : "false";
            case PathCondition path:
                {
                    IArgumentOperation? argument = invocation.Arguments.FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.Parameter?.OriginalDefinition, path.Parameter.OriginalDefinition));
                    List<string>? root = argument is null ? null : CallerPath(argument.Value, caller);
                    if (root is null || root.Count - 1 + path.Members.Length > MaxMembers)
                    {
                        return null;
                    }

                    return string.Join(".", root.Concat(path.Members.Select(member => member.Name)));
                }

            case NotCondition not:
                {
                    string? operand = Rewrite(not.Operand, invocation, caller);
                    return operand is null ? null : "!" + (not.Operand is BinaryCondition ? "(" + operand + ")" : operand);
                }

            case BinaryCondition binary:
                {
                    string? left = Rewrite(binary.Left, invocation, caller);
                    string? right = Rewrite(binary.Right, invocation, caller);
                    if (left is null || right is null)
                    {
                        return null;
                    }

                    return Operand(binary.Left, binary, left) + Operator(binary.Operator) + Operand(binary.Right, binary, right);
                }

            default:
                return null;
        }
    }

    private static string Operator(ConditionOperator op) => op switch
    {
        ConditionOperator.And => " && ",
        ConditionOperator.Or => " || ",
        ConditionOperator.Equal => " == ",
        _ => " != ",
    };

    /// <summary>An operand, parenthesised unless it binds more tightly than its parent or repeats its <c>&amp;&amp;</c> or <c>||</c>.</summary>
    private static string Operand(Condition operand, BinaryCondition parent, string text) =>
        operand is BinaryCondition child &&
        (Precedence(child.Operator) < Precedence(parent.Operator) ||
         (Precedence(child.Operator) == Precedence(parent.Operator) &&
          !(child.Operator == parent.Operator && parent.Operator is ConditionOperator.And or ConditionOperator.Or)))
            ? "(" + text + ")"
            : text;

    private static int Precedence(ConditionOperator op) => op switch
    {
        ConditionOperator.Or => 0,
        ConditionOperator.And => 1,
        _ => 2,
    };

    /// <summary>The argument as a parameter of the caller followed by fields and properties, or null.</summary>
    private static List<string>? CallerPath(IOperation value, IMethodSymbol caller)
    {
        var members = new List<string>();
        while (true)
        {
            switch (value)
            {
                case IConversionOperation { IsImplicit: true } conversion:
                    value = conversion.Operand;
                    continue;
                case IFieldReferenceOperation { Instance: { } instance } field:
                    members.Insert(0, field.Field.Name);
                    value = instance;
                    continue;
                case IPropertyReferenceOperation { Instance: { } instance, Arguments.IsEmpty: true } property:
                    members.Insert(0, property.Property.Name);
                    value = instance;
                    continue;
                case IParameterReferenceOperation parameter when SymbolEqualityComparer.Default.Equals(parameter.Parameter.ContainingSymbol, caller):
                    members.Insert(0, parameter.Parameter.Name);
                    return members;
                default:
                    return null;
            }
        }
    }
}
