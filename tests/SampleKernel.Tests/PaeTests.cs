extern alias x86_32pae;

using K = x86_32pae::KernelModel.SampleKernel.Kernel;
using Machine = x86_32pae::KernelModel.SampleKernel.Model.Machine;
using Pmd = x86_32pae::KernelModel.SampleKernel.Pmd;
using PmdPointer = x86_32pae::KernelModel.SampleKernel.PmdPointer;
using Worlds = x86_32pae::KernelModel.SampleKernel.Model.Scenarios.Worlds;

// Its own namespace, so that the aliases above win over the default build's types of KernelModel.SampleKernel.
namespace KernelModel.PaeBuild.Tests;

/// <summary>The X86_32Pae build: a PMD is read in two halves, so pmdp_get_lockless_sync() syncs (sites #4/#5).</summary>
public sealed class PaeTests
{
    [Fact]
    public void Try_collapse_syncs_after_the_collapse_flush_on_pae()
    {
        using Machine machine = Worlds.Boot(broadcastKey: false);
        var mm = Worlds.FileBackedThp(machine, new(), "mm", out _, out var pte, out var folio);

        K.TryCollapsePteMappedThp(mm, Worlds.CollapseAddress, installPmd: true);

        Assert.Equal(Pmd.Leaf(folio.Pfn), K.PmdOffset(mm, Worlds.CollapseAddress)!.Value.Get());
        Assert.Equal(3, machine.IpisSent(nameof(K.TlbRemoveTableSmpSync)));
        K.SynchronizeRcu();
        Assert.True(pte.Freed);
    }

    [Fact]
    public void Retract_syncs_after_the_collapse_flush_on_pae()
    {
        using Machine machine = Worlds.Boot(broadcastKey: false);
        var file = new x86_32pae::KernelModel.SampleKernel.AddressSpace();
        var mm = Worlds.FileBackedThp(machine, file, "mm", out _, out var pte, out _);
        System.Array.Clear(pte.Ptes!);

        Assert.Equal(1, K.RetractPageTables(file, Worlds.CollapseAddress >> K.PageShift));
        Assert.Equal(3, machine.IpisSent(nameof(K.TlbRemoveTableSmpSync)));
    }

    [Fact]
    public void A_pae_reader_between_two_changes_of_its_pmd_is_a_torn_read()
    {
        using Machine machine = Worlds.Boot(broadcastKey: true);
        var mm = new x86_32pae::KernelModel.SampleKernel.MmStruct("mm");
        mm.Puds[0] = new(x86_32pae::KernelModel.SampleKernel.Ptdesc.NewPmdTable("pmd"));
        PmdPointer pmd = K.PmdOffset(mm, 0)!.Value;
        machine.Cpus[1].BeginForeignPmdRead(pmd);

        pmd.Set(Pmd.Leaf(0x200));
        Assert.Empty(machine.Hazards);
        pmd.Set(Pmd.None);

        var hazard = Assert.Single(machine.Hazards);
        Assert.Equal(x86_32pae::KernelModel.SampleKernel.Model.HazardKind.TornPmdRead, hazard.Kind);
    }
}
