using System;
using System.Linq;
using KernelModel.SampleKernel.Model;

namespace KernelModel.SampleKernel;

/// <summary>kernel/smp.c: running a function on other CPUs by IPI.</summary>
public static partial class Kernel
{
    /// <summary>Ports <c>smp_processor_id()</c>.</summary>
    /// <returns>The number of the CPU running the caller.</returns>
    public static int SmpProcessorId() => Machine.Current.ThisCpu.Id;

    /// <summary>Ports <c>smp_call_function(func, info, wait = 1)</c>: runs <paramref name="func"/> on every other online CPU by IPI.</summary>
    /// <param name="func">The handler.</param>
    public static void SmpCallFunction(Action<Cpu> func)
    {
        Machine machine = Machine.Current;
        foreach (Cpu cpu in machine.Cpus.Where(cpu => cpu.Online && cpu != machine.ThisCpu))
        {
            machine.SendIpi(cpu, func.Method.Name);
            func(cpu);
        }
    }

    /// <summary>
    /// Ports <c>on_each_cpu_cond_mask(cond, func, info, wait = true, mask)</c>: runs <paramref name="func"/> on each
    /// online CPU of <paramref name="mask"/> for which <paramref name="condition"/> holds, locally on this CPU
    /// and by IPI elsewhere. <c>on_each_cpu_mask()</c> is the same with no condition.
    /// </summary>
    /// <param name="condition">Which CPUs to run on, or null for all.</param>
    /// <param name="func">The handler.</param>
    /// <param name="mask">The candidate CPUs.</param>
    public static void OnEachCpuCondMask(Func<Cpu, bool>? condition, Action<Cpu> func, Cpumask mask)
    {
        Machine machine = Machine.Current;
        foreach (int id in mask.ToArray())
        {
            Cpu cpu = machine.Cpus[id];
            if (!cpu.Online || (condition is not null && !condition(cpu)))
            {
                continue;
            }

            if (cpu != machine.ThisCpu)
            {
                machine.SendIpi(cpu, func.Method.Name);
            }

            func(cpu);
        }
    }

    /// <summary>
    /// Ports <c>smp_call_function_many(mask, func, info, wait = true)</c>: runs <paramref name="func"/> by IPI on
    /// every other online CPU of <paramref name="mask"/>.
    /// </summary>
    /// <param name="mask">The candidate CPUs.</param>
    /// <param name="func">The handler.</param>
    public static void SmpCallFunctionMany(Cpumask mask, Action<Cpu> func)
    {
        Machine machine = Machine.Current;
        foreach (int id in mask.ToArray())
        {
            Cpu cpu = machine.Cpus[id];
            if (cpu.Online && cpu != machine.ThisCpu)
            {
                machine.SendIpi(cpu, func.Method.Name);
                func(cpu);
            }
        }
    }
}
