using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace KernelModel.Analysis.Contracts;

/// <summary>A parsed contract condition (SPEC §4): the small boolean language over a method's parameters.</summary>
public abstract class Condition
{
    /// <summary>The condition as written in the attribute.</summary>
    public string Text { get; internal set; } = string.Empty;
}

/// <summary><c>true</c> or <c>false</c>.</summary>
/// <param name="value">The constant.</param>
public sealed class ConstantCondition(bool value) : Condition
{
    /// <summary>The constant.</summary>
    public bool Value { get; } = value;
}

/// <summary>A bool parameter, or a bool field or property reached from a parameter (<c>tlb.FreedTables</c>).</summary>
/// <param name="parameter">The parameter the path starts from.</param>
/// <param name="members">The fields and properties accessed, at most three.</param>
public sealed class PathCondition(IParameterSymbol parameter, ImmutableArray<ISymbol> members) : Condition
{
    /// <summary>The parameter the path starts from.</summary>
    public IParameterSymbol Parameter { get; } = parameter;

    /// <summary>The fields and properties accessed.</summary>
    public ImmutableArray<ISymbol> Members { get; } = members;

    /// <summary>The identifier that documentation must mention: the last member, or the parameter itself.</summary>
    public string LastIdentifier => Members.IsEmpty ? Parameter.Name : Members[Members.Length - 1].Name;
}

/// <summary>
/// A call to an accessible parameterless static bool method (<c>TlbTableFlushImpliesIpiBroadcast()</c>), bound as if
/// written in the contract's method. It does not depend on the parameters: it is evaluated through the method's
/// summary, a constant where the body returns one, else unknown.
/// </summary>
/// <param name="method">The method called.</param>
public sealed class CallCondition(IMethodSymbol method) : Condition
{
    /// <summary>The method called.</summary>
    public IMethodSymbol Method { get; } = method;
}

/// <summary><c>!operand</c>.</summary>
/// <param name="operand">The negated condition.</param>
public sealed class NotCondition(Condition operand) : Condition
{
    /// <summary>The negated condition.</summary>
    public Condition Operand { get; } = operand;
}

/// <summary>The binary connectives of the condition language.</summary>
public enum ConditionOperator
{
    /// <summary><c>&amp;&amp;</c>.</summary>
    And,

    /// <summary><c>||</c>.</summary>
    Or,

    /// <summary><c>==</c>.</summary>
    Equal,

    /// <summary><c>!=</c>.</summary>
    NotEqual,
}

/// <summary>A binary condition.</summary>
/// <param name="op">The connective.</param>
/// <param name="left">The left operand.</param>
/// <param name="right">The right operand.</param>
public sealed class BinaryCondition(ConditionOperator op, Condition left, Condition right) : Condition
{
    /// <summary>The connective.</summary>
    public ConditionOperator Operator { get; } = op;

    /// <summary>The left operand.</summary>
    public Condition Left { get; } = left;

    /// <summary>The right operand.</summary>
    public Condition Right { get; } = right;
}
