using System.Collections.Generic;
using System.Linq;

namespace KernelModel.SampleKernel.Model.Scenarios;

/// <summary>What one scenario observed.</summary>
/// <param name="Name">What ran.</param>
/// <param name="Site">The guarded site of docs/sample-kernel.md it exercises (#1 to #6), or what else it shows.</param>
/// <param name="Configuration">The configuration (<see cref="KernelTree.Name"/>).</param>
/// <param name="BroadcastKey">Whether <c>tlb_table_flush_implies_ipi_broadcast()</c> was true; null where the configuration has no key.</param>
/// <param name="Ipis">Every IPI sent.</param>
/// <param name="SyncIpis">IPIs sent by <c>tlb_remove_table_sync_one()</c>.</param>
/// <param name="Hazards">Tables freed, reused or rewritten while another CPU could still use them.</param>
/// <param name="Warnings">Kernel warnings raised.</param>
public sealed record ScenarioResult(
    string Name,
    string Site,
    string Configuration,
    bool? BroadcastKey,
    int Ipis,
    int SyncIpis,
    IReadOnlyList<Hazard> Hazards,
    IReadOnlyList<string> Warnings)
{
    /// <summary>Whether the run was safe: no hazard and no kernel warning.</summary>
    public bool Safe => Hazards.Count == 0 && Warnings.Count == 0;

    /// <summary>How many hazards of one kind the run had.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The count.</returns>
    public int HazardsOf(HazardKind kind) => Hazards.Count(hazard => hazard.Kind == kind);

    /// <summary>Captures the outcome of a run on <paramref name="machine"/>.</summary>
    /// <param name="name">What ran.</param>
    /// <param name="site">The site it exercises.</param>
    /// <param name="machine">The machine it ran on.</param>
    /// <returns>The result.</returns>
    public static ScenarioResult From(string name, string site, Machine machine) => new(
        name,
        site,
        KernelTree.Name,
        KernelTree.HasBroadcastKey ? machine.TlbTableFlushImpliesIpiBroadcastKey.Enabled : null,
        machine.Ipis.Count,
        machine.IpisSent(nameof(Kernel.TlbRemoveTableSmpSync)),
        [.. machine.Hazards],
        [.. machine.Warnings]);
}
