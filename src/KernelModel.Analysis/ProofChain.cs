using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using KernelModel.Analysis.Contracts;
using Microsoft.CodeAnalysis;

namespace KernelModel.Analysis;

/// <summary>
/// The proof of a guarded call as a reviewer would write it by hand, built from the verdict's flush evidence: the
/// call that flushed, then the calls inside it down to the flush primitive (with the flag argument that made it
/// qualify) or to a promise. tlb-audit prints the same chains over several lines; the analyzer (TLB008) puts them
/// on one: <c>flushed by PmdpCollapseFlush at :114 -> FlushTlbRange -> FlushTlbMmRange(..., freedTables: true)</c>.
/// </summary>
/// <param name="Sentence">The proof on one line; several proofs (one per path family) are joined by <c>; </c>.</param>
/// <param name="Locations">The calls of the chains, outermost first, each once.</param>
public sealed record ProofChain(string Sentence, ImmutableArray<Location> Locations)
{
    /// <summary>The links of a flush chain, outermost (the call at the site's path) first.</summary>
    /// <param name="evidence">The flush that covers a path.</param>
    /// <returns>The evidence of each call down the chain.</returns>
    public static IEnumerable<FlushEvidence> Links(FlushEvidence evidence)
    {
        for (FlushEvidence? link = evidence; link is not null; link = link.Inner)
        {
            yield return link;
        }
    }

    /// <summary>A flush primitive's call as a reviewer writes it: <c>FlushTlbMmRange(..., freedTables: true)</c>.</summary>
    /// <param name="target">The primitive's name.</param>
    /// <param name="detail">The engine's detail: the flag parameter and the argument as written.</param>
    /// <returns>The call.</returns>
    public static string PrimitiveCall(string target, string? detail) => detail is null ? target + "(...)" : $"{target}(..., {detail})";

    /// <summary>The proof of a proved guarded call, or null for a violation.</summary>
    /// <param name="verdict">The verdict.</param>
    /// <param name="session">The session that produced it (for the callee's contract and the project directory).</param>
    /// <returns>The proof.</returns>
    public static ProofChain? Of(GuardedCallVerdict verdict, AnalysisSession session)
    {
        if (!verdict.Proved)
        {
            return null;
        }

        Location site = verdict.Call.Syntax.GetLocation();
        var parts = new List<string>();
        var locations = ImmutableArray.CreateBuilder<Location>();
        foreach (FlushEvidence evidence in verdict.Proofs.Where(e => e.Source != FlushSource.CallersContract))
        {
            parts.Add(Chain(evidence, site, session.ProjectDirectory, locations));
        }

        foreach (FlushEvidence evidence in verdict.Proofs.Where(e => e.Source == FlushSource.CallersContract))
        {
            MethodContracts contracts = session.Contracts.For(evidence.Target);
            string contract = contracts.Unless is Condition unless ? $"[RequiresTableFlush(Unless = \"{unless.Text}\")]" : "[RequiresTableFlush]";
            parts.Add($"covered by {contract} on {evidence.Target.Name}: its callers flush");
            Add(evidence.Call, locations);
        }

        if (verdict.Kinds.Contains(ProofKind.UnlessCondition))
        {
            string condition = session.Contracts.For(verdict.Callee).Unless?.Text ?? "its Unless condition";
            parts.Add($"no flush needed where '{condition}' holds at the call");
        }

        if (verdict.Kinds.Contains(ProofKind.SyncSendsOwnIpi))
        {
            parts.Add("no flush needed: the sync sends its own IPI here");
        }

        return new ProofChain(parts.Count == 0 ? "every path to it is flushed" : string.Join("; ", parts), locations.ToImmutable());
    }

    private static string Chain(FlushEvidence evidence, Location site, string? projectDirectory, ImmutableArray<Location>.Builder locations)
    {
        var text = new List<string>();
        foreach (FlushEvidence link in Links(evidence))
        {
            Add(link.Call, locations);
            string call = link.Source switch
            {
                FlushSource.Primitive => PrimitiveCall(link.Target.Name, link.Detail),
                FlushSource.EnsuresContract => $"{link.Target.Name} {link.Detail}",
                _ => link.Target.Name,
            };
            text.Add(text.Count == 0 ? $"flushed by {call} at {At(link.Call, site, projectDirectory)}" : call);
        }

        return string.Join(" -> ", text);
    }

    private static string At(Location location, Location site, string? projectDirectory)
    {
        FileLinePositionSpan span = location.GetLineSpan();
        string line = (span.StartLinePosition.Line + 1).ToString(CultureInfo.InvariantCulture);
        return location.SourceTree is not null && location.SourceTree == site.SourceTree
            ? ":" + line
            : Witness.RelativePath(span.Path, site.GetLineSpan().Path, projectDirectory) + ":" + line;
    }

    private static void Add(Location location, ImmutableArray<Location>.Builder locations)
    {
        if (location.IsInSource && !locations.Contains(location))
        {
            locations.Add(location);
        }
    }
}
