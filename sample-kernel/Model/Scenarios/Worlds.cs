using System.Linq;

namespace KernelModel.SampleKernel.Model.Scenarios;

/// <summary>
/// Ready-made machine states for scenarios: address spaces with page tables, and CPUs running, lazily
/// holding, walking or caching them.
/// </summary>
public static class Worlds
{
    /// <summary>The PMD-aligned address khugepaged collapses.</summary>
    public const ulong CollapseAddress = 2 * Kernel.HpagePmdSize;

    /// <summary>The PUD-aligned address where the hugetlb file is mapped in every mm.</summary>
    public const ulong HugetlbAddress = Kernel.PudSize;

    /// <summary>
    /// Boots a machine. Where the configuration has the broadcast key (x86 with the series), key on means bare
    /// metal with the native flush and no INVLPGB, key off a paravirt guest, whose flush need not interrupt
    /// every vCPU. Elsewhere there is no key and the machine is bare metal.
    /// </summary>
    /// <param name="broadcastKey">Whether the key should end up enabled; only where the configuration has one.</param>
    /// <returns>The running machine.</returns>
    public static Machine Boot(bool broadcastKey) =>
        Machine.Boot(new MachineOptions(CpuCount: 4, Paravirt: KernelTree.HasBroadcastKey && !broadcastKey));

    /// <summary>
    /// An anonymous mm whose range at <see cref="CollapseAddress"/> is mapped by a full PTE table. CPU 1 runs it
    /// and is inside a GUP-fast walk of that table; CPU 2 ran it, its MMU cached the walk down to the table,
    /// and it now runs a kernel thread (lazy TLB); CPU 3 runs another mm. khugepaged runs on CPU 0 holding
    /// mmap_lock for reading.
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
        machine.Cpus[2].HardwareWalk(pteTable);
        machine.Cpus[2].EnterLazyTlb();
        machine.Cpus[3].SwitchMm(new MmStruct("other"));
        walker = machine.Cpus[1].BeginLocklessWalk(pteTable);

        Kernel.MmapReadLock(mm);
        return mm;
    }

    /// <summary>
    /// An mm mapping a file whose huge folio sits at <see cref="CollapseAddress"/>, still mapped by a PTE table
    /// (every other entry present), ready for <c>try_collapse_pte_mapped_thp()</c> or
    /// <c>retract_page_tables()</c>. CPU 1 runs the mm.
    /// </summary>
    /// <param name="machine">The running machine.</param>
    /// <param name="file">The file's page cache, shared between calls to map it in several mms.</param>
    /// <param name="name">The mm's name.</param>
    /// <param name="vma">Its VMA.</param>
    /// <param name="pte">The PTE table.</param>
    /// <param name="folio">The huge folio.</param>
    /// <returns>The mm.</returns>
    public static MmStruct FileBackedThp(Machine machine, AddressSpace file, string name, out VmAreaStruct vma, out Ptdesc pte, out Folio folio)
    {
        var mm = new MmStruct(name);
        vma = new VmAreaStruct(mm, 0, Kernel.PudSize) { Mapping = file };
        mm.Vmas.Add(vma);
        file.IMmap.Add(vma);
        folio = new Folio(0x80000, Kernel.HpagePmdOrder);
        file.Folios[CollapseAddress >> Kernel.PageShift] = folio;

        mm.Puds[0] = new Pud(Ptdesc.NewPmdTable($"{name}.pmd"));
        pte = Ptdesc.NewPteTable($"{name}.pte");
        for (int i = 0; i < Kernel.PtrsPerPte; i += 2)
        {
            pte.Ptes![i] = folio.Pfn + (ulong)i;
        }

        Kernel.PmdOffset(mm, CollapseAddress)!.Value.Set(Pmd.ToTable(pte));
        mm.NrPtes++;
        machine.Cpus[1].SwitchMm(mm);
        return mm;
    }

    /// <summary>
    /// Two mms, A and B, mapping the same hugetlb file at <see cref="HugetlbAddress"/> through one shared PMD
    /// table owned by B. CPU 0 runs A (and will unmap); CPU 1 ran A, its MMU cached the walk into the shared
    /// table, and it now runs a kernel thread (lazy TLB); CPU 2 runs B; CPU 3 runs A and is inside a GUP-fast
    /// walk of the shared table.
    /// </summary>
    /// <param name="machine">The running machine.</param>
    /// <param name="vmaA">A's hugetlb VMA.</param>
    /// <param name="sharedTable">The shared PMD table.</param>
    /// <param name="walker">The GUP-fast walker on CPU 3.</param>
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
        machine.Cpus[1].HardwareWalk(sharedTable);
        machine.Cpus[1].EnterLazyTlb();
        machine.Cpus[2].SwitchMm(mmB);
        machine.Cpus[3].SwitchMm(mmA);
        walker = machine.Cpus[3].BeginLocklessWalk(sharedTable);
    }

    /// <summary>Whether any CPU other than CPU 0 is still in a lockless walk.</summary>
    /// <param name="machine">The machine.</param>
    /// <returns>True when a walker is still inside some table.</returns>
    public static bool AnyWalker(Machine machine) => machine.Cpus.Any(cpu => cpu.Walker is not null);
}
