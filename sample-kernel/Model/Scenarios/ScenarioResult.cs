using System.Collections.Generic;

namespace KernelModel.SampleKernel.Model.Scenarios;

/// <summary>What one scenario observed.</summary>
/// <param name="Name">What ran.</param>
/// <param name="Tree">The kernel tree (<see cref="KernelTree.Name"/>).</param>
/// <param name="BroadcastKey">Whether <c>tlb_table_flush_implies_ipi_broadcast()</c> was true.</param>
/// <param name="Ipis">Every IPI sent.</param>
/// <param name="SyncIpis">IPIs sent by <c>tlb_remove_table_sync_one()</c>.</param>
/// <param name="Hazards">Tables freed or reused with a walker inside.</param>
/// <param name="Warnings">Kernel warnings raised.</param>
public sealed record ScenarioResult(
    string Name,
    string Tree,
    bool BroadcastKey,
    int Ipis,
    int SyncIpis,
    IReadOnlyList<Hazard> Hazards,
    IReadOnlyList<string> Warnings)
{
    /// <summary>Whether the run was safe: no hazard and no kernel warning.</summary>
    public bool Safe => Hazards.Count == 0 && Warnings.Count == 0;

    /// <summary>Captures the outcome of a run on <paramref name="machine"/>.</summary>
    /// <param name="name">What ran.</param>
    /// <param name="machine">The machine it ran on.</param>
    /// <returns>The result.</returns>
    public static ScenarioResult From(string name, Machine machine) => new(
        name,
        KernelTree.Name,
        machine.TlbTableFlushImpliesIpiBroadcastKey.Enabled,
        machine.Ipis.Count,
        machine.IpisSent(nameof(Kernel.TlbRemoveTableSmpSync)),
        [.. machine.Hazards],
        [.. machine.Warnings]);
}
