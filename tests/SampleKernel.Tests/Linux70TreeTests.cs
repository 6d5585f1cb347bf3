extern alias linux70;

using K70 = linux70::KernelModel.SampleKernel.Kernel;
using Machine70 = linux70::KernelModel.SampleKernel.Model.Machine;
using MachineOptions70 = linux70::KernelModel.SampleKernel.Model.MachineOptions;
using MmStruct70 = linux70::KernelModel.SampleKernel.MmStruct;
using MmuGather70 = linux70::KernelModel.SampleKernel.MmuGather;

namespace KernelModel.SampleKernel.Tests;

/// <summary>The tree built with Linux 7.0's x86 tlb_flush(): the one difference the series' x86 half makes.</summary>
public sealed class Linux70TreeTests
{
    [Theory]
    [InlineData(true, false, true)]
    [InlineData(false, true, false)]
    public void Linux_7_0_tlb_flush_counts_only_freed_tables_as_freeing(bool freed, bool unshared, bool reachesLazy)
    {
        using Machine70 machine = Machine70.Boot(new MachineOptions70(CpuCount: 2));
        var mm = new MmStruct70("mm");
        machine.Cpus[0].SwitchMm(mm);
        machine.Cpus[1].SwitchMm(mm);
        machine.Cpus[1].EnterLazyTlb();
        var tlb = new MmuGather70();
        K70.TlbGatherMmu(tlb, mm);
        K70.TlbFlushPmdRange(tlb, 0, K70.PmdSize);
        tlb.FreedTables = freed;
        tlb.UnsharedTables = unshared;

        K70.TlbFlush(tlb);

        Assert.Equal(reachesLazy ? 1 : 0, machine.Cpus[1].IpisReceived);
    }
}
