using System.Linq;
using System.Threading;
using KernelModel.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace KernelModel.Analyzers;

/// <summary>How a caller-side broadcast check guards the sync call.</summary>
public enum GuardShape
{
    /// <summary><c>if (!Check()) Sync();</c> or <c>if (Check() == false) { Sync(); }</c>.</summary>
    NegatedCheck,

    /// <summary><c>if (Check()) return;</c> followed by the sync call as the last statement of the body.</summary>
    EarlyReturn,
}

/// <summary>
/// A caller-side broadcast check (one of <c>tlb_analysis.broadcast_checks</c>, by default
/// <c>tlb_table_flush_implies_ipi_broadcast()</c>) around a sync call whose own body already returns early on that check (TLB004, SPEC §6) — what callers wrote before the series moved the check into
/// the sync.
/// </summary>
/// <param name="Guard">The <c>if</c> statement.</param>
/// <param name="SyncStatement">The statement holding the sync call.</param>
/// <param name="Shape">Which of the guard shapes it is.</param>
/// <param name="SyncMethod">The sync method called.</param>
/// <param name="Check">The broadcast check called.</param>
public sealed record RedundantBroadcastGuard(
    IfStatementSyntax Guard,
    ExpressionStatementSyntax SyncStatement,
    GuardShape Shape,
    IMethodSymbol SyncMethod,
    IMethodSymbol Check)
{
    /// <summary>The redundant guard that <paramref name="guard"/> is, or null.</summary>
    /// <param name="guard">An <c>if</c> statement.</param>
    /// <param name="model">Its semantic model.</param>
    /// <param name="options">The configuration (which methods are sync methods, which are broadcast checks).</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The match, or null.</returns>
    public static RedundantBroadcastGuard? Match(IfStatementSyntax guard, SemanticModel model, EngineOptions options, CancellationToken cancellationToken)
    {
        if (guard.Else is not null)
        {
            return null;
        }

        GuardShape shape;
        InvocationExpressionSyntax? checkCall;
        ExpressionStatementSyntax? syncStatement;
        if (NegatedCall(guard.Condition) is { } negated)
        {
            shape = GuardShape.NegatedCheck;
            checkCall = negated;
            syncStatement = Single(guard.Statement) as ExpressionStatementSyntax;
        }
        else if (Unwrap(guard.Condition) is InvocationExpressionSyntax direct && IsBareReturn(guard.Statement) && IsLastButOneOfBody(guard))
        {
            shape = GuardShape.EarlyReturn;
            checkCall = direct;
            var block = (BlockSyntax)guard.Parent!;
            syncStatement = block.Statements.Last() as ExpressionStatementSyntax;
        }
        else
        {
            return null;
        }

        // Names are compared on the syntax first: this runs for every `if` of the compilation, and binding is
        // only worth it for the few that call a configured broadcast check (tlb_analysis.broadcast_checks; with the
        // list empty there is none, and nothing is reported).
        if (syncStatement?.Expression is not InvocationExpressionSyntax syncCall ||
            !NamesCheck(checkCall.Expression, options) ||
            model.GetSymbolInfo(checkCall, cancellationToken).Symbol is not IMethodSymbol check ||
            !options.IsBroadcastCheck(check.Name) ||
            model.GetSymbolInfo(syncCall, cancellationToken).Symbol is not IMethodSymbol sync ||
            !options.IsSyncMethod(sync.Name) ||
            !ReturnsEarlyOnCheck(sync, check.Name, cancellationToken))
        {
            return null;
        }

        return new RedundantBroadcastGuard(guard, syncStatement, shape, sync, check);
    }

    /// <summary>Whether the sync method's own body returns early when the caller's broadcast check (<paramref name="check"/>, by name) is true.</summary>
    private static bool ReturnsEarlyOnCheck(IMethodSymbol sync, string check, CancellationToken cancellationToken)
    {
        foreach (SyntaxReference reference in sync.OriginalDefinition.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is BaseMethodDeclarationSyntax { Body: { } body } &&
                body.Statements.OfType<IfStatementSyntax>().Any(statement =>
                    statement.Else is null && IsBareReturn(statement.Statement) &&
                    Unwrap(statement.Condition) is InvocationExpressionSyntax call && CalledName(call.Expression) is string name && Names.Comparer.Equals(name, check)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool NamesCheck(ExpressionSyntax callee, EngineOptions options) =>
        CalledName(callee) is string name && options.IsBroadcastCheck(name);

    private static string? CalledName(ExpressionSyntax callee) => callee switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
        _ => null,
    };

    private static InvocationExpressionSyntax? NegatedCall(ExpressionSyntax condition)
    {
        condition = Unwrap(condition);
        return condition switch
        {
            PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalNotExpression } not => Unwrap(not.Operand) as InvocationExpressionSyntax,
            BinaryExpressionSyntax { RawKind: (int)SyntaxKind.EqualsExpression } equals when IsFalse(equals.Right) => Unwrap(equals.Left) as InvocationExpressionSyntax,
            BinaryExpressionSyntax { RawKind: (int)SyntaxKind.EqualsExpression } equals when IsFalse(equals.Left) => Unwrap(equals.Right) as InvocationExpressionSyntax,
            _ => null,
        };
    }

    private static bool IsFalse(ExpressionSyntax expression) => Unwrap(expression).IsKind(SyntaxKind.FalseLiteralExpression);

    private static ExpressionSyntax Unwrap(ExpressionSyntax expression)
    {
        while (expression is ParenthesizedExpressionSyntax parenthesized)
        {
            expression = parenthesized.Expression;
        }

        return expression;
    }

    private static StatementSyntax? Single(StatementSyntax statement) => statement is BlockSyntax block
        ? (block.Statements.Count == 1 ? block.Statements[0] : null)
        : statement;

    private static bool IsBareReturn(StatementSyntax statement) => Single(statement) is ReturnStatementSyntax { Expression: null };

    /// <summary>
    /// Whether the guard is followed by exactly one statement and the block is a whole body, so that returning
    /// early and falling off the end after the sync are the same thing.
    /// </summary>
    private static bool IsLastButOneOfBody(IfStatementSyntax guard) =>
        guard.Parent is BlockSyntax block &&
        block.Parent is BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax or AccessorDeclarationSyntax or AnonymousFunctionExpressionSyntax &&
        block.Statements.Count >= 2 &&
        block.Statements[block.Statements.Count - 2] == guard;
}
