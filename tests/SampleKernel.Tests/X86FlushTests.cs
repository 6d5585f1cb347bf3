using KernelModel.SampleKernel.Model;

namespace KernelModel.SampleKernel.Tests;

/// <summary>arch/x86: which CPUs a flush interrupts.</summary>
public sealed class X86FlushTests
{
    private static MmStruct MmOnCpus(Machine machine, int lazyCpu)
    {
        var mm = new MmStruct("mm");
        for (int cpu = 0; cpu < machine.Cpus.Count; cpu++)
        {
            machine.Cpus[cpu].SwitchMm(mm);
        }

        machine.Cpus[lazyCpu].EnterLazyTlb();
        return mm;
    }

    [Fact]
    public void A_flush_that_frees_tables_interrupts_lazy_cpus_too()
    {
        using Machine machine = Machine.Boot(new MachineOptions(CpuCount: 3));
        MmStruct mm = MmOnCpus(machine, lazyCpu: 2);

        Kernel.FlushTlbMmRange(mm, 0, Kernel.TlbFlushAll, Kernel.PageShift, wakeLazyCpus: true);

        Assert.Equal(1, machine.Cpus[1].IpisReceived);
        Assert.Equal(1, machine.Cpus[2].IpisReceived);
        Assert.Equal(1, machine.Cpus[0].TlbFlushes);
        Assert.Equal(1UL, mm.TlbGen);
    }

    [Fact]
    public void A_flush_that_frees_no_tables_skips_lazy_cpus()
    {
        using Machine machine = Machine.Boot(new MachineOptions(CpuCount: 3));
        MmStruct mm = MmOnCpus(machine, lazyCpu: 2);
        var vma = new VmAreaStruct(mm, 0, Kernel.PudSize);

        Kernel.FlushTlbPage(vma, 0x1000);

        Assert.Equal(1, machine.Cpus[1].IpisReceived);
        Assert.Equal(0, machine.Cpus[2].IpisReceived);
    }

    [Fact]
    public void Flush_tlb_mm_and_flush_tlb_range_free_tables_and_flush_tlb_page_does_not()
    {
        using Machine machine = Machine.Boot(new MachineOptions(CpuCount: 2));
        MmStruct mm = MmOnCpus(machine, lazyCpu: 1);
        var vma = new VmAreaStruct(mm, 0, Kernel.PudSize);

        Kernel.FlushTlbPage(vma, 0);
        Assert.Equal(0, machine.Cpus[1].IpisReceived);
        Kernel.FlushTlbRange(vma, 0, Kernel.PmdSize);
        Assert.Equal(1, machine.Cpus[1].IpisReceived);
        Kernel.FlushTlbMm(mm);
        Assert.Equal(2, machine.Cpus[1].IpisReceived);
    }

    [Fact]
    public void A_flush_of_an_mm_loaded_only_here_is_local()
    {
        using Machine machine = Machine.Boot(new MachineOptions(CpuCount: 2));
        var mm = new MmStruct("mm");
        machine.ThisCpu.SwitchMm(mm);

        Kernel.FlushTlbMm(mm);

        Assert.Empty(machine.Ipis);
        Assert.Equal(1, machine.ThisCpu.TlbFlushes);
    }

    [Fact]
    public void The_paravirt_flush_does_not_interrupt_preempted_vcpus()
    {
        using Machine machine = Machine.Boot(new MachineOptions(CpuCount: 3, Paravirt: true));
        MmStruct mm = MmOnCpus(machine, lazyCpu: 2);
        machine.Cpus[1].Preempted = true;

        Kernel.FlushTlbMm(mm);

        Assert.Equal(0, machine.Cpus[1].IpisReceived);
        Assert.Equal(1, machine.Cpus[2].IpisReceived);
    }

    [Fact]
    public void With_invlpgb_a_busy_mm_gets_a_global_asid_and_later_flushes_send_no_ipis()
    {
        using Machine machine = Machine.Boot(new MachineOptions(CpuCount: 4, Invlpgb: true));
        MmStruct mm = MmOnCpus(machine, lazyCpu: 3);

        Kernel.FlushTlbMm(mm);
        int ipisAfterFirst = machine.Ipis.Count;
        Assert.NotEqual(0, mm.GlobalAsid);

        Kernel.FlushTlbMm(mm);

        Assert.Equal(ipisAfterFirst, machine.Ipis.Count);
        Assert.All(machine.Cpus, cpu => Assert.True(cpu.TlbFlushes >= 1));
    }

    [Theory]
    [InlineData(true, false, true)]
    [InlineData(false, true, true)]
    [InlineData(false, false, false)]
    public void X86_tlb_flush_counts_freed_or_unshared_tables_as_freeing(bool freed, bool unshared, bool reachesLazy)
    {
        using Machine machine = Machine.Boot(new MachineOptions(CpuCount: 2));
        MmStruct mm = MmOnCpus(machine, lazyCpu: 1);
        var tlb = new MmuGather();
        Kernel.TlbGatherMmu(tlb, mm);
        Kernel.TlbFlushPmdRange(tlb, 0, Kernel.PmdSize);
        tlb.FreedTables = freed;
        tlb.UnsharedTables = unshared;

        Kernel.TlbFlush(tlb);

        Assert.Equal(reachesLazy ? 1 : 0, machine.Cpus[1].IpisReceived);
    }

    [Fact]
    public void The_unmap_shift_follows_the_lowest_cleared_level()
    {
        var tlb = new MmuGather();
        Assert.Equal(Kernel.PageShift, Kernel.TlbGetUnmapShift(tlb));
        tlb.ClearedPuds = true;
        Assert.Equal(Kernel.PudShift, Kernel.TlbGetUnmapShift(tlb));
        tlb.ClearedPmds = true;
        Assert.Equal(Kernel.PmdShift, Kernel.TlbGetUnmapShift(tlb));
        tlb.ClearedPtes = true;
        Assert.Equal(Kernel.PageShift, Kernel.TlbGetUnmapShift(tlb));
    }
}
