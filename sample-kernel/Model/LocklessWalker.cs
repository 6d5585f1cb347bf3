namespace KernelModel.SampleKernel.Model;

/// <summary>A lockless page-table walk (GUP-fast style) in progress on one CPU with interrupts disabled.</summary>
public sealed class LocklessWalker
{
    internal LocklessWalker(Cpu cpu, Ptdesc table)
    {
        Cpu = cpu;
        Table = table;
    }

    /// <summary>The CPU the walk runs on.</summary>
    public Cpu Cpu { get; }

    /// <summary>The page table being read.</summary>
    public Ptdesc Table { get; }

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
