using System;

namespace KernelModel.Contracts;

/// <summary>
/// Callers must have performed a TLB flush that frees or unshares page tables (a flush with
/// <c>freedTables</c> or <c>unsharedTables</c> set) before calling the method, unless <see cref="Unless"/>
/// holds at the call. Inside the method that flush is assumed on entry.
/// </summary>
/// <remarks>
/// Declared here until the analyzer package supplies these types; the analyzers match the attribute by name.
/// </remarks>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Constructor, Inherited = false)]
public sealed class RequiresTableFlushAttribute : Attribute
{
    /// <summary>
    /// A C# boolean condition over the method's parameters that, when it holds at the call, makes the flush
    /// unnecessary (for example <c>"tlb.UnsharedTables || !tlb.FullyUnsharedTables"</c>).
    /// </summary>
    public string? Unless { get; set; }
}
