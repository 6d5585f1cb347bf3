using KernelModel.SampleKernel.Model;
using KernelModel.SampleKernel.Model.Scenarios;

namespace KernelModel.SampleKernel.Tests;

/// <summary>mm/khugepaged.c: the collapse paths, their early exits, and what each leaves behind.</summary>
public sealed class KhugepagedTests
{
    private static PmdPointer CollapsePmd(MmStruct mm) => Kernel.PmdOffset(mm, Worlds.CollapseAddress)!.Value;

    [Fact]
    public void A_successful_collapse_maps_a_huge_pmd_deposits_the_old_table_and_releases_mmap_lock()
    {
        using Machine machine = Worlds.Boot(broadcastKey: true);
        MmStruct mm = Worlds.AnonymousMmWithPteTable(machine, out Ptdesc pte, out _);

        ScanResult result = Kernel.CollapseHugePage(mm, Worlds.CollapseAddress, unmapped: 0);

        Assert.Equal(ScanResult.Succeed, result);
        Assert.True(CollapsePmd(mm).Get().IsLeaf);
        Assert.Contains(pte, mm.DepositedPgtables);
        Assert.False(mm.MmapLock.Locked);
        Assert.False(CollapsePmd(mm).Table.Ptl.Held);
        Assert.All(pte.Ptes!, entry => Assert.Equal(0UL, entry));
    }

    [Fact]
    public void Collapse_bails_out_before_any_flush_when_the_huge_folio_cannot_be_allocated()
    {
        using Machine machine = Worlds.Boot(broadcastKey: false);
        machine.Faults.FolioAllocationFails = true;
        MmStruct mm = Worlds.AnonymousMmWithPteTable(machine, out Ptdesc pte, out _);

        Assert.Equal(ScanResult.AllocHugePageFail, Kernel.CollapseHugePage(mm, Worlds.CollapseAddress, unmapped: 0));

        Assert.Equal(0UL, mm.TlbGen);
        Assert.Empty(machine.Ipis);
        Assert.Same(pte, CollapsePmd(mm).Get().Table);
        Assert.False(mm.MmapLock.Locked);
    }

    [Fact]
    public void Collapse_bails_out_when_the_vma_changed_while_mmap_lock_was_dropped()
    {
        using Machine machine = Worlds.Boot(broadcastKey: false);
        machine.Faults.VmaRevalidationFails = true;
        MmStruct mm = Worlds.AnonymousMmWithPteTable(machine, out _, out _);

        Assert.Equal(ScanResult.VmaCheck, Kernel.CollapseHugePage(mm, Worlds.CollapseAddress, unmapped: 2));

        Assert.Empty(machine.Ipis);
        Assert.False(mm.MmapLock.Locked);
    }

    [Fact]
    public void Collapse_without_a_pte_table_reports_it_and_flushes_nothing()
    {
        using Machine machine = Worlds.Boot(broadcastKey: false);
        MmStruct mm = Worlds.AnonymousMmWithPteTable(machine, out _, out _);
        CollapsePmd(mm).Set(Pmd.None);

        Assert.Equal(ScanResult.PmdNone, Kernel.CollapseHugePage(mm, Worlds.CollapseAddress, unmapped: 0));
        Assert.Equal(0UL, mm.TlbGen);
    }

    [Fact]
    public void When_isolation_fails_the_old_table_is_put_back_after_the_flush_and_sync()
    {
        using Machine machine = Worlds.Boot(broadcastKey: false);
        machine.Faults.PteIsolationFails = true;
        MmStruct mm = Worlds.AnonymousMmWithPteTable(machine, out Ptdesc pte, out _);

        Assert.Equal(ScanResult.DelPageLru, Kernel.CollapseHugePage(mm, Worlds.CollapseAddress, unmapped: 0));

        Assert.Same(pte, CollapsePmd(mm).Get().Table);
        Assert.Equal(0, pte.Reuses);
        Assert.Equal(3, machine.IpisSent(nameof(Kernel.TlbRemoveTableSmpSync)));
        Assert.False(mm.MmapLock.Locked);
        Assert.Empty(machine.Warnings);
    }

    private static (MmStruct Mm, VmAreaStruct Vma, Ptdesc Pte, Folio Folio) FileBackedThp(Machine machine, AddressSpace? file = null, string name = "mm")
    {
        file ??= new AddressSpace();
        var mm = new MmStruct(name);
        var vma = new VmAreaStruct(mm, 0, Kernel.PudSize) { Mapping = file };
        mm.Vmas.Add(vma);
        file.IMmap.Add(vma);
        var folio = new Folio(0x80000, Kernel.HpagePmdOrder);
        file.Folios[Worlds.CollapseAddress >> Kernel.PageShift] = folio;

        mm.Puds[0] = new Pud(Ptdesc.NewPmdTable($"{name}.pmd"));
        Ptdesc pte = Ptdesc.NewPteTable($"{name}.pte");
        for (int i = 0; i < Kernel.PtrsPerPte; i += 2)
        {
            pte.Ptes![i] = folio.Pfn + (ulong)i;
        }

        Kernel.PmdOffset(mm, Worlds.CollapseAddress)!.Value.Set(Pmd.ToTable(pte));
        mm.NrPtes++;
        machine.Cpus[1].SwitchMm(mm);
        return (mm, vma, pte, folio);
    }

    [Fact]
    public void Try_collapse_retracts_the_pte_table_and_installs_the_pmd()
    {
        using Machine machine = Worlds.Boot(broadcastKey: false);
        var (mm, _, pte, folio) = FileBackedThp(machine);

        ScanResult result = Kernel.TryCollapsePteMappedThp(mm, Worlds.CollapseAddress + 0x5000, installPmd: true);

        Assert.Equal(ScanResult.Succeed, result);
        Assert.Equal(Pmd.Leaf(folio.Pfn), Kernel.PmdOffset(mm, Worlds.CollapseAddress)!.Value.Get());
        // x86-64 reads a PMD in one go: pmdp_get_lockless_sync() is empty (PaeTests has the syncing build).
        Assert.Equal(0, machine.IpisSent(nameof(Kernel.TlbRemoveTableSmpSync)));
        Assert.False(pte.Freed);
        Kernel.SynchronizeRcu();
        Assert.True(pte.Freed);
        Assert.False(folio.Locked);
        Assert.Equal(0, mm.NrPtes);
    }

    [Fact]
    public void Try_collapse_gives_up_with_a_whole_mm_flush_and_no_sync_when_the_pmd_changed()
    {
        using Machine machine = Worlds.Boot(broadcastKey: false);
        machine.Faults.PmdChangesDuringCollapse = true;
        var (mm, _, pte, folio) = FileBackedThp(machine);

        ScanResult result = Kernel.TryCollapsePteMappedThp(mm, Worlds.CollapseAddress, installPmd: true);

        Assert.Equal(ScanResult.Fail, result);
        Assert.Equal(0, machine.IpisSent(nameof(Kernel.TlbRemoveTableSmpSync)));
        Assert.Equal(1UL, mm.TlbGen);
        Assert.Same(pte, Kernel.PmdOffset(mm, Worlds.CollapseAddress)!.Value.Get().Table);
        Assert.False(pte.Ptl.Held);
        Assert.False(Kernel.PmdOffset(mm, Worlds.CollapseAddress)!.Value.Table.Ptl.Held);
        Assert.False(folio.Locked);
        Assert.Equal(1, folio.RefCount);
    }

    [Fact]
    public void Try_collapse_refuses_a_pte_that_maps_another_folio()
    {
        using Machine machine = Worlds.Boot(broadcastKey: false);
        var (mm, _, pte, _) = FileBackedThp(machine);
        pte.Ptes![1] = 0xdead;

        Assert.Equal(ScanResult.PageCompound, Kernel.TryCollapsePteMappedThp(mm, Worlds.CollapseAddress, installPmd: true));
        Assert.Equal(0UL, mm.TlbGen);
    }

    [Fact]
    public void Try_collapse_checks_the_vma_and_the_page_cache_first()
    {
        using Machine machine = Worlds.Boot(broadcastKey: false);
        var (mm, vma, _, _) = FileBackedThp(machine);

        Assert.Equal(ScanResult.VmaCheck, Kernel.TryCollapsePteMappedThp(mm, Kernel.PudSize * 3, installPmd: true));
        vma.Mapping!.Folios.Clear();
        Assert.Equal(ScanResult.PageNull, Kernel.TryCollapsePteMappedThp(mm, Worlds.CollapseAddress, installPmd: true));
    }

    [Fact]
    public void Retract_skips_unsuitable_vmas_and_retracts_the_rest_after_flush_and_sync()
    {
        using Machine machine = Worlds.Boot(broadcastKey: false);
        var file = new AddressSpace();
        var (mmA, _, pteA, _) = FileBackedThp(machine, file, "A");
        var (mmB, vmaB, pteB, _) = FileBackedThp(machine, file, "B");
        vmaB.HasAnonVma = true;
        System.Array.Clear(pteA.Ptes!);

        int retracted = Kernel.RetractPageTables(file, Worlds.CollapseAddress >> Kernel.PageShift);

        Assert.Equal(1, retracted);
        Assert.True(Kernel.PmdOffset(mmA, Worlds.CollapseAddress)!.Value.Get().IsNone);
        Assert.Same(pteB, Kernel.PmdOffset(mmB, Worlds.CollapseAddress)!.Value.Get().Table);
        // x86-64 reads a PMD in one go: pmdp_get_lockless_sync() is empty (PaeTests has the syncing build).
        Assert.Equal(0, machine.IpisSent(nameof(Kernel.TlbRemoveTableSmpSync)));
        Assert.False(file.IMmapRwsem.Locked);
        Kernel.SynchronizeRcu();
        Assert.True(pteA.Freed);
        Assert.False(pteB.Freed);
    }

    [Fact]
    public void Retract_skips_a_vma_whose_range_is_not_pmd_aligned()
    {
        using Machine machine = Worlds.Boot(broadcastKey: false);
        var file = new AddressSpace();
        var mm = new MmStruct("mm");
        var vma = new VmAreaStruct(mm, 0x1000, Kernel.PudSize) { Mapping = file };
        file.IMmap.Add(vma);

        Assert.Equal(0, Kernel.RetractPageTables(file, 0));
        Assert.Empty(machine.Ipis);
    }
}
