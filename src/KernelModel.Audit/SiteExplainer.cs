using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using KernelModel.Analysis;
using KernelModel.Analysis.Contracts;
using Microsoft.CodeAnalysis;

namespace KernelModel.Audit;

/// <summary>
/// Turns the engine's verdicts on one compilation into report sites: flush chains from the proofs' evidence,
/// caller contracts with the calls that discharge them, and witnesses from the failing paths.
/// </summary>
/// <param name="project">The project's name.</param>
/// <param name="spots">Maps locations to report paths.</param>
/// <param name="sites">Every verdict of the compilation (a contract's discharges are found among them).</param>
/// <param name="diagnostics">What the build reports, to tell violations from suppressed sites.</param>
internal sealed class SiteExplainer(string project, SpotMap spots, ImmutableArray<EngineSite> sites, AnalyzerDiagnostics diagnostics)
{
    private readonly KernelNames _kernel = new();

    /// <summary>The report sites, one per verdict.</summary>
    /// <returns>The sites.</returns>
    public IEnumerable<AuditSite> Explain() => sites.Select(Explain);

    private AuditSite Explain(EngineSite site)
    {
        SourceSpot at = spots.Of(site.Location);
        string method = MethodNames.Of(site.Enclosing);
        if (site.Guarded is GuardedCallVerdict guarded)
        {
            return new AuditSite(project, at, method, SiteKind.GuardedCall, guarded.Callee.Name, null, guarded.Proved,
                guarded.Proved ? GuardedProofs(site, guarded) : ImmutableArray<Justification>.Empty,
                Witness(guarded.Witness), Suppression(guarded.Proved, "TLB001", site), _kernel.Of(site.Enclosing), _kernel.Of(site.Callee));
        }

        if (site.Condition is ConditionVerdict condition)
        {
            return new AuditSite(project, at, method, SiteKind.Condition, condition.Callee.Name, condition.Condition.Text, condition.Proved,
                condition.Proved ? ConditionProofs(site, condition) : ImmutableArray<Justification>.Empty,
                Witness(condition.Witness), Suppression(condition.Proved, "TLB002", site), _kernel.Of(site.Enclosing), _kernel.Of(site.Callee));
        }

        EnsuresVerdict ensures = site.Ensures!;
        ImmutableArray<Justification> proofs = ensures.Proved && !ensures.Proofs.IsDefault
            ? ensures.Proofs.Select(evidence => (Justification)new FlushChain(Chain(evidence, site))).ToImmutableArray()
            : ImmutableArray<Justification>.Empty;
        return new AuditSite(project, at, method, SiteKind.Ensures, ensures.ContractSource.Name, null, ensures.Proved, proofs, Witness(ensures.Witness), Suppression(ensures.Proved, "TLB005", site),
            _kernel.Of(site.Enclosing), _kernel.Of(site.Callee));
    }

    private string? Suppression(bool proved, string rule, EngineSite site) => proved ? null : diagnostics.Suppression(rule, site.Location);

    private ImmutableArray<Justification> GuardedProofs(EngineSite site, GuardedCallVerdict verdict)
    {
        var proofs = ImmutableArray.CreateBuilder<Justification>();
        foreach (FlushEvidence evidence in verdict.Proofs.Where(e => e.Source != FlushSource.CallersContract))
        {
            proofs.Add(new FlushChain(Chain(evidence, site)));
        }

        foreach (FlushEvidence evidence in verdict.Proofs.Where(e => e.Source == FlushSource.CallersContract))
        {
            proofs.Add(Contract(evidence.Target, ContractText(site.Session.Contracts.For(evidence.Target)), s => s.Guarded is not null));
        }

        if (verdict.Kinds.Contains(ProofKind.UnlessCondition) && site.CalleeContracts.Unless is Condition unless)
        {
            proofs.Add(new UnlessHolds(unless.Text));
        }

        if (verdict.Kinds.Contains(ProofKind.SyncSendsOwnIpi) && site.Session.SendsOwnIpi(verdict.Callee, CancellationToken.None) is IMethodSymbol check)
        {
            proofs.Add(new SyncSendsOwnIpi(check.Name));
        }

        return proofs.ToImmutable();
    }

    private ImmutableArray<Justification> ConditionProofs(EngineSite site, ConditionVerdict verdict)
    {
        var proofs = ImmutableArray.CreateBuilder<Justification>();
        proofs.Add(new ConditionHolds(verdict.Condition.Text));

        // The condition may hold because the enclosing method requires it of its own callers.
        IMethodSymbol owner = site.Enclosing;
        MethodContracts contracts = site.Session.Contracts.For(owner);
        RequiredCondition? same = contracts.Conditions.FirstOrDefault(c => c.Condition.Text == verdict.Condition.Text);
        if (same is not null)
        {
            proofs.Add(Contract(owner, $"[RequiresCondition(\"{same.Condition.Text}\")]", s => s.Condition is { } c && c.Condition.Text == same.Condition.Text));
        }

        return proofs.ToImmutable();
    }

    private CallersContract Contract(IMethodSymbol owner, string contract, System.Func<EngineSite, bool> requirement)
    {
        ImmutableArray<Discharge> discharges = sites
            .Where(s => requirement(s) && SymbolEqualityComparer.Default.Equals(s.Callee.OriginalDefinition, owner.OriginalDefinition))
            .Select(s => new Discharge(spots.Of(s.Location), MethodNames.Of(s.Enclosing), s.Guarded?.Proved ?? s.Condition?.Proved ?? false))
            .OrderBy(d => d.At)
            .ToImmutableArray();
        Location declared = owner.Locations.FirstOrDefault() ?? Location.None;
        return new CallersContract(contract, MethodNames.Of(owner), spots.Of(declared), discharges);
    }

    private static string ContractText(MethodContracts contracts) =>
        contracts.Unless is Condition unless ? $"[RequiresTableFlush(Unless = \"{unless.Text}\")]" : "[RequiresTableFlush]";

    private ImmutableArray<ChainLink> Chain(FlushEvidence evidence, EngineSite site)
    {
        var links = ImmutableArray.CreateBuilder<ChainLink>();
        foreach (FlushEvidence link in ProofChain.Links(evidence))
        {
            string? how = link.Source switch
            {
                FlushSource.Primitive => FlagArgument.Explain(link.Detail, site.Session.Contracts.For(site.Enclosing), MethodNames.Of(site.Enclosing)),
                FlushSource.EnsuresContract => $"{link.Detail ?? "[EnsuresTableFlush]"} on " + MethodNames.Of(link.Target),
                _ => null,
            };
            string call = link.Source == FlushSource.Primitive ? ProofChain.PrimitiveCall(link.Target.Name, link.Detail) : CallText.Of(link.Call, link.CallText);
            links.Add(new ChainLink(call, link.Target.Name, spots.Of(link.Call), how, _kernel.Of(link.Target)));
        }

        return links.ToImmutable();
    }

    private AuditWitness? Witness(Witness? witness)
    {
        if (witness is null)
        {
            return null;
        }

        ImmutableArray<WitnessStep> steps = witness.Steps.Select(Step).ToImmutableArray();
        return new AuditWitness(witness.Sentence, steps);
    }

    private WitnessStep Step(TraceEvent step) => new(Kind(step.Kind), spots.Of(step.Location), step.Text, Detail(step));

    private static string Kind(TraceKind kind) => kind switch
    {
        TraceKind.Branch => "branch",
        TraceKind.NonQualifyingFlush => "non-qualifying-flush",
        TraceKind.UnknownCall => "unknown-call",
        TraceKind.CalleeDidNotFlush => "callee-did-not-flush",
        TraceKind.ConditionalFlush => "conditional-flush",
        TraceKind.Construction => "construction",
        _ => "flag-written",
    };

    /// <summary>What a step means for the path; for a callee that did not flush, the step inside it that explains why, down to the flush.</summary>
    private string Detail(TraceEvent step) => step.Kind switch
    {
        TraceKind.Branch => step.Taken ? "taken when true" : "taken when false",
        TraceKind.NonQualifyingFlush => "passes " + step.Detail,
        TraceKind.UnknownCall => (step.Detail is null ? string.Empty : step.Detail + ": ") + "not known to flush",
        TraceKind.ConditionalFlush => "flushes only when " + step.Detail,
        TraceKind.Construction => "runs the initializers",
        TraceKind.CalleeDidNotFlush => "does not flush on this path" + (step.Inner is null
            ? string.Empty
            : $"; inside it, {step.Inner.Text} at {spots.Of(step.Inner.Location).FileAndLine} {Detail(step.Inner)}"),
        _ => "set to " + (step.Detail ?? (step.Taken ? "true" : "false")),
    };
}
