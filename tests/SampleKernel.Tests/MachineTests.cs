using System;
using KernelModel.SampleKernel.Model;

namespace KernelModel.SampleKernel.Tests;

public sealed class MachineTests
{
    [Fact]
    public void Kernel_code_without_a_booted_machine_fails_with_a_message_that_says_what_to_do()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Kernel.TlbRemoveTableSyncOne());
        Assert.Contains("Machine.Boot", ex.Message);
    }

    [Fact]
    public void Boot_enables_the_broadcast_key_only_for_the_native_flush_without_invlpgb()
    {
        using (Machine native = Machine.Boot(new MachineOptions()))
        {
            Assert.True(Kernel.TlbTableFlushImpliesIpiBroadcast());
        }

        using (Machine guest = Machine.Boot(new MachineOptions(Paravirt: true)))
        {
            Assert.False(Kernel.TlbTableFlushImpliesIpiBroadcast());
        }

        using (Machine invlpgb = Machine.Boot(new MachineOptions(Invlpgb: true)))
        {
            Assert.False(Kernel.TlbTableFlushImpliesIpiBroadcast());
        }
    }

    [Fact]
    public void Disposing_a_machine_makes_the_previous_one_current_again()
    {
        using Machine outer = Machine.Boot(new MachineOptions(CpuCount: 2));
        using (Machine inner = Machine.Boot(new MachineOptions(CpuCount: 3)))
        {
            Assert.Same(inner, Machine.Current);
        }

        Assert.Same(outer, Machine.Current);
    }

    [Fact]
    public void A_machine_needs_at_least_one_cpu()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Machine.Boot(new MachineOptions(CpuCount: 0)));
    }

    [Fact]
    public void An_ipi_ends_the_walk_in_progress_on_its_target()
    {
        using Machine machine = Machine.Boot(new MachineOptions(CpuCount: 2));
        var mm = new MmStruct("mm");
        machine.Cpus[1].SwitchMm(mm);
        Ptdesc table = Ptdesc.NewPteTable("t");
        LocklessWalker walker = machine.Cpus[1].BeginLocklessWalk(table);

        Kernel.SmpCallFunction(Kernel.TlbRemoveTableSmpSync);

        Assert.True(walker.Finished);
        Assert.Empty(table.WalkersInside);
        Assert.Equal(1, machine.Cpus[1].IpisReceived);
    }

    [Fact]
    public void Freeing_a_table_with_a_walker_inside_is_recorded_as_a_hazard()
    {
        using Machine machine = Machine.Boot(new MachineOptions(CpuCount: 2));
        var mm = new MmStruct("mm");
        machine.Cpus[1].SwitchMm(mm);
        Ptdesc table = Ptdesc.NewPteTable("t");
        machine.Cpus[1].BeginLocklessWalk(table);

        table.Free();

        Hazard hazard = Assert.Single(machine.Hazards);
        Assert.Equal(new Hazard("t", TableAction.Freed, 1, false, HazardKind.LocklessWalker), hazard);
    }

    [Fact]
    public void A_walker_needs_the_mm_loaded_and_a_live_table()
    {
        using Machine machine = Machine.Boot(new MachineOptions(CpuCount: 2));
        Ptdesc table = Ptdesc.NewPteTable("t");
        Assert.Throws<InvalidOperationException>(() => machine.Cpus[1].BeginLocklessWalk(table));

        machine.Cpus[1].SwitchMm(new MmStruct("mm"));
        table.Free();
        Assert.Throws<InvalidOperationException>(() => machine.Cpus[1].BeginLocklessWalk(table));
    }

    [Fact]
    public void An_rcu_grace_period_waits_for_walkers_before_running_callbacks()
    {
        using Machine machine = Machine.Boot(new MachineOptions(CpuCount: 2));
        machine.Cpus[1].SwitchMm(new MmStruct("mm"));
        Ptdesc table = Ptdesc.NewPteTable("t");
        machine.Cpus[1].BeginLocklessWalk(table);

        Kernel.CallRcu(table.Free);
        Assert.False(table.Freed);
        Kernel.SynchronizeRcu();

        Assert.True(table.Freed);
        Assert.Empty(machine.Hazards);
        Assert.Equal(1, machine.Rcu.GracePeriods);
    }

    [Fact]
    public void Locks_detect_self_deadlock_and_unbalanced_unlocks()
    {
        var lockA = new Spinlock("a");
        lockA.Lock();
        Assert.Throws<InvalidOperationException>(lockA.Lock);
        lockA.Unlock();
        Assert.Throws<InvalidOperationException>(lockA.Unlock);

        var sem = new RwSemaphore("s");
        sem.ReadLock();
        Assert.Throws<InvalidOperationException>(sem.WriteLock);
        sem.ReadUnlock();
        sem.WriteLock();
        Assert.Throws<InvalidOperationException>(sem.ReadLock);
    }

    [Fact]
    public void An_empty_ipi_ends_the_walk_but_leaves_the_paging_structure_caches_alone()
    {
        using Machine machine = Machine.Boot(new MachineOptions(CpuCount: 2));
        machine.Cpus[1].SwitchMm(new MmStruct("mm"));
        Ptdesc table = Ptdesc.NewPteTable("t");
        machine.Cpus[1].HardwareWalk(table);
        machine.Cpus[1].EnterLazyTlb();

        Kernel.SmpCallFunction(Kernel.TlbRemoveTableSmpSync);
        Kernel.SynchronizeRcu();
        table.Reuse();

        Assert.Equal(new Hazard("t", TableAction.Reused, 1, true, HazardKind.PagingStructureCache), Assert.Single(machine.Hazards));
    }

    [Fact]
    public void Only_a_real_flush_on_the_cpu_empties_its_paging_structure_caches()
    {
        using Machine machine = Machine.Boot(new MachineOptions(CpuCount: 2));
        var mm = new MmStruct("mm");
        machine.Cpus[0].SwitchMm(mm);
        machine.Cpus[1].SwitchMm(mm);
        Ptdesc table = Ptdesc.NewPteTable("t");
        machine.Cpus[1].HardwareWalk(table);
        machine.Cpus[1].EnterLazyTlb();

        Kernel.FlushTlbMm(mm);
        table.Free();

        Assert.Empty(machine.Cpus[1].CachedTables);
        Assert.Empty(machine.Hazards);
    }

    [Fact]
    public void A_lazy_cpu_runs_a_kernel_thread_and_cannot_be_in_gup_fast()
    {
        using Machine machine = Machine.Boot(new MachineOptions(CpuCount: 2));
        machine.Cpus[1].SwitchMm(new MmStruct("mm"));
        Ptdesc table = Ptdesc.NewPteTable("t");
        machine.Cpus[1].EnterLazyTlb();

        Assert.Throws<InvalidOperationException>(() => machine.Cpus[1].BeginLocklessWalk(table));
        machine.Cpus[1].SwitchMm(machine.Cpus[1].LoadedMm!);
        machine.Cpus[1].BeginLocklessWalk(table);
        Assert.Throws<InvalidOperationException>(() => machine.Cpus[1].EnterLazyTlb());
    }

    [Fact]
    public void A_reader_of_another_mm_needs_no_mm_loaded_and_sees_one_change_of_its_pmd_without_harm()
    {
        using Machine machine = Machine.Boot(new MachineOptions(CpuCount: 2));
        var mm = new MmStruct("mm");
        mm.Puds[0] = new Pud(Ptdesc.NewPmdTable("pmd"));
        PmdPointer pmd = Kernel.PmdOffset(mm, 0)!.Value;
        LocklessWalker reader = machine.Cpus[1].BeginForeignPmdRead(pmd);

        pmd.Set(Pmd.Leaf(0x200));

        Assert.False(reader.Finished);
        Assert.Empty(machine.Hazards);
        Assert.DoesNotContain(1, mm.Cpumask);
    }
}
