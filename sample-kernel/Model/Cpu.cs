using System;

namespace KernelModel.SampleKernel.Model;

/// <summary>One CPU: which mm it has loaded, whether it is in lazy-TLB mode, and the lockless walk it may be in.</summary>
public sealed class Cpu
{
    internal Cpu(int id) => Id = id;

    /// <summary>The CPU number.</summary>
    public int Id { get; }

    /// <summary>Whether the CPU is online (cpu_online()).</summary>
    public bool Online { get; set; } = true;

    /// <summary>The mm whose page tables the CPU has loaded (cpu_tlbstate.loaded_mm), if any.</summary>
    public MmStruct? LoadedMm { get; private set; }

    /// <summary>
    /// Whether the CPU runs a kernel thread on a borrowed mm (cpu_tlbstate_shared.is_lazy). x86 skips lazy
    /// CPUs in a flush unless the flush frees page tables.
    /// </summary>
    public bool IsLazy { get; private set; }

    /// <summary>Whether the vCPU is preempted by the hypervisor; a paravirt flush does not interrupt it.</summary>
    public bool Preempted { get; set; }

    /// <summary>The lockless page-table walk in progress on this CPU, with interrupts off.</summary>
    public LocklessWalker? Walker { get; private set; }

    /// <summary>IPIs this CPU has received.</summary>
    public int IpisReceived { get; private set; }

    /// <summary>Local TLB flushes this CPU has performed (flush_tlb_func).</summary>
    public int TlbFlushes { get; private set; }

    /// <summary>Switches this CPU to <paramref name="mm"/> (switch_mm_irqs_off), adding it to the mm's cpumask.</summary>
    /// <param name="mm">The mm to run.</param>
    public void SwitchMm(MmStruct mm)
    {
        LoadedMm = mm;
        IsLazy = false;
        mm.Cpumask.Add(Id);
    }

    /// <summary>
    /// Enters lazy-TLB mode (enter_lazy_tlb): the CPU keeps the mm loaded and stays in its cpumask, but
    /// flushes that free no page tables leave it alone.
    /// </summary>
    public void EnterLazyTlb()
    {
        if (LoadedMm is null)
        {
            throw new InvalidOperationException($"CPU {Id} has no mm loaded to be lazy about.");
        }

        IsLazy = true;
    }

    /// <summary>
    /// Starts a lockless walk of <paramref name="table"/> with interrupts off. It stands for any access that
    /// only an interrupt can wait for: GUP-fast on an active CPU, or the paging-structure caches of a
    /// lazy-TLB CPU that still point at the table.
    /// </summary>
    /// <param name="table">The page table being walked.</param>
    /// <returns>The walker; it ends when an IPI reaches this CPU, at an RCU grace period, or by <see cref="LocklessWalker.Finish"/>.</returns>
    public LocklessWalker BeginLocklessWalk(Ptdesc table)
    {
        if (LoadedMm is null || !LoadedMm.Cpumask.Contains(Id))
        {
            throw new InvalidOperationException($"CPU {Id} cannot walk page tables of an mm it has not loaded.");
        }

        if (Walker is not null)
        {
            throw new InvalidOperationException($"CPU {Id} is already in a lockless walk.");
        }

        if (table.Freed)
        {
            throw new InvalidOperationException($"{table.Name} is already freed; a walker cannot reach it.");
        }

        Walker = new LocklessWalker(this, table);
        table.AddWalker(Walker);
        return Walker;
    }

    internal void EndWalk(LocklessWalker walker)
    {
        if (Walker == walker)
        {
            Walker = null;
        }
    }

    /// <summary>Handles an IPI: it runs only once interrupts are back on, so the walk in progress has ended.</summary>
    internal void ReceiveIpi()
    {
        IpisReceived++;
        Walker?.Finish();
    }

    internal void FlushLocalTlb() => TlbFlushes++;

    /// <inheritdoc />
    public override string ToString() => $"CPU {Id}{(IsLazy ? " (lazy)" : string.Empty)}";
}
