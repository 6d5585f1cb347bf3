using System.Collections.Generic;

namespace KernelModel.SampleKernel.Model.Scenarios;

/// <summary>
/// The scenarios that run each guarded site of docs/sample-kernel.md where this configuration compiles it,
/// and the hazards the flush rule and the boot-time broadcast check exist to prevent. Each boots its own
/// machine; where the configuration has the broadcast key, each runs with the key on and off.
/// </summary>
public static class KernelScenarios
{
    /// <summary>
    /// Site #1: khugepaged collapses a PTE table while CPU 1 is inside a GUP-fast walk of it and lazy CPU 2's
    /// caches still lead into it: <c>pmdp_collapse_flush()</c>, then <c>tlb_remove_table_sync_one()</c>, then
    /// the table is rewritten.
    /// </summary>
    /// <param name="broadcastKey">Whether the broadcast key is on.</param>
    /// <returns>What happened.</returns>
    public static ScenarioResult CollapseHugePage(bool broadcastKey)
    {
        using Machine machine = Worlds.Boot(broadcastKey);
        MmStruct mm = Worlds.AnonymousMmWithPteTable(machine, out _, out _);
        Kernel.CollapseHugePage(mm, Worlds.CollapseAddress, unmapped: 0);
        return ScenarioResult.From("collapse_huge_page", "#1", machine);
    }

    /// <summary>The same collapse with the flush removed (<see cref="Mutants.CollapseHugePageWithoutFlush"/>).</summary>
    /// <param name="broadcastKey">Whether the broadcast key is on.</param>
    /// <returns>What happened.</returns>
    public static ScenarioResult CollapseHugePageWithoutFlush(bool broadcastKey)
    {
        using Machine machine = Worlds.Boot(broadcastKey);
        MmStruct mm = Worlds.AnonymousMmWithPteTable(machine, out _, out _);
        Mutants.CollapseHugePageWithoutFlush(mm, Worlds.CollapseAddress);
        return ScenarioResult.From("collapse_huge_page, flush removed", "#1 mutant", machine);
    }

    /// <summary>
    /// Site #2 through a helper that flushes itself: mm A unmaps a hugetlb range whose PMD table it shares with
    /// mm B; the unshare makes the table exclusive to B, which then reuses it. CPU 3 is in GUP-fast inside the
    /// table; lazy CPU 1's caches still lead into it.
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
        return ScenarioResult.From("unmap_hugepage_range, shared PMD", "#2", machine);
    }

    /// <summary>
    /// Site #2 after the caller's own flush: mremap of the same shared hugetlb range. <c>move_hugetlb_page_tables()</c>
    /// flushes the gather (clearing unshared_tables), then <c>huge_pmd_unshare_flush()</c> syncs relying on it.
    /// </summary>
    /// <param name="broadcastKey">Whether the broadcast key is on.</param>
    /// <returns>What happened.</returns>
    public static ScenarioResult MoveHugetlbPageTables(bool broadcastKey)
    {
        using Machine machine = Worlds.Boot(broadcastKey);
        Worlds.SharedHugetlbTable(machine, out VmAreaStruct vmaA, out Ptdesc sharedTable, out _);
        var newVma = new VmAreaStruct(vmaA.VmMm, 3 * Kernel.PudSize, 4 * Kernel.PudSize) { Mapping = vmaA.Mapping, IsHugetlb = true };
        Kernel.MoveHugetlbPageTables(vmaA, newVma, vmaA.VmStart, newVma.VmStart, Kernel.PudSize);
        sharedTable.Reuse();
        return ScenarioResult.From("move_hugetlb_page_tables, shared PMD", "#2", machine);
    }

    /// <summary>
    /// Sites #3/#6: a PTE table is freed through the gather when no batch page can be allocated:
    /// <c>pte_free_tlb()</c> sets FreedTables, <c>tlb_remove_table()</c> invalidates and frees the table at once
    /// after the sync, while CPU 1 is inside a GUP-fast walk of it. Live only without PT_RECLAIM.
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
        return ScenarioResult.From("tlb_remove_table, no batch page", KernelTree.Linux70 ? "#3" : "#6", machine);
    }

    /// <summary>
    /// Site #4 under PAE: CPU 3 runs another mm and reads this mm's PMD lockless in two halves (rmap, smaps or
    /// remote GUP), outside the mm's cpumask. <c>try_collapse_pte_mapped_thp()</c> clears the PMD, flushes,
    /// syncs with <c>pmdp_get_lockless_sync()</c>, then installs the huge PMD: a second change of the entry.
    /// </summary>
    /// <param name="broadcastKey">Whether the broadcast key is on.</param>
    /// <returns>What happened.</returns>
    public static ScenarioResult TryCollapsePteMappedThp(bool broadcastKey)
    {
        using Machine machine = Worlds.Boot(broadcastKey);
        MmStruct mm = Worlds.FileBackedThp(machine, new AddressSpace(), "mm", out _, out _, out _);
        machine.Cpus[3].SwitchMm(new MmStruct("other"));
        machine.Cpus[3].BeginForeignPmdRead(Kernel.PmdOffset(mm, Worlds.CollapseAddress)!.Value);
        Kernel.TryCollapsePteMappedThp(mm, Worlds.CollapseAddress, installPmd: true);
        return ScenarioResult.From("try_collapse_pte_mapped_thp, foreign PMD reader", "#4", machine);
    }

    /// <summary>
    /// Site #5 under PAE: the same foreign reader while <c>retract_page_tables()</c> clears the PMD, flushes and
    /// syncs; then a page fault maps the range again with a new PTE table: a second change of the entry.
    /// </summary>
    /// <param name="broadcastKey">Whether the broadcast key is on.</param>
    /// <returns>What happened.</returns>
    public static ScenarioResult RetractPageTables(bool broadcastKey)
    {
        using Machine machine = Worlds.Boot(broadcastKey);
        var file = new AddressSpace();
        MmStruct mm = Worlds.FileBackedThp(machine, file, "mm", out _, out Ptdesc pte, out _);
        System.Array.Clear(pte.Ptes!);
        machine.Cpus[3].SwitchMm(new MmStruct("other"));
        PmdPointer pmd = Kernel.PmdOffset(mm, Worlds.CollapseAddress)!.Value;
        machine.Cpus[3].BeginForeignPmdRead(pmd);
        Kernel.RetractPageTables(file, Worlds.CollapseAddress >> Kernel.PageShift);
        Kernel.PmdPopulate(mm, pmd, Ptdesc.NewPteTable("mm.pte'"));
        return ScenarioResult.From("retract_page_tables, foreign PMD reader", "#5", machine);
    }

    /// <summary>
    /// What the boot-time check keeps the broadcast key off for: with INVLPGB an mm with a global ASID is flushed
    /// in hardware, without interrupting anyone, so CPU 1's GUP-fast walk outlives the flush. With the key
    /// forced on the collapse's sync is skipped.
    /// </summary>
    /// <param name="keyForcedOn">Whether the key is forced on against the boot decision.</param>
    /// <returns>What happened.</returns>
    public static ScenarioResult CollapseWithInvlpgb(bool keyForcedOn)
    {
        using Machine machine = Machine.Boot(new MachineOptions(CpuCount: 4, Invlpgb: true));
        MmStruct mm = Worlds.AnonymousMmWithPteTable(machine, out _, out _);
        mm.GlobalAsid = machine.AllocateGlobalAsid();
        if (keyForcedOn)
        {
            machine.TlbTableFlushImpliesIpiBroadcastKey.Enable();
        }

        Kernel.CollapseHugePage(mm, Worlds.CollapseAddress, unmapped: 0);
        return ScenarioResult.From("collapse_huge_page, INVLPGB", "key check", machine);
    }

    /// <summary>
    /// The other reason: a paravirt flush leaves preempted vCPUs alone, and CPU 1 was preempted inside its GUP-fast
    /// walk. With the key forced on the collapse's sync is skipped; the sync's own IPI would have waited.
    /// </summary>
    /// <param name="keyForcedOn">Whether the key is forced on against the boot decision.</param>
    /// <returns>What happened.</returns>
    public static ScenarioResult CollapseWithPreemptedVcpu(bool keyForcedOn)
    {
        using Machine machine = Machine.Boot(new MachineOptions(CpuCount: 4, Paravirt: true));
        MmStruct mm = Worlds.AnonymousMmWithPteTable(machine, out _, out _);
        machine.Cpus[1].Preempted = true;
        if (keyForcedOn)
        {
            machine.TlbTableFlushImpliesIpiBroadcastKey.Enable();
        }

        Kernel.CollapseHugePage(mm, Worlds.CollapseAddress, unmapped: 0);
        return ScenarioResult.From("collapse_huge_page, preempted vCPU", "key check", machine);
    }

    /// <summary>Every scenario this configuration can run, with the key on and off where it has one.</summary>
    /// <returns>The results, in a stable order.</returns>
    public static IReadOnlyList<ScenarioResult> All()
    {
        var results = new List<ScenarioResult>();
        bool[] keys = KernelTree.HasBroadcastKey ? [true, false] : [false];
        foreach (bool key in keys)
        {
            results.Add(CollapseHugePage(key));
            results.Add(CollapseHugePageWithoutFlush(key));
            if (KernelConfig.HugetlbPmdPageTableSharing)
            {
                results.Add(HugetlbUnshare(key));
                results.Add(MoveHugetlbPageTables(key));
            }

            if (!KernelConfig.PtReclaim)
            {
                results.Add(TableFreeFallback(key));
            }

            if (KernelConfig.GupGetPxxLowHigh)
            {
                results.Add(TryCollapsePteMappedThp(key));
                results.Add(RetractPageTables(key));
            }

            if (KernelTree.HasBroadcastKey)
            {
                results.Add(key ? CollapseWithInvlpgb(keyForcedOn: true) : CollapseWithInvlpgb(keyForcedOn: false));
                results.Add(key ? CollapseWithPreemptedVcpu(keyForcedOn: true) : CollapseWithPreemptedVcpu(keyForcedOn: false));
            }
        }

        return results;
    }
}
