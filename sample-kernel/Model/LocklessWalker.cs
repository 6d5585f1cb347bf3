namespace KernelModel.SampleKernel.Model;

/// <summary>A lockless page-table walk (GUP-fast style) in progress on one CPU with interrupts disabled.</summary>
public sealed class LocklessWalker
{
    internal LocklessWalker(Cpu cpu, Ptdesc table, int? readingEntry)
    {
        Cpu = cpu;
        Table = table;
        ReadingEntry = readingEntry;
    }

    /// <summary>The CPU the walk runs on.</summary>
    public Cpu Cpu { get; }

    /// <summary>The page table being read.</summary>
    public Ptdesc Table { get; }

    /// <summary>The index of the entry of <see cref="Table"/> the walker is reading lockless (a PMD, in two halves under PAE), if any.</summary>
    public int? ReadingEntry { get; }

    /// <summary>How often that entry was written while the read was in progress.</summary>
    internal int EntryWritesSeen { get; set; }

    /// <summary>Whether the walk has ended.</summary>
    public bool Finished { get; private set; }

    /// <summary>Ends the walk: interrupts come back on and the walker no longer reads the table.</summary>
    public void Finish()
    {
        if (Finished)
        {
            return;
        }

        Finished = true;
        Table.RemoveWalker(this);
        Cpu.EndWalk(this);
    }
}
