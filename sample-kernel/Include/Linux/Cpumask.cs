using System.Collections;
using System.Collections.Generic;

namespace KernelModel.SampleKernel;

/// <summary>A set of CPU numbers (struct cpumask), kept sorted so that iteration order is stable.</summary>
public sealed class Cpumask : IEnumerable<int>
{
    private readonly SortedSet<int> _cpus = new();

    /// <summary>Number of CPUs in the mask (cpumask_weight()).</summary>
    public int Count => _cpus.Count;

    /// <summary>Adds a CPU (cpumask_set_cpu()).</summary>
    /// <param name="cpu">The CPU number.</param>
    public void Add(int cpu) => _cpus.Add(cpu);

    /// <summary>Removes a CPU (cpumask_clear_cpu()).</summary>
    /// <param name="cpu">The CPU number.</param>
    public void Remove(int cpu) => _cpus.Remove(cpu);

    /// <summary>Whether the CPU is in the mask (cpumask_test_cpu()).</summary>
    /// <param name="cpu">The CPU number.</param>
    /// <returns>True when present.</returns>
    public bool Contains(int cpu) => _cpus.Contains(cpu);

    /// <summary>Whether some CPU other than <paramref name="cpu"/> is in the mask (cpumask_any_but() &lt; nr_cpu_ids).</summary>
    /// <param name="cpu">The CPU to ignore.</param>
    /// <returns>True when another CPU is present.</returns>
    public bool AnyBut(int cpu) => _cpus.Count > (_cpus.Contains(cpu) ? 1 : 0);

    /// <inheritdoc />
    public IEnumerator<int> GetEnumerator() => _cpus.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
