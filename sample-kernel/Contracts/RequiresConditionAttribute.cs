using System;

namespace KernelModel.Contracts;

/// <summary>
/// A condition over the method's parameters that must hold at every call (for example
/// <c>"tlb.FreedTables"</c>). Inside the method it is assumed on entry.
/// </summary>
/// <param name="condition">A C# boolean expression over bool parameters and bool members reached from them.</param>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Constructor, AllowMultiple = true, Inherited = false)]
public sealed class RequiresConditionAttribute(string condition) : Attribute
{
    /// <summary>The condition, as written.</summary>
    public string Condition { get; } = condition;
}
