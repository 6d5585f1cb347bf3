using System.Linq;

namespace KernelModel.SampleKernel.Model.Scenarios;

/// <summary>
/// Ready-made machine states for scenarios: address spaces with page tables, and CPUs running, lazily
/// holding, or walking them.
/// </summary>
public static class Worlds
{
    /// <summary>The PMD-aligned address khugepaged collapses.</summary>
    public const ulong CollapseAddress = 2 * Kernel.HpagePmdSize;

    /// <summary>The PUD-aligned address where the hugetlb file is mapped in every mm.</summary>
    public const ulong HugetlbAddress = Kernel.PudSize;

    /// <summary>
    /// Boots a machine with the broadcast key on (bare metal, native flush, no INVLPGB) or off (a paravirt
    /// guest, whose flush need not interrupt every vCPU).
    /// </summary>
    /// <param name="broadcastKey">Whether the key should end up enabled.</param>
    /// <returns>The running machine.</returns>
    public static Machine Boot(bool broadcastKey) => Machine.Boot(new MachineOptions(CpuCount: 4, Paravirt: !broadcastKey));

    /// <summary>
    /// An anonymous mm whose range at <see cref="CollapseAddress"/> is mapped by a full PTE table. CPU 1 runs it
    /// and is inside a GUP-fast walk of that table; CPU 2 ran it, is now lazy, and its paging-structure caches
    /// still point into the table; CPU 3 runs another mm. khugepaged runs on CPU 0 holding mmap_lock for reading.
    /// </summary>
    /// <param name="machine">The running machine.</param>
    /// <param name="pteTable">The PTE table khugepaged will collapse.</param>
    /// <param name="walker">The GUP-fast walker on CPU 1.</param>
    /// <returns>The mm.</returns>
    public static MmStruct AnonymousMmWithPteTable(Machine machine, out Ptdesc pteTable, out LocklessWalker walker)
    {
        var mm = new MmStruct("mm");
        var vma = new VmAreaStruct(mm, 0, Kernel.PudSize);
        vma.HasAnonVma = true;
        mm.Vmas.Add(vma);

        Ptdesc pmdTable = Ptdesc.NewPmdTable("mm.pmd[0]");
        mm.Puds[0] = new Pud(pmdTable);
        mm.NrPmds++;
        pteTable = Ptdesc.NewPteTable("mm.pte@4M");
        for (int i = 0; i < Kernel.PtrsPerPte; i++)
        {
            pteTable.Ptes![i] = 0x1000 + (ulong)i;
        }

        Kernel.PmdOffset(mm, CollapseAddress)!.Value.Set(Pmd.ToTable(pteTable));
        mm.NrPtes++;

        machine.Cpus[1].SwitchMm(mm);
        machine.Cpus[2].SwitchMm(mm);
        machine.Cpus[2].BeginLocklessWalk(pteTable);
        machine.Cpus[2].EnterLazyTlb();
        machine.Cpus[3].SwitchMm(new MmStruct("other"));
        walker = machine.Cpus[1].BeginLocklessWalk(pteTable);

        Kernel.MmapReadLock(mm);
        return mm;
    }

    /// <summary>
    /// Two mms, A and B, mapping the same hugetlb file at <see cref="HugetlbAddress"/> through one shared PMD
    /// table owned by B. CPU 0 runs A (and will unmap); CPU 1 ran A and is now lazy, its paging-structure
    /// caches still inside the shared table; CPU 2 runs B.
    /// </summary>
    /// <param name="machine">The running machine.</param>
    /// <param name="vmaA">A's hugetlb VMA.</param>
    /// <param name="sharedTable">The shared PMD table.</param>
    /// <param name="walker">The lazy CPU's walker inside it.</param>
    public static void SharedHugetlbTable(Machine machine, out VmAreaStruct vmaA, out Ptdesc sharedTable, out LocklessWalker walker)
    {
        var file = new AddressSpace();
        var mmA = new MmStruct("A");
        var mmB = new MmStruct("B");
        vmaA = new VmAreaStruct(mmA, HugetlbAddress, HugetlbAddress + Kernel.PudSize) { Mapping = file, IsHugetlb = true, WantPmdShare = true };
        var vmaB = new VmAreaStruct(mmB, HugetlbAddress, HugetlbAddress + Kernel.PudSize) { Mapping = file, IsHugetlb = true, WantPmdShare = true };
        mmA.Vmas.Add(vmaA);
        mmB.Vmas.Add(vmaB);
        file.IMmap.Add(vmaA);
        file.IMmap.Add(vmaB);

        for (ulong i = 0; i < 4; i++)
        {
            Kernel.HugePteAlloc(mmB, HugetlbAddress + (i * Kernel.PmdSize)).Set(Pmd.Leaf(0x40000 + (i << Kernel.HpagePmdOrder)));
        }

        sharedTable = Kernel.HugePmdShare(vmaA, HugetlbAddress, vmaB)!;

        machine.Cpus[0].SwitchMm(mmA);
        machine.Cpus[1].SwitchMm(mmA);
        walker = machine.Cpus[1].BeginLocklessWalk(sharedTable);
        machine.Cpus[1].EnterLazyTlb();
        machine.Cpus[2].SwitchMm(mmB);
    }

    /// <summary>Whether any CPU other than CPU 0 is still in a lockless walk.</summary>
    /// <param name="machine">The machine.</param>
    /// <returns>True when a walker is still inside some table.</returns>
    public static bool AnyWalker(Machine machine) => machine.Cpus.Any(cpu => cpu.Walker is not null);
}
