using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace KernelModel.SampleKernel.Model;

/// <summary>
/// The hardware and global kernel state the port runs on: CPUs, the IPIs between them, RCU, static keys,
/// the paravirt operations and the faults a scenario injects.
/// </summary>
/// <remarks>
/// The kernel keeps this state in globals and per-CPU variables. The model keeps it in one object that
/// <see cref="Boot"/> makes current for the calling flow of execution, so that tests running in parallel
/// each have their own machine. Everything is single-threaded and deterministic: "another CPU" is an object
/// whose state the scenario sets, and an IPI completes at once, after the target CPU's lockless walk.
/// </remarks>
public sealed class Machine : IDisposable
{
    private static readonly AsyncLocal<Machine?> _current = new();

    private readonly Machine? _previous;
    private readonly List<IpiRecord> _ipis = new();
    private readonly List<Hazard> _hazards = new();
    private readonly List<string> _warnings = new();
    private ushort _nextGlobalAsid = 1;

    private Machine(MachineOptions options)
    {
        if (options.CpuCount < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.CpuCount, "A machine needs at least one CPU.");
        }

        Options = options;
        Cpus = Enumerable.Range(0, options.CpuCount).Select(id => new Cpu(id)).ToArray();
        Rcu = new Rcu(this);
        _previous = _current.Value;
    }

    /// <summary>The machine the calling code runs on.</summary>
    /// <exception cref="InvalidOperationException">No machine has been booted in this flow of execution.</exception>
    public static Machine Current =>
        _current.Value ?? throw new InvalidOperationException("No machine is running: call Machine.Boot(...) before running kernel code.");

    /// <summary>How the machine was built.</summary>
    public MachineOptions Options { get; }

    /// <summary>Every CPU, online or not, indexed by CPU number.</summary>
    public IReadOnlyList<Cpu> Cpus { get; }

    /// <summary>The CPU that runs the kernel code the scenario calls (smp_processor_id()).</summary>
    public Cpu ThisCpu => Cpus[0];

    /// <summary>The RCU state: deferred frees and grace periods.</summary>
    public Rcu Rcu { get; }

    /// <summary>The x86 static key behind <c>tlb_table_flush_implies_ipi_broadcast()</c>.</summary>
    public StaticKey TlbTableFlushImpliesIpiBroadcastKey { get; } = new("tlb_table_flush_implies_ipi_broadcast_key");

    /// <summary>The paravirt MMU operations in effect (pv_ops.mmu).</summary>
    public PvMmuOps PvOps { get; } = new();

    /// <summary>Faults the scenario injects into allocation and revalidation paths.</summary>
    public FaultInjection Faults { get; } = new();

    /// <summary>Every IPI sent, in order.</summary>
    public IReadOnlyList<IpiRecord> Ipis => _ipis;

    /// <summary>Every page table freed or reused while a walker or a CPU's caches could still use it.</summary>
    public IReadOnlyList<Hazard> Hazards => _hazards;

    /// <summary>Kernel warnings (VM_WARN_ON_ONCE and friends) raised so far, each once.</summary>
    public IReadOnlyList<string> Warnings => _warnings;

    /// <summary>
    /// Builds a machine, makes it current for the calling flow of execution and runs the boot code of the
    /// configuration (on x86 with the series, <c>native_pv_tlb_init()</c>).
    /// </summary>
    /// <param name="options">CPU count and CPU features.</param>
    /// <returns>The machine; dispose it to make the previous one current again.</returns>
    public static Machine Boot(MachineOptions options)
    {
        var machine = new Machine(options);
        _current.Value = machine;
        machine.PvOps.FlushTlbMulti = options.Paravirt ? Kernel.ParavirtFlushTlbMulti : Kernel.NativeFlushTlbMulti;
#if ARCH_HAS_TLB_TABLE_FLUSH_IMPLIES_IPI_BROADCAST
        Kernel.NativePvTlbInit();
#endif
        return machine;
    }

    /// <summary>Number of IPIs whose handler has the given kernel name.</summary>
    /// <param name="handler">The kernel function the IPI ran, e.g. <c>flush_tlb_func</c>.</param>
    /// <returns>How many such IPIs were sent.</returns>
    public int IpisSent(string handler) => _ipis.Count(ipi => ipi.Handler == handler);

    /// <summary>Sends an IPI from <see cref="ThisCpu"/> to <paramref name="target"/> and waits for it.</summary>
    /// <param name="target">The CPU to interrupt.</param>
    /// <param name="handler">The kernel name of the function the IPI runs.</param>
    internal void SendIpi(Cpu target, string handler)
    {
        if (target == ThisCpu)
        {
            throw new InvalidOperationException("A CPU does not send an IPI to itself; the caller runs the function locally.");
        }

        _ipis.Add(new IpiRecord(ThisCpu.Id, target.Id, handler));
        target.ReceiveIpi();
    }

    /// <summary>
    /// Records that <paramref name="table"/> was freed or reused while a walker was inside it or a CPU's
    /// paging-structure caches still led into it.
    /// </summary>
    /// <param name="table">The page table.</param>
    /// <param name="action">What the kernel did to it.</param>
    internal void CheckNoWalkers(Ptdesc table, TableAction action)
    {
        foreach (LocklessWalker walker in table.WalkersInside)
        {
            _hazards.Add(new Hazard(table.Name, action, walker.Cpu.Id, walker.Cpu.IsLazy, HazardKind.LocklessWalker));
        }

        foreach (Cpu cpu in Cpus.Where(cpu => cpu != ThisCpu && cpu.Caches(table)))
        {
            _hazards.Add(new Hazard(table.Name, action, cpu.Id, cpu.IsLazy, HazardKind.PagingStructureCache));
        }
    }

    /// <summary>Records a torn PMD read: <paramref name="walker"/> saw the entry it reads change twice.</summary>
    /// <param name="table">The PMD table.</param>
    /// <param name="walker">The reader.</param>
    internal void RecordTornRead(Ptdesc table, LocklessWalker walker) =>
        _hazards.Add(new Hazard(table.Name, TableAction.EntryRewritten, walker.Cpu.Id, walker.Cpu.IsLazy, HazardKind.TornPmdRead));

    /// <summary>
    /// A TLB invalidation the hardware broadcasts (INVLPGB on x86, <c>tlbie</c> on powerpc): every CPU's TLB and
    /// caches drop the mm's entries, and no CPU is interrupted, so no lockless walker is waited for.
    /// </summary>
    /// <param name="mm">The address space whose entries are invalidated.</param>
    public void BroadcastTlbInvalidate(MmStruct mm)
    {
        foreach (Cpu cpu in Cpus.Where(cpu => cpu.LoadedMm == mm))
        {
            cpu.FlushLocalTlb();
        }
    }

    /// <summary>Records a kernel warning, once per distinct message.</summary>
    /// <param name="message">What went wrong.</param>
    internal void Warn(string message)
    {
        if (!_warnings.Contains(message))
        {
            _warnings.Add(message);
        }
    }

    /// <summary>Hands out the next free global ASID (for INVLPGB broadcast flushes).</summary>
    /// <returns>A non-zero ASID.</returns>
    internal ushort AllocateGlobalAsid() => _nextGlobalAsid++;

    /// <inheritdoc />
    public void Dispose()
    {
        if (_current.Value == this)
        {
            _current.Value = _previous;
        }
    }
}
