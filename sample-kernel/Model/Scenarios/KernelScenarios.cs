using System.Collections.Generic;

namespace KernelModel.SampleKernel.Model.Scenarios;

/// <summary>
/// The scenarios that show the flush-then-sync protocol working, and the hazard when the flush is missing or
/// does not reach lazy-TLB CPUs. Each boots its own machine.
/// </summary>
public static class KernelScenarios
{
    /// <summary>
    /// khugepaged collapses a PTE table while CPU 1 is inside a GUP-fast walk of it:
    /// <c>pmdp_collapse_flush()</c> then <c>tlb_remove_table_sync_one()</c>, then the table is rewritten.
    /// </summary>
    /// <param name="broadcastKey">Whether the broadcast key is on.</param>
    /// <returns>What happened.</returns>
    public static ScenarioResult CollapseHugePage(bool broadcastKey)
    {
        using Machine machine = Worlds.Boot(broadcastKey);
        MmStruct mm = Worlds.AnonymousMmWithPteTable(machine, out _, out _);
        Kernel.CollapseHugePage(mm, Worlds.CollapseAddress, unmapped: 0);
        return ScenarioResult.From("collapse_huge_page", machine);
    }

    /// <summary>The same collapse with the flush removed (<see cref="Mutants.CollapseHugePageWithoutFlush"/>).</summary>
    /// <param name="broadcastKey">Whether the broadcast key is on.</param>
    /// <returns>What happened.</returns>
    public static ScenarioResult CollapseHugePageWithoutFlush(bool broadcastKey)
    {
        using Machine machine = Worlds.Boot(broadcastKey);
        MmStruct mm = Worlds.AnonymousMmWithPteTable(machine, out _, out _);
        Mutants.CollapseHugePageWithoutFlush(mm, Worlds.CollapseAddress);
        return ScenarioResult.From("collapse_huge_page, flush removed", machine);
    }

    /// <summary>
    /// mm A unmaps a hugetlb range whose PMD table it shares with mm B, while lazy CPU 1 still walks the table;
    /// the unshare makes the table exclusive to B, which then reuses it.
    /// </summary>
    /// <param name="broadcastKey">Whether the broadcast key is on.</param>
    /// <returns>What happened.</returns>
    public static ScenarioResult HugetlbUnshare(bool broadcastKey)
    {
        using Machine machine = Worlds.Boot(broadcastKey);
        Worlds.SharedHugetlbTable(machine, out VmAreaStruct vmaA, out Ptdesc sharedTable, out _);
        Kernel.UnmapHugepageRange(vmaA, vmaA.VmStart, vmaA.VmEnd);

        // The table is B's alone now: B may rewrite or repurpose it without telling anyone.
        sharedTable.Reuse();
        return ScenarioResult.From("hugetlb unshare, lazy CPU walking", machine);
    }

    /// <summary>
    /// A PTE table is freed through the gather when no batch page can be allocated: <c>pte_free_tlb()</c> sets
    /// FreedTables, <c>tlb_remove_table()</c> flushes the gather and frees the table at once after the syncs.
    /// </summary>
    /// <param name="broadcastKey">Whether the broadcast key is on.</param>
    /// <returns>What happened.</returns>
    public static ScenarioResult TableFreeFallback(bool broadcastKey)
    {
        using Machine machine = Worlds.Boot(broadcastKey);
        machine.Faults.TableBatchAllocationFails = true;
        MmStruct mm = Worlds.AnonymousMmWithPteTable(machine, out Ptdesc pteTable, out _);
        Kernel.MmapReadUnlock(mm);

        var tlb = new MmuGather();
        Kernel.TlbGatherMmu(tlb, mm);
        Kernel.PmdOffset(mm, Worlds.CollapseAddress)!.Value.Set(Pmd.None);
        Kernel.PteFreeTlb(tlb, pteTable, Worlds.CollapseAddress);
        Kernel.TlbFinishMmu(tlb);
        return ScenarioResult.From("tlb_remove_table, no batch page", machine);
    }

    /// <summary>Every scenario this tree can run, with the key on and off.</summary>
    /// <returns>The results, in a stable order.</returns>
    public static IReadOnlyList<ScenarioResult> All()
    {
        var results = new List<ScenarioResult>();
        foreach (bool key in new[] { true, false })
        {
            results.Add(CollapseHugePage(key));
            results.Add(CollapseHugePageWithoutFlush(key));
            results.Add(HugetlbUnshare(key));
            results.Add(TableFreeFallback(key));
        }

        return results;
    }
}
