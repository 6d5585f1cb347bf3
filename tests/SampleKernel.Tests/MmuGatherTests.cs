using System.Linq;
using KernelModel.SampleKernel.Model;

namespace KernelModel.SampleKernel.Tests;

/// <summary>include/asm-generic/tlb.h and mm/mmu_gather.c.</summary>
public sealed class MmuGatherTests
{
    private static (Machine Machine, MmStruct Mm, MmuGather Tlb) Gather(int cpus = 2)
    {
        Machine machine = Machine.Boot(new MachineOptions(CpuCount: cpus));
        var mm = new MmStruct("mm");
        for (int cpu = 0; cpu < cpus; cpu++)
        {
            machine.Cpus[cpu].SwitchMm(mm);
        }

        var tlb = new MmuGather();
        Kernel.TlbGatherMmu(tlb, mm);
        return (machine, mm, tlb);
    }

    [Fact]
    public void A_new_gather_is_empty_and_counts_as_a_pending_flush()
    {
        var (machine, mm, tlb) = Gather();
        using (machine)
        {
            Assert.Same(mm, tlb.Mm);
            Assert.False(tlb.FreedTables || tlb.UnsharedTables || tlb.FullyUnsharedTables || tlb.ClearedPtes);
            Assert.Equal(Kernel.TaskSize, tlb.Start);
            Assert.Equal(0UL, tlb.End);
            Assert.Equal(1, mm.TlbFlushPending);
        }
    }

    [Fact]
    public void Tlbonly_flush_does_nothing_when_nothing_was_gathered()
    {
        var (machine, mm, tlb) = Gather();
        using (machine)
        {
            Kernel.TlbFlushMmuTlbonly(tlb);
            Assert.Equal(0UL, mm.TlbGen);
        }
    }

    [Fact]
    public void Tlbonly_flush_flushes_the_gathered_range_and_resets_it_but_keeps_fully_unshared()
    {
        var (machine, mm, tlb) = Gather();
        using (machine)
        {
            Kernel.TlbFlushPteRange(tlb, 0x4000, Kernel.PageSize);
            tlb.FreedTables = true;
            tlb.UnsharedTables = true;
            tlb.FullyUnsharedTables = true;

            Kernel.TlbFlushMmuTlbonly(tlb);

            Assert.Equal(1UL, mm.TlbGen);
            Assert.False(tlb.FreedTables || tlb.UnsharedTables || tlb.ClearedPtes);
            Assert.True(tlb.FullyUnsharedTables);
            Assert.Equal(0UL, tlb.End);
        }
    }

    [Fact]
    public void Adjusting_the_range_only_widens_it()
    {
        var tlb = new MmuGather { Start = Kernel.TaskSize, End = 0 };
        Kernel.TlbAdjustRange(tlb, 0x10000, 0x1000);
        Kernel.TlbAdjustRange(tlb, 0x8000, 0x1000);
        Kernel.TlbAdjustRange(tlb, 0x9000, 0x1000);

        Assert.Equal(0x8000UL, tlb.Start);
        Assert.Equal(0x11000UL, tlb.End);
    }

    [Fact]
    public void Freeing_a_pte_table_marks_freed_tables_and_queues_the_table_for_rcu()
    {
        var (machine, mm, tlb) = Gather();
        using (machine)
        {
            Ptdesc pte = Ptdesc.NewPteTable("pte");
            Kernel.PteFreeTlb(tlb, pte, 0x200000);

            Assert.True(tlb.FreedTables);
            Assert.True(tlb.ClearedPmds);
            Assert.NotNull(tlb.Batch);
            Assert.False(pte.Freed);

            Kernel.TlbFinishMmu(tlb);
            Assert.False(pte.Freed);
            Assert.Equal(1, machine.Rcu.PendingCallbacks);
            Kernel.SynchronizeRcu();
            Assert.True(pte.Freed);
            Assert.Equal(0, mm.TlbFlushPending);
        }
    }

    [Fact]
    public void A_full_batch_is_flushed_and_handed_to_rcu()
    {
        var (machine, _, tlb) = Gather();
        using (machine)
        {
            Ptdesc[] tables = Enumerable.Range(0, MmuTableBatch.MaxTableBatch).Select(i => Ptdesc.NewPteTable($"pte{i}")).ToArray();
            foreach (Ptdesc table in tables)
            {
                Kernel.PteFreeTlb(tlb, table, 0);
            }

            Assert.Null(tlb.Batch);
            Kernel.SynchronizeRcu();
            Assert.All(tables, table => Assert.True(table.Freed));
        }
    }

    [Fact]
    public void Without_a_batch_page_x86_flushes_with_freed_tables_and_frees_the_table_through_rcu()
    {
        // x86 has PT_RECLAIM, so __tlb_remove_table_one() hands the table to call_rcu() and never syncs.
        var (machine, mm, tlb) = Gather(cpus: 3);
        using (machine)
        {
            machine.Cpus[2].EnterLazyTlb();
            machine.Faults.TableBatchAllocationFails = true;
            Ptdesc pte = Ptdesc.NewPteTable("pte");

            Kernel.PmdFreeTlb(tlb, pte, 0);

            Assert.False(pte.Freed);
            Kernel.SynchronizeRcu();
            Assert.True(pte.Freed);
            Assert.Equal(1UL, mm.TlbGen);
            Assert.Equal(1, machine.Cpus[2].IpisReceived);
            Assert.Equal(0, machine.IpisSent(nameof(Kernel.TlbRemoveTableSmpSync)));
        }
    }

    [Fact]
    public void The_sync_skips_its_ipis_only_when_the_key_says_the_flush_broadcast()
    {
        using (Machine keyOn = Machine.Boot(new MachineOptions(CpuCount: 4)))
        {
            Kernel.TlbRemoveTableSyncOne();
            Kernel.TlbRemoveTableSyncRcu();
            Assert.Empty(keyOn.Ipis);
            Assert.Equal(0, keyOn.Rcu.GracePeriods);
        }

        using (Machine keyOff = Machine.Boot(new MachineOptions(CpuCount: 4, Paravirt: true)))
        {
            keyOff.Cpus[3].Online = false;
            Kernel.TlbRemoveTableSyncOne();
            Kernel.TlbRemoveTableSyncRcu();
            Assert.Equal(2, keyOff.IpisSent(nameof(Kernel.TlbRemoveTableSmpSync)));
            Assert.Equal(1, keyOff.Rcu.GracePeriods);
        }
    }

    [Fact]
    public void Unsharing_the_last_share_marks_the_table_fully_unshared()
    {
        var (machine, _, tlb) = Gather();
        using (machine)
        {
            Ptdesc pmd = Ptdesc.NewPmdTable("pmd");
            pmd.PtShareCount = 2;

            Kernel.TlbUnsharePmdPtdesc(tlb, pmd, Kernel.PudSize + 0x1000);
            Assert.True(tlb.UnsharedTables);
            Assert.False(tlb.FullyUnsharedTables);
            Assert.True(tlb.ClearedPmds);
            Assert.Equal(Kernel.PudSize, tlb.Start);
            Assert.Equal(2 * Kernel.PudSize, tlb.End);

            Kernel.TlbUnsharePmdPtdesc(tlb, pmd, Kernel.PudSize);
            Assert.True(tlb.FullyUnsharedTables);
            Assert.Empty(machine.Warnings);
        }
    }

    [Fact]
    public void Unsharing_a_table_that_is_not_shared_warns()
    {
        var (machine, _, tlb) = Gather();
        using (machine)
        {
            Kernel.TlbUnsharePmdPtdesc(tlb, Ptdesc.NewPmdTable("pmd"), 0);
            Assert.Single(machine.Warnings);
        }
    }

    [Fact]
    public void Flushing_unshared_tables_flushes_then_syncs_and_clears_fully_unshared()
    {
        var (machine, mm, tlb) = Gather(cpus: 3);
        using (machine)
        {
            tlb.UnsharedTables = true;
            tlb.FullyUnsharedTables = true;
            Kernel.TlbFlushPmdRange(tlb, 0, Kernel.PmdSize);

            Kernel.TlbFlushUnsharedTables(tlb);

            Assert.Equal(1UL, mm.TlbGen);
            Assert.False(tlb.UnsharedTables);
            Assert.False(tlb.FullyUnsharedTables);
        }
    }

    [Fact]
    public void Finishing_a_gather_with_a_pending_fully_unshared_table_warns()
    {
        var (machine, _, tlb) = Gather();
        using (machine)
        {
            tlb.FullyUnsharedTables = true;
            Kernel.TlbFinishMmu(tlb);
            Assert.Contains("fully_unshared_tables", Assert.Single(machine.Warnings));
        }
    }

    [Fact]
    public void Finishing_while_another_gather_is_pending_forces_a_full_table_freeing_flush()
    {
        var (machine, mm, tlb) = Gather(cpus: 2);
        using (machine)
        {
            machine.Cpus[1].EnterLazyTlb();
            var other = new MmuGather();
            Kernel.TlbGatherMmu(other, mm);

            Kernel.TlbFinishMmu(tlb);

            Assert.True(tlb.FullMm);
            Assert.Equal(1, machine.Cpus[1].IpisReceived);
            Assert.Equal(1, mm.TlbFlushPending);
        }
    }
}
