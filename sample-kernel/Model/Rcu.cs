using System;
using System.Collections.Generic;
using System.Linq;

namespace KernelModel.SampleKernel.Model;

/// <summary>Read-copy-update: callbacks that run only after every walker that might see the old data has finished.</summary>
public sealed class Rcu
{
    private readonly Machine _machine;
    private readonly Queue<Action> _callbacks = new();

    internal Rcu(Machine machine) => _machine = machine;

    /// <summary>Grace periods that have elapsed.</summary>
    public int GracePeriods { get; private set; }

    /// <summary>Callbacks queued and not yet run.</summary>
    public int PendingCallbacks => _callbacks.Count;

    /// <summary>Queues <paramref name="callback"/> to run after the next grace period (call_rcu()).</summary>
    /// <param name="callback">What to run, typically freeing a table.</param>
    public void CallRcu(Action callback) => _callbacks.Enqueue(callback);

    /// <summary>
    /// Waits for a grace period (synchronize_rcu()): every walk with interrupts off is an RCU read-side
    /// critical section, so each one in progress ends first; then the queued callbacks run.
    /// </summary>
    public void Synchronize()
    {
        foreach (Cpu cpu in _machine.Cpus.Where(cpu => cpu != _machine.ThisCpu))
        {
            cpu.Walker?.Finish();
        }

        GracePeriods++;
        while (_callbacks.Count > 0)
        {
            _callbacks.Dequeue()();
        }
    }
}
