using KernelModel.SampleKernel.Model;
using KernelModel.SampleKernel.Model.Scenarios;

namespace KernelModel.SampleKernel.Tests;

/// <summary>mm/hugetlb.c and mm/rmap.c: the six callers of huge_pmd_unshare_flush() on a shared PMD table.</summary>
public sealed class HugetlbTests
{
    [Fact]
    public void Sharing_points_both_mms_at_one_pmd_table()
    {
        using Machine machine = Worlds.Boot(broadcastKey: true);
        Worlds.SharedHugetlbTable(machine, out VmAreaStruct vmaA, out Ptdesc shared, out _);

        Assert.Equal(1, shared.PtShareCount);
        Assert.Same(shared, vmaA.VmMm.Puds[Kernel.PudIndex(vmaA.VmMm, Worlds.HugetlbAddress)].Table);
    }

    [Fact]
    public void Unmapping_unshares_the_table_flushes_to_the_lazy_walker_and_leaves_b_its_entries()
    {
        using Machine machine = Worlds.Boot(broadcastKey: true);
        Worlds.SharedHugetlbTable(machine, out VmAreaStruct vmaA, out Ptdesc shared, out LocklessWalker walker);

        Kernel.UnmapHugepageRange(vmaA, vmaA.VmStart, vmaA.VmEnd);

        Assert.Equal(0, shared.PtShareCount);
        Assert.True(vmaA.VmMm.Puds[Kernel.PudIndex(vmaA.VmMm, Worlds.HugetlbAddress)].IsNone);
        Assert.True(walker.Finished);
        Assert.True(shared.Pmds![0].IsLeaf);
        Assert.Empty(machine.Warnings);
        Assert.False(shared.Ptl.Held);
    }

    [Fact]
    public void Unmapping_an_unshared_range_clears_its_huge_ptes_through_the_gather()
    {
        using Machine machine = Worlds.Boot(broadcastKey: true);
        var mm = new MmStruct("mm");
        var vma = new VmAreaStruct(mm, Worlds.HugetlbAddress, Worlds.HugetlbAddress + Kernel.PudSize) { IsHugetlb = true };
        machine.ThisCpu.SwitchMm(mm);
        machine.Cpus[1].SwitchMm(mm);
        PmdPointer entry = Kernel.HugePteAlloc(mm, Worlds.HugetlbAddress);
        entry.Set(Pmd.Leaf(0x40000));

        Kernel.UnmapHugepageRange(vma, vma.VmStart, vma.VmEnd);

        Assert.True(entry.Get().IsNone);
        Assert.Equal(1, machine.Cpus[1].IpisReceived);
        Assert.Equal(0, machine.IpisSent(nameof(Kernel.TlbRemoveTableSmpSync)));
    }

    [Fact]
    public void Moving_a_shared_range_unshares_instead_of_moving_and_flushes_first()
    {
        using Machine machine = Worlds.Boot(broadcastKey: false);
        Worlds.SharedHugetlbTable(machine, out VmAreaStruct vmaA, out Ptdesc shared, out LocklessWalker walker);
        var newVma = new VmAreaStruct(vmaA.VmMm, 4 * Kernel.PudSize, 5 * Kernel.PudSize) { IsHugetlb = true };

        ulong moved = Kernel.MoveHugetlbPageTables(vmaA, newVma, vmaA.VmStart, newVma.VmStart, Kernel.PudSize);

        Assert.Equal(Kernel.PudSize, moved);
        Assert.Equal(0, shared.PtShareCount);
        Assert.True(walker.Finished);
        Assert.Equal(3, machine.IpisSent(nameof(Kernel.TlbRemoveTableSmpSync)));
        Assert.Empty(machine.Warnings);
        Assert.False(vmaA.Mapping!.IMmapRwsem.Locked);
        Assert.Equal(0, vmaA.VmMm.TlbFlushPending);
    }

    [Fact]
    public void Moving_an_exclusive_range_moves_its_huge_ptes()
    {
        using Machine machine = Worlds.Boot(broadcastKey: true);
        var mm = new MmStruct("mm");
        var vma = new VmAreaStruct(mm, Kernel.PudSize, 2 * Kernel.PudSize) { IsHugetlb = true };
        var newVma = new VmAreaStruct(mm, 4 * Kernel.PudSize, 5 * Kernel.PudSize) { IsHugetlb = true };
        Kernel.HugePteAlloc(mm, Kernel.PudSize).Set(Pmd.Leaf(0x40000));

        Kernel.MoveHugetlbPageTables(vma, newVma, vma.VmStart, newVma.VmStart, Kernel.PmdSize);

        Assert.True(Kernel.PmdOffset(mm, Kernel.PudSize)!.Value.Get().IsNone);
        Assert.Equal(Pmd.Leaf(0x40000), Kernel.PmdOffset(mm, 4 * Kernel.PudSize)!.Value.Get());
    }

    [Fact]
    public void Changing_protection_of_a_shared_range_unshares_it_and_completes_the_unshare()
    {
        using Machine machine = Worlds.Boot(broadcastKey: true);
        Worlds.SharedHugetlbTable(machine, out VmAreaStruct vmaA, out Ptdesc shared, out LocklessWalker walker);

        long pages = Kernel.HugetlbChangeProtection(vmaA, vmaA.VmStart, vmaA.VmEnd);

        Assert.Equal(1, pages);
        Assert.Equal(0, shared.PtShareCount);
        Assert.True(walker.Finished);
        Assert.Empty(machine.Warnings);
        Assert.Equal(0, machine.IpisSent(nameof(Kernel.TlbRemoveTableSmpSync)));
    }

    [Fact]
    public void Changing_protection_of_an_exclusive_range_counts_every_mapped_huge_page()
    {
        using Machine machine = Worlds.Boot(broadcastKey: true);
        var mm = new MmStruct("mm");
        var vma = new VmAreaStruct(mm, Kernel.PudSize, 2 * Kernel.PudSize) { IsHugetlb = true };
        for (ulong i = 0; i < 3; i++)
        {
            Kernel.HugePteAlloc(mm, Kernel.PudSize + (i * Kernel.PmdSize)).Set(Pmd.Leaf(0x40000 + i));
        }

        Assert.Equal(3, Kernel.HugetlbChangeProtection(vma, vma.VmStart, vma.VmEnd));
        Assert.Equal(1UL, mm.TlbGen);
    }

    [Fact]
    public void A_vma_that_does_not_want_pmd_sharing_gets_no_shared_table()
    {
        using Machine machine = Worlds.Boot(broadcastKey: true);
        var mmA = new MmStruct("A");
        var mmB = new MmStruct("B");
        var vmaA = new VmAreaStruct(mmA, Kernel.PudSize, 2 * Kernel.PudSize) { IsHugetlb = true };
        var vmaB = new VmAreaStruct(mmB, Kernel.PudSize, 2 * Kernel.PudSize) { IsHugetlb = true };
        Kernel.HugePteAlloc(mmB, Kernel.PudSize);

        Assert.Null(Kernel.HugePmdShare(vmaA, Kernel.PudSize, vmaB));
    }

    [Fact]
    public void Unmapping_flushes_the_whole_gather_mid_loop_when_its_page_batch_fills()
    {
        using Machine machine = Worlds.Boot(broadcastKey: true);
        var mm = new MmStruct("mm");
        var vma = new VmAreaStruct(mm, Worlds.HugetlbAddress, Worlds.HugetlbAddress + Kernel.PudSize) { IsHugetlb = true };
        machine.ThisCpu.SwitchMm(mm);
        machine.Cpus[1].SwitchMm(mm);
        for (ulong i = 0; i < 3; i++)
        {
            Kernel.HugePteAlloc(mm, Worlds.HugetlbAddress + (i * Kernel.PmdSize)).Set(Pmd.Leaf(0x40000 + i));
        }

        var tlb = new MmuGather();
        Kernel.TlbGatherMmu(tlb, mm);
        Kernel.UnmapHugepageRangeLocked(tlb, vma, vma.VmStart, vma.VmEnd);

        // The second page filled the batch (MaxGatherPages = 2): tlb_remove_page_size() flushed then, mid-loop.
        Assert.Equal(1UL, mm.TlbGen);
        Assert.Equal(1, tlb.PagesBatched);
        Assert.True(tlb.ClearedPmds);
        Kernel.TlbFinishMmu(tlb);
        Assert.Equal(2UL, mm.TlbGen);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Unsharing_pmds_on_a_split_lets_the_helper_flush_and_sync_by_itself(bool key)
    {
        using Machine machine = Worlds.Boot(key);
        Worlds.SharedHugetlbTable(machine, out VmAreaStruct vmaA, out Ptdesc shared, out LocklessWalker walker);

        Kernel.HugetlbUnsharePmds(vmaA, vmaA.VmStart, vmaA.VmEnd);
        shared.Reuse();

        Assert.Equal(0, shared.PtShareCount);
        Assert.True(walker.Finished);
        Assert.Empty(machine.Cpus[1].CachedTables);
        Assert.Empty(machine.Hazards);
        Assert.Empty(machine.Warnings);
        Assert.Equal(key ? 0 : 3, machine.IpisSent(nameof(Kernel.TlbRemoveTableSmpSync)));
        Assert.Equal(1UL, vmaA.VmMm.TlbGen);
    }

    [Fact]
    public void Try_to_unmap_one_on_a_shared_table_unshares_it_and_is_done()
    {
        using Machine machine = Worlds.Boot(broadcastKey: true);
        Worlds.SharedHugetlbTable(machine, out VmAreaStruct vmaA, out Ptdesc shared, out LocklessWalker walker);

        Assert.True(Kernel.TryToUnmapOne(vmaA, Worlds.HugetlbAddress));

        Assert.Equal(0, shared.PtShareCount);
        Assert.True(shared.Pmds![0].IsLeaf);
        Assert.True(walker.Finished);
        Assert.False(vmaA.VmaLock.Locked);
        Assert.Empty(machine.Warnings);
    }

    [Fact]
    public void Try_to_unmap_one_gives_up_when_the_vma_lock_is_contended()
    {
        using Machine machine = Worlds.Boot(broadcastKey: true);
        Worlds.SharedHugetlbTable(machine, out VmAreaStruct vmaA, out Ptdesc shared, out _);
        vmaA.VmaLock.ReadLock();

        Assert.False(Kernel.TryToUnmapOne(vmaA, Worlds.HugetlbAddress));
        Assert.Equal(1, shared.PtShareCount);
        Assert.Equal(0UL, vmaA.VmMm.TlbGen);
    }

    [Fact]
    public void Try_to_migrate_one_on_an_exclusive_table_clears_the_entry_with_a_page_flush_and_leaves_a_migration_entry()
    {
        using Machine machine = Worlds.Boot(broadcastKey: true);
        var file = new AddressSpace();
        var mm = new MmStruct("mm");
        var vma = new VmAreaStruct(mm, Worlds.HugetlbAddress, Worlds.HugetlbAddress + Kernel.PudSize) { Mapping = file, IsHugetlb = true };
        machine.ThisCpu.SwitchMm(mm);
        PmdPointer entry = Kernel.HugePteAlloc(mm, Worlds.HugetlbAddress);
        entry.Set(Pmd.Leaf(0x40000));

        Assert.True(Kernel.TryToMigrateOne(vma, Worlds.HugetlbAddress));

        Assert.Equal(Pmd.Leaf(0x40000), entry.Get());
        Assert.Equal(1UL, mm.TlbGen);
        Assert.Equal(0, machine.IpisSent(nameof(Kernel.TlbRemoveTableSmpSync)));
    }

    [Fact]
    public void Try_to_migrate_one_on_a_shared_table_unshares_it_instead()
    {
        using Machine machine = Worlds.Boot(broadcastKey: false);
        Worlds.SharedHugetlbTable(machine, out VmAreaStruct vmaA, out Ptdesc shared, out _);

        Assert.True(Kernel.TryToMigrateOne(vmaA, Worlds.HugetlbAddress));

        Assert.Equal(0, shared.PtShareCount);
        Assert.Equal(3, machine.IpisSent(nameof(Kernel.TlbRemoveTableSmpSync)));
    }
}
