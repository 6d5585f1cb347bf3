using System.Collections.Immutable;

namespace KernelModel.Audit;

/// <summary>One reason a site is proved; a site proved on several kinds of path has several.</summary>
internal abstract record Justification;

/// <summary>
/// A table flush dominates the site: the call that flushed, then the calls inside it down to the flush primitive
/// (with the flag argument that made it qualify) or to an <c>[EnsuresTableFlush]</c> contract.
/// </summary>
/// <param name="Chain">The calls, outermost first.</param>
internal sealed record FlushChain(ImmutableArray<ChainLink> Chain) : Justification;

/// <summary>
/// The enclosing method's contract covers the site: inside it the requirement holds on entry, and its callers
/// discharge it at the listed calls.
/// </summary>
/// <param name="Contract">The contract as written, e.g. <c>[RequiresTableFlush]</c>.</param>
/// <param name="Owner">The method that carries it.</param>
/// <param name="Declared">Where the method is declared.</param>
/// <param name="Discharges">The calls to the method, each with its own verdict.</param>
internal sealed record CallersContract(string Contract, string Owner, SourceSpot Declared, ImmutableArray<Discharge> Discharges) : Justification;

/// <summary>The callee's <c>Unless</c> condition holds at the call, so no flush is needed there.</summary>
/// <param name="Condition">The condition.</param>
internal sealed record UnlessHolds(string Condition) : Justification;

/// <summary>
/// The sync sends its own IPI: its broadcast check is always false in this compilation, so its requirement is
/// vacuous (SPEC §4, the sync methods' own contract).
/// </summary>
/// <param name="Check">The broadcast check, e.g. <c>TlbTableFlushImpliesIpiBroadcast</c>.</param>
internal sealed record SyncSendsOwnIpi(string Check) : Justification
{
    /// <summary>The justification in words, the same in every report format.</summary>
    public string Sentence => $"proved: the sync sends its own IPI here, since {Check}() is always false in this compilation";
}

/// <summary>The required condition is definitely true at the call on every path.</summary>
/// <param name="Condition">The condition.</param>
internal sealed record ConditionHolds(string Condition) : Justification;

/// <summary>One call of a flush chain.</summary>
/// <param name="Call">The call as written.</param>
/// <param name="Target">The method called.</param>
/// <param name="At">Where the call is.</param>
/// <param name="How">
/// How it flushes: for the primitive, the qualifying flag argument and why it is true; for a contract, the
/// contract; null for a call whose body flushes further down the chain.
/// </param>
/// <param name="Kernel">The kernel function the called method ports, when its doc comment says.</param>
internal sealed record ChainLink(string Call, string Target, SourceSpot At, string? How, KernelName? Kernel = null);

/// <summary>A call that discharges a caller contract, with its own verdict (itself a site of the report).</summary>
/// <param name="At">Where the call is.</param>
/// <param name="Method">The calling method.</param>
/// <param name="Proved">Whether the call itself is proved.</param>
internal sealed record Discharge(SourceSpot At, string Method, bool Proved);
