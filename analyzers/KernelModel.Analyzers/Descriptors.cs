using Microsoft.CodeAnalysis;

namespace KernelModel.Analyzers;

/// <summary>Every rule this package reports: ids, titles, messages, categories, severities and help links, in one place.</summary>
public static class Descriptors
{
    /// <summary>Where the rule pages live; each descriptor links to <c>docs/rules/&lt;id&gt;.md</c> below it.</summary>
    public const string HelpRoot = "https://github.com/kernelmodel/KernelModel.Analyzers/blob/main/docs/rules/";

    /// <summary>The TLB002 diagnostic property holding the unmet condition as written in the callee's contract.</summary>
    public const string ConditionProperty = "Condition";

    /// <summary>TLB000: an invalid <c>tlb_analysis.*</c> configuration value, or a misspelled key.</summary>
    public static readonly DiagnosticDescriptor InvalidConfiguration = Create(
        "TLB000",
        "Invalid tlb_analysis configuration value",
        "Configuration key '{0}' {1}",
        "Configuration",
        DiagnosticSeverity.Warning);

    /// <summary>TLB001: a guarded call not dominated by a table-freeing or unsharing TLB flush.</summary>
    public static readonly DiagnosticDescriptor GuardedCallWithoutFlush = Create(
        "TLB001",
        "Guarded call is not dominated by a TLB flush that frees or unshares page tables",
        "'{0}' requires a prior TLB flush that frees or unshares page tables, but {1}",
        "Correctness",
        DiagnosticSeverity.Warning);

    /// <summary>TLB002: a <c>[RequiresCondition]</c> that may not hold at a call.</summary>
    public static readonly DiagnosticDescriptor PreconditionMayNotHold = Create(
        "TLB002",
        "Precondition of the called method may not hold",
        "'{0}' requires '{1}', but {2}",
        "Correctness",
        DiagnosticSeverity.Warning);

    /// <summary>TLB003: a guarded or contract-carrying method whose documentation does not state its precondition.</summary>
    public static readonly DiagnosticDescriptor UndocumentedPrecondition = Create(
        "TLB003",
        "Flush precondition is not documented",
        "'{0}' {1}, but {2}",
        "Documentation",
        DiagnosticSeverity.Info);

    /// <summary>TLB004: a caller-side broadcast check that the sync method already makes.</summary>
    public static readonly DiagnosticDescriptor RedundantBroadcastCheck = Create(
        "TLB004",
        "Redundant caller-side broadcast check",
        "'{0}' already returns early when '{1}' is true; the caller's check is redundant",
        "Style",
        DiagnosticSeverity.Info);

    /// <summary>TLB005: an <c>[EnsuresTableFlush]</c> member with a normal return that does not flush.</summary>
    public static readonly DiagnosticDescriptor EnsuresNotMet = Create(
        "TLB005",
        "Member does not flush as its contract promises",
        "'{0}' promises a TLB flush that frees or unshares page tables on every normal return ({1}), but {2}",
        "Correctness",
        DiagnosticSeverity.Warning);

    /// <summary>TLB006: a contract condition that does not parse or does not fit the condition language.</summary>
    public static readonly DiagnosticDescriptor MalformedContract = Create(
        "TLB006",
        "Malformed flush contract",
        "Contract condition '{0}' is malformed: {1}",
        "Contracts",
        DiagnosticSeverity.Warning);

    private static DiagnosticDescriptor Create(string id, string title, string message, string category, DiagnosticSeverity severity) =>
        new(id, title, message, category, severity, isEnabledByDefault: true, helpLinkUri: HelpRoot + id + ".md");
}
