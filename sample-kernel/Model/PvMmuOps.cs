using System;

namespace KernelModel.SampleKernel.Model;

/// <summary>The paravirt MMU operations (pv_ops.mmu) that x86 calls through.</summary>
public sealed class PvMmuOps
{
    /// <summary>pv_ops.mmu.flush_tlb_multi: native_flush_tlb_multi on bare metal, the hypervisor's flush in a guest.</summary>
    public Action<Cpumask, FlushTlbInfo> FlushTlbMulti { get; set; } = Kernel.NativeFlushTlbMulti;
}
