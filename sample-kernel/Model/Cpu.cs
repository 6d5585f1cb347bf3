using System;
using System.Collections.Generic;

namespace KernelModel.SampleKernel.Model;

/// <summary>
/// One CPU: which mm it has loaded, whether it is in lazy-TLB mode, the lockless walk it may be in, and what its
/// paging-structure caches still hold.
/// </summary>
/// <remarks>
/// Two different things can still be using a page table when the kernel frees or reuses it, and the model
/// keeps them apart because different things cure them. A lockless walker (GUP-fast, or under PAE a walker of
/// another mm) runs with interrupts off: any IPI, or an RCU grace period, ends it. The paging-structure caches
/// (the MMU's cached upper-level entries) stay until a real TLB flush runs on that CPU: an empty IPI or a
/// grace period does not touch them. A lazy-TLB CPU runs a kernel thread, so it is never in GUP-fast; its
/// exposure is its caches, which the hardware may use for speculative accesses.
/// </remarks>
public sealed class Cpu
{
    private readonly HashSet<Ptdesc> _cachedTables = new();

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

    /// <summary>Local TLB flushes this CPU has performed (flush_tlb_func, or a hardware broadcast invalidation).</summary>
    public int TlbFlushes { get; private set; }

    /// <summary>
    /// Page tables whose entries this CPU's paging-structure caches may still hold. Only a TLB flush on this
    /// CPU, or loading another mm, empties it.
    /// </summary>
    public IReadOnlyCollection<Ptdesc> CachedTables => _cachedTables;

    /// <summary>
    /// Switches this CPU to <paramref name="mm"/> (switch_mm_irqs_off), adding it to the mm's cpumask. Loading
    /// another mm leaves nothing of the old one in the caches (the model gives every CPU one ASID).
    /// </summary>
    /// <param name="mm">The mm to run.</param>
    public void SwitchMm(MmStruct mm)
    {
        if (LoadedMm != mm)
        {
            _cachedTables.Clear();
        }

        LoadedMm = mm;
        IsLazy = false;
        mm.Cpumask.Add(Id);
    }

    /// <summary>
    /// The MMU walks <paramref name="table"/> for the loaded mm and keeps the entries that lead to it in this
    /// CPU's paging-structure caches. Architectures without such caches of the Linux page tables (the powerpc
    /// hash MMU) keep nothing.
    /// </summary>
    /// <param name="table">A page table of the loaded mm.</param>
    public void HardwareWalk(Ptdesc table)
    {
        if (LoadedMm is null)
        {
            throw new InvalidOperationException($"CPU {Id} has no mm loaded for its MMU to walk.");
        }

        if (KernelTree.PagingStructureCaches)
        {
            _cachedTables.Add(table);
        }
    }

    /// <summary>
    /// Enters lazy-TLB mode (enter_lazy_tlb): the CPU now runs a kernel thread; it keeps the mm loaded, its
    /// caches and its place in the mm's cpumask, but flushes that need not wake lazy CPUs leave it alone.
    /// </summary>
    public void EnterLazyTlb()
    {
        if (LoadedMm is null)
        {
            throw new InvalidOperationException($"CPU {Id} has no mm loaded to be lazy about.");
        }

        if (Walker is not null)
        {
            throw new InvalidOperationException($"CPU {Id} is inside a lockless walk; it can only go lazy once the walk has ended.");
        }

        IsLazy = true;
    }

    /// <summary>
    /// Starts a GUP-fast walk of <paramref name="table"/> with interrupts off. GUP-fast walks the current task's
    /// mm, so only a CPU that runs the mm (not a lazy one) can be in it.
    /// </summary>
    /// <param name="table">A page table of the loaded mm.</param>
    /// <returns>The walker; it ends when an IPI reaches this CPU, at an RCU grace period, or by <see cref="LocklessWalker.Finish"/>.</returns>
    public LocklessWalker BeginLocklessWalk(Ptdesc table)
    {
        if (LoadedMm is null || !LoadedMm.Cpumask.Contains(Id) || IsLazy)
        {
            throw new InvalidOperationException($"CPU {Id} does not run the mm whose tables it would walk; GUP-fast walks only the current mm.");
        }

        return StartWalk(table, null);
    }

    /// <summary>
    /// Starts a lockless read, with interrupts off, of entry <paramref name="pmd"/> of a PMD table of an mm this CPU
    /// does not run: rmap, smaps or remote GUP reading another process's page tables (<c>pmdp_get_lockless()</c>).
    /// Such a CPU is outside that mm's cpumask, so no flush of the mm reaches it; only an IPI to every CPU or an
    /// RCU grace period waits for it.
    /// </summary>
    /// <param name="pmd">The PMD entry being read.</param>
    /// <returns>The walker.</returns>
    public LocklessWalker BeginForeignPmdRead(PmdPointer pmd) => StartWalk(pmd.Table, pmd.Index);

    private LocklessWalker StartWalk(Ptdesc table, int? readingEntry)
    {
        if (Walker is not null)
        {
            throw new InvalidOperationException($"CPU {Id} is already in a lockless walk.");
        }

        if (table.Freed)
        {
            throw new InvalidOperationException($"{table.Name} is already freed; a walker cannot reach it.");
        }

        Walker = new LocklessWalker(this, table, readingEntry);
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

    /// <summary>
    /// Handles an IPI: it runs only once interrupts are back on, so the walk in progress has ended. The caches
    /// are untouched unless the handler itself flushes.
    /// </summary>
    internal void ReceiveIpi()
    {
        IpisReceived++;
        Walker?.Finish();
    }

    /// <summary>Flushes this CPU's TLB and paging-structure caches for the loaded mm.</summary>
    internal void FlushLocalTlb()
    {
        TlbFlushes++;
        _cachedTables.Clear();
    }

    /// <summary>Whether this CPU's caches still hold <paramref name="table"/>.</summary>
    /// <param name="table">A page table.</param>
    /// <returns>True when a stale entry could lead the MMU into it.</returns>
    internal bool Caches(Ptdesc table) => _cachedTables.Contains(table);

    /// <inheritdoc />
    public override string ToString() => $"CPU {Id}{(IsLazy ? " (lazy)" : string.Empty)}";
}
