using KernelModel.SampleKernel.Model;

namespace KernelModel.SampleKernel;

/// <summary>arch/x86/mm/tlb.c: TLB shootdown on x86.</summary>
public static partial class Kernel
{
#if LINUX_7_0_TLB_FLUSH
    /// <summary>
    /// Ports <c>flush_tlb_mm_range()</c> as in Linux 7.0, the flush primitive: bumps the mm's TLB generation,
    /// then flushes with INVLPGB if the mm has a global ASID (no IPIs), else by IPI to the other CPUs of the
    /// mm's cpumask, else locally.
    /// </summary>
    /// <param name="mm">The address space.</param>
    /// <param name="start">First address.</param>
    /// <param name="end">One past the last address, or TLB_FLUSH_ALL.</param>
    /// <param name="strideShift">The page shift of the entries flushed.</param>
    /// <param name="freedTables">Page tables were freed: interrupt lazy-TLB CPUs too.</param>
    public static void FlushTlbMmRange(MmStruct mm, ulong start, ulong end, int strideShift, bool freedTables) =>
        FlushTlbMmRangeInfo(mm, new FlushTlbInfo(mm, start, end, strideShift, freedTables, IncMmTlbGen(mm)));
#else
    /// <summary>
    /// Ports <c>flush_tlb_mm_range()</c> as in the mm tree of May 2026, the flush primitive: bumps the mm's TLB
    /// generation, then flushes with INVLPGB if the mm has a global ASID (no IPIs), else by IPI to the other
    /// CPUs of the mm's cpumask, else locally.
    /// </summary>
    /// <param name="mm">The address space.</param>
    /// <param name="start">First address.</param>
    /// <param name="end">One past the last address, or TLB_FLUSH_ALL.</param>
    /// <param name="strideShift">The page shift of the entries flushed.</param>
    /// <param name="wakeLazyCpus">Page tables were freed or unshared: interrupt lazy-TLB CPUs too.</param>
    public static void FlushTlbMmRange(MmStruct mm, ulong start, ulong end, int strideShift, bool wakeLazyCpus) =>
        FlushTlbMmRangeInfo(mm, new FlushTlbInfo(mm, start, end, strideShift, wakeLazyCpus, IncMmTlbGen(mm)));
#endif

    /// <summary>
    /// The body of <c>flush_tlb_mm_range()</c> once <c>get_flush_tlb_info()</c> has filled in what to flush;
    /// the same in every tree.
    /// </summary>
    /// <param name="mm">The address space.</param>
    /// <param name="info">What to flush.</param>
    public static void FlushTlbMmRangeInfo(MmStruct mm, FlushTlbInfo info)
    {
        int cpu = SmpProcessorId();
        if (MmGlobalAsid(mm) != 0)
        {
            BroadcastTlbFlush(info);
        }
        else if (mm.Cpumask.AnyBut(cpu))
        {
            FlushTlbMulti(mm.Cpumask, info);
            ConsiderGlobalAsid(mm);
        }
        else if (Machine.Current.ThisCpu.LoadedMm == mm)
        {
            FlushTlbFunc(Machine.Current.ThisCpu);
        }
    }

    /// <summary>Ports <c>inc_mm_tlb_gen()</c>.</summary>
    /// <param name="mm">The address space.</param>
    /// <returns>The new generation.</returns>
    public static ulong IncMmTlbGen(MmStruct mm) => ++mm.TlbGen;

    /// <summary>Ports <c>mm_global_asid()</c>.</summary>
    /// <param name="mm">The address space.</param>
    /// <returns>The global ASID, or 0.</returns>
    public static ushort MmGlobalAsid(MmStruct mm) => mm.GlobalAsid;

    /// <summary>
    /// Ports <c>consider_global_asid()</c>: with INVLPGB, an mm active on several CPUs gets a global ASID so
    /// later flushes broadcast in hardware instead of by IPI.
    /// </summary>
    /// <param name="mm">The address space.</param>
    public static void ConsiderGlobalAsid(MmStruct mm)
    {
        if (Machine.Current.Options.Invlpgb && mm.GlobalAsid == 0 && mm.Cpumask.Count >= 3)
        {
            mm.GlobalAsid = Machine.Current.AllocateGlobalAsid();
        }
    }

    /// <summary>
    /// Ports <c>broadcast_tlb_flush()</c>: INVLPGB invalidates every CPU's TLB in hardware. No CPU is
    /// interrupted, so no lockless walker is waited for.
    /// </summary>
    /// <param name="info">What to flush.</param>
    public static void BroadcastTlbFlush(FlushTlbInfo info) => Machine.Current.BroadcastTlbInvalidate(info.Mm);

    /// <summary>Ports <c>flush_tlb_multi()</c>: calls through pv_ops.mmu.flush_tlb_multi.</summary>
    /// <param name="cpumask">The CPUs to consider.</param>
    /// <param name="info">What to flush.</param>
    public static void FlushTlbMulti(Cpumask cpumask, FlushTlbInfo info) => Machine.Current.PvOps.FlushTlbMulti(cpumask, info);

    /// <summary>
    /// Ports <c>native_flush_tlb_multi()</c>. Unless lazy-TLB CPUs must be woken (<c>freed_tables</c> in Linux
    /// 7.0, <c>wake_lazy_cpus</c> in the mm tree), CPUs in lazy-TLB mode are skipped: they flush at their next
    /// context switch. Otherwise every CPU in the mask is interrupted, so that a lazy CPU cannot trip over the
    /// new contents of what used to be a page table.
    /// </summary>
    /// <param name="cpumask">The CPUs to consider.</param>
    /// <param name="info">What to flush.</param>
    public static void NativeFlushTlbMulti(Cpumask cpumask, FlushTlbInfo info)
    {
        if (info.WakesLazyCpus)
        {
            OnEachCpuCondMask(null, FlushTlbFunc, cpumask);
        }
        else
        {
            OnEachCpuCondMask(cpu => ShouldFlushTlb(cpu, info), FlushTlbFunc, cpumask);
        }
    }

    /// <summary>Ports <c>should_flush_tlb()</c>: whether a flush without freed tables must interrupt <paramref name="cpu"/>.</summary>
    /// <param name="cpu">The candidate CPU.</param>
    /// <param name="info">What is being flushed.</param>
    /// <returns>False for lazy-TLB CPUs and CPUs running another mm.</returns>
    public static bool ShouldFlushTlb(Cpu cpu, FlushTlbInfo info)
    {
        if (cpu.IsLazy)
        {
            return false;
        }

        return cpu.LoadedMm == info.Mm || info.TrimCpumask;
    }

    /// <summary>Ports <c>flush_tlb_func()</c>: the local flush, run on each target CPU.</summary>
    /// <param name="cpu">The CPU flushing its TLB.</param>
    public static void FlushTlbFunc(Cpu cpu) => cpu.FlushLocalTlb();

#if ARCH_HAS_TLB_TABLE_FLUSH_IMPLIES_IPI_BROADCAST
    /// <summary>
    /// Ports <c>native_pv_tlb_init()</c> (the series), the boot-time decision behind
    /// <c>tlb_table_flush_implies_ipi_broadcast()</c>: enable the key only when the native multi-CPU flush is in
    /// use (a paravirt flush may skip preempted vCPUs) and the CPU has no INVLPGB (which flushes without
    /// interrupting anyone).
    /// </summary>
    public static void NativePvTlbInit()
    {
        Machine machine = Machine.Current;
        bool nativeFlush = machine.PvOps.FlushTlbMulti == (System.Action<Cpumask, FlushTlbInfo>)NativeFlushTlbMulti;
        if (nativeFlush && !machine.Options.Invlpgb)
        {
            machine.TlbTableFlushImpliesIpiBroadcastKey.Enable();
        }
    }
#endif
}
