using KernelModel.SampleKernel.Model;

namespace KernelModel.SampleKernel;

/// <summary>arch/x86/kernel/kvm.c: the paravirt TLB flush of a KVM guest.</summary>
public static partial class Kernel
{
    /// <summary>
    /// Ports <c>kvm_flush_tlb_multi()</c>: preempted vCPUs are not interrupted; the hypervisor flushes them
    /// when they next run. This is why boot leaves the broadcast key off under paravirt: a walker on a
    /// preempted vCPU is not waited for by the flush.
    /// </summary>
    /// <param name="cpumask">The CPUs to consider.</param>
    /// <param name="info">What to flush.</param>
    public static void ParavirtFlushTlbMulti(Cpumask cpumask, FlushTlbInfo info)
    {
        var flushmask = new Cpumask();
        foreach (int cpu in cpumask)
        {
            if (!Machine.Current.Cpus[cpu].Preempted)
            {
                flushmask.Add(cpu);
            }
        }

        NativeFlushTlbMulti(flushmask, info);
    }
}
