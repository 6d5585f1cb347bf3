using System;
using System.Collections.Generic;
using KernelModel.SampleKernel.Model;

namespace KernelModel.SampleKernel;

/// <summary>The level of a page table: which entries it holds.</summary>
public enum PageTableLevel
{
    /// <summary>A PTE table: entries map 4 KiB pages.</summary>
    Pte,

    /// <summary>A PMD table: entries point to PTE tables or map 2 MiB pages.</summary>
    Pmd,
}

/// <summary>
/// A page-table page (struct ptdesc in include/linux/mm_types.h). Besides its entries it records, for the
/// model, which lockless walkers are inside it, so that freeing or reusing it under them is detected.
/// </summary>
public sealed class Ptdesc
{
    private readonly List<LocklessWalker> _walkers = new();

    private Ptdesc(string name, PageTableLevel level)
    {
        Name = name;
        Level = level;
        Ptl = new Spinlock($"{name}.ptl");
        if (level == PageTableLevel.Pte)
        {
            Ptes = new ulong[Kernel.PtrsPerPte];
        }
        else
        {
            Pmds = new Pmd[Kernel.PtrsPerPmd];
        }
    }

    /// <summary>A name for messages and hazard reports.</summary>
    public string Name { get; }

    /// <summary>What the table's entries are.</summary>
    public PageTableLevel Level { get; }

    /// <summary>The entries of a PTE table: a page frame number, or 0 for none.</summary>
    public ulong[]? Ptes { get; }

    /// <summary>The entries of a PMD table.</summary>
    public Pmd[]? Pmds { get; }

    /// <summary>The split page-table lock (ptdesc->ptl).</summary>
    public Spinlock Ptl { get; }

    /// <summary>How many other mms share this PMD table (ptdesc->pt_share_count); 0 when it is exclusive.</summary>
    public int PtShareCount { get; set; }

    /// <summary>Whether the table has been freed.</summary>
    public bool Freed { get; private set; }

    /// <summary>How often the table was reused for something else.</summary>
    public int Reuses { get; private set; }

    /// <summary>Lockless walkers currently reading the table.</summary>
    public IReadOnlyList<LocklessWalker> WalkersInside => _walkers;

    /// <summary>Allocates a PTE table (pte_alloc_one()).</summary>
    /// <param name="name">A name for messages.</param>
    /// <returns>The empty table.</returns>
    public static Ptdesc NewPteTable(string name) => new(name, PageTableLevel.Pte);

    /// <summary>Allocates a PMD table (pmd_alloc_one()).</summary>
    /// <param name="name">A name for messages.</param>
    /// <returns>The empty table.</returns>
    public static Ptdesc NewPmdTable(string name) => new(name, PageTableLevel.Pmd);

    /// <summary>Returns the table to the allocator; a walker still inside is a hazard.</summary>
    public void Free()
    {
        if (Freed)
        {
            throw new InvalidOperationException($"Double free of {Name}.");
        }

        Machine.Current.CheckNoWalkers(this, TableAction.Freed);
        Freed = true;
    }

    /// <summary>Repurposes or rewrites the table; a walker still inside is a hazard.</summary>
    public void Reuse()
    {
        if (Freed)
        {
            throw new InvalidOperationException($"Use after free of {Name}.");
        }

        Machine.Current.CheckNoWalkers(this, TableAction.Reused);
        Reuses++;
    }

    /// <summary>
    /// Records that entry <paramref name="index"/> was written while lockless readers may be reading it. Where a
    /// PMD is read in two halves (CONFIG_GUP_GET_PXX_LOW_HIGH), a reader notices one change and retries; a reader
    /// still in progress across a second change may combine halves of two different entries: a torn read.
    /// </summary>
    /// <param name="index">The entry.</param>
    internal void EntryWritten(int index)
    {
        foreach (LocklessWalker walker in _walkers.ToArray())
        {
            if (walker.ReadingEntry == index && ++walker.EntryWritesSeen >= 2 && KernelConfig.GupGetPxxLowHigh)
            {
                Machine.Current.RecordTornRead(this, walker);
            }
        }
    }

    internal void AddWalker(LocklessWalker walker) => _walkers.Add(walker);

    internal void RemoveWalker(LocklessWalker walker) => _walkers.Remove(walker);

    /// <inheritdoc />
    public override string ToString() => Name;
}
