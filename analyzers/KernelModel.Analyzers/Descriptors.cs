using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace KernelModel.Analyzers;

/// <summary>Every rule this package reports: ids, titles, messages, descriptions, categories, severities and help links, in one place.</summary>
public static class Descriptors
{
    /// <summary>
    /// Where the rule pages live; each descriptor links to <c>&lt;id&gt;.md</c> below it. Set once, as the MSBuild
    /// property <c>RuleHelpBaseUrl</c> in Directory.Build.props, which this assembly carries as assembly metadata.
    /// </summary>
    public static string HelpRoot { get; } =
        typeof(Descriptors).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().SingleOrDefault(a => a.Key == "RuleHelpBaseUrl")?.Value ?? string.Empty;

    /// <summary>The TLB002 diagnostic property holding the unmet condition as written in the callee's contract.</summary>
    public const string ConditionProperty = "Condition";

    /// <summary>TLB000: an invalid <c>tlb_analysis.*</c> configuration value, or a misspelled key.</summary>
    public static readonly DiagnosticDescriptor InvalidConfiguration = Create(
        "TLB000",
        "Invalid tlb_analysis configuration value",
        "Configuration key '{0}' {1}",
        "Configuration",
        DiagnosticSeverity.Warning,
        "A tlb_analysis.* key in .editorconfig or .globalconfig has a value that cannot be used, or is no key at all (a misspelling). The analysis then keeps the default, which would silently leave the port's own sync methods, flush primitives or bounds unused; the warning names the key and what is wrong.");

    /// <summary>TLB001: a guarded call not dominated by a table-freeing or unsharing TLB flush.</summary>
    public static readonly DiagnosticDescriptor GuardedCallWithoutFlush = Create(
        "TLB001",
        "Guarded call is not dominated by a TLB flush that frees or unshares page tables",
        "'{0}' requires a prior TLB flush that frees or unshares page tables, but {1}",
        "Correctness",
        DiagnosticSeverity.Warning,
        "A call to a sync method (tlb_remove_table_sync_one and the like) or to a [RequiresTableFlush] method is reached on some path without a preceding TLB flush with freedTables or unsharedTables set. Such a sync may skip its IPI broadcast, so a lockless page-table walker can still be inside a table that is then freed or reused. The message names the path on which the flush is missing.");

    /// <summary>TLB002: a <c>[RequiresCondition]</c> that may not hold at a call.</summary>
    public static readonly DiagnosticDescriptor PreconditionMayNotHold = Create(
        "TLB002",
        "Precondition of the called method may not hold",
        "'{0}' requires '{1}', but {2}",
        "Correctness",
        DiagnosticSeverity.Warning,
        "A call to a method marked [RequiresCondition(\"...\")] where the condition, read with the call's arguments, is not definitely true on some path, although the callee assumes it on entry.");

    /// <summary>TLB003: a guarded or contract-carrying method whose documentation does not state its precondition.</summary>
    public static readonly DiagnosticDescriptor UndocumentedPrecondition = Create(
        "TLB003",
        "Flush precondition is not documented",
        "'{0}' {1}, but {2}",
        "Documentation",
        DiagnosticSeverity.Info,
        "A sync method or a [RequiresTableFlush] method whose documentation comment does not say that callers must have flushed, or a [RequiresCondition] method whose documentation does not name what its condition tests. Callers and reviewers read the contract there.");

    /// <summary>TLB004: a caller-side broadcast check that the sync method already makes.</summary>
    public static readonly DiagnosticDescriptor RedundantBroadcastCheck = Create(
        "TLB004",
        "Redundant caller-side broadcast check",
        "'{0}' already returns early when '{1}' is true; the caller's check is redundant",
        "Style",
        DiagnosticSeverity.Info,
        "A caller checks TlbTableFlushImpliesIpiBroadcast() itself before calling a sync method whose own body already returns early on that check; the caller's copy of the check is redundant and can drift from the sync's.");

    /// <summary>TLB005: an <c>[EnsuresTableFlush]</c> member with a normal return that does not flush.</summary>
    public static readonly DiagnosticDescriptor EnsuresNotMet = Create(
        "TLB005",
        "Member does not flush as its contract promises",
        "'{0}' promises a TLB flush that frees or unshares page tables on every normal return ({1}), but {2}",
        "Correctness",
        DiagnosticSeverity.Warning,
        "A member marked [EnsuresTableFlush], or an override or implementation of one, has a normal return that no TLB flush with freedTables or unsharedTables precedes, so the callers that rely on the promise are not protected.");

    /// <summary>TLB006: a contract condition that does not parse or does not fit the condition language.</summary>
    public static readonly DiagnosticDescriptor MalformedContract = Create(
        "TLB006",
        "Malformed flush contract",
        "Contract condition '{0}' is malformed: {1}",
        "Contracts",
        DiagnosticSeverity.Warning,
        "A condition in [RequiresCondition(\"...\")] or [RequiresTableFlush(Unless = \"...\")] does not parse as a C# boolean expression or leaves the condition language (bool parameters and bool members reached from them, !, &&, ||, true, false), so the contract cannot be checked.");

    /// <summary>TLB007: a method other assemblies can call that flushes on every return but does not promise it.</summary>
    public static readonly DiagnosticDescriptor UnpromisedFlush = Create(
        "TLB007",
        "Method flushes on every return but does not promise it",
        "'{0}' performs a TLB flush that frees or unshares page tables on every normal return, but callers in other projects cannot see into it: mark it [EnsuresTableFlush] so that its flush counts there",
        "Contracts",
        DiagnosticSeverity.Info,
        "A public, protected or friend-visible method flushes with freedTables or unsharedTables set on every normal return without [EnsuresTableFlush]; callers compiled in other projects cannot see into its body, so its flush does not count for them until it promises it.");

    /// <summary>TLB008: the proof of a guarded call (disabled by default; enable it to see proofs on hover).</summary>
    public static readonly DiagnosticDescriptor GuardedCallProof = Create(
        "TLB008",
        "Proof of a guarded call",
        "'{0}' is safe: {1}",
        "Proof",
        DiagnosticSeverity.Hidden,
        "Why a guarded call is safe: the flush chain that dominates it, as tlb-audit prints it, with the chain's calls as additional locations. Off by default; set dotnet_diagnostic.TLB008.severity = suggestion to see each proof on hover.",
        enabledByDefault: false);

    private static DiagnosticDescriptor Create(string id, string title, string message, string category, DiagnosticSeverity severity, string description, bool enabledByDefault = true) =>
        new(id, title, message, category, severity, isEnabledByDefault: enabledByDefault, description: description, helpLinkUri: HelpRoot + id + ".md");
}
