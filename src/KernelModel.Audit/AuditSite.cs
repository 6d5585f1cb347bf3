using System.Collections.Immutable;

namespace KernelModel.Audit;

/// <summary>What a site requires.</summary>
internal enum SiteKind
{
    /// <summary>A call to a sync method or a <c>[RequiresTableFlush]</c> method: a prior table flush (TLB001).</summary>
    GuardedCall,

    /// <summary>A call to a <c>[RequiresCondition]</c> method: its condition at the call (TLB002).</summary>
    Condition,

    /// <summary>An <c>[EnsuresTableFlush]</c> body: a flush on every normal return (TLB005).</summary>
    Ensures,
}

/// <summary>One audited site with its verdict and why: the justifications when proved, the witness when not.</summary>
/// <param name="Project">The project whose compilation the verdict comes from.</param>
/// <param name="At">Where the call (or, for an Ensures obligation, the member's name) is.</param>
/// <param name="Method">The enclosing method, local function or lambda, as a reader names it.</param>
/// <param name="Kind">What the site requires.</param>
/// <param name="Callee">The method called (for an Ensures obligation, the member itself).</param>
/// <param name="Condition">For a condition site, the condition; else null.</param>
/// <param name="Proved">Whether the requirement holds on every path.</param>
/// <param name="Justifications">When proved, what proves it, one entry per kind of path.</param>
/// <param name="Witness">When not proved, the path on which it fails.</param>
/// <param name="Suppression">When not proved but the build does not report it, why (a pragma, [SuppressMessage], configuration).</param>
/// <param name="MethodKernel">The kernel function the enclosing method ports, when its doc comment says.</param>
/// <param name="CalleeKernel">The kernel function the callee ports, when its doc comment says.</param>
internal sealed record AuditSite(
    string Project,
    SourceSpot At,
    string Method,
    SiteKind Kind,
    string Callee,
    string? Condition,
    bool Proved,
    ImmutableArray<Justification> Justifications,
    AuditWitness? Witness,
    string? Suppression,
    KernelName? MethodKernel = null,
    KernelName? CalleeKernel = null)
{
    /// <summary>The rule whose diagnostic the analyzer reports when the site is not proved.</summary>
    public string Rule => Kind switch
    {
        SiteKind.GuardedCall => "TLB001",
        SiteKind.Condition => "TLB002",
        _ => "TLB005",
    };

    /// <summary>The verdict in one word: proved, violation, or suppressed (not proved, and the build reports nothing).</summary>
    public string Verdict => Proved ? "proved" : Suppression is null ? "violation" : "suppressed";

    /// <summary>Whether the site is a violation the build reports.</summary>
    public bool IsViolation => !Proved && Suppression is null;

    /// <summary>What the site requires, in words.</summary>
    public string Requirement => Kind switch
    {
        SiteKind.GuardedCall => "a prior TLB flush that frees or unshares page tables",
        SiteKind.Condition => $"'{Condition}' at the call",
        _ => "a TLB flush on every normal return",
    };
}
