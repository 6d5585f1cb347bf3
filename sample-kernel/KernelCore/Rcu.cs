using System;
using KernelModel.SampleKernel.Model;

namespace KernelModel.SampleKernel;

/// <summary>kernel/rcu: deferring work past every reader.</summary>
public static partial class Kernel
{
    /// <summary>Ports <c>call_rcu()</c>: runs <paramref name="callback"/> after a grace period.</summary>
    /// <param name="callback">The deferred work.</param>
    public static void CallRcu(Action callback) => Machine.Current.Rcu.CallRcu(callback);

    /// <summary>Ports <c>synchronize_rcu()</c>: waits for a grace period, running the callbacks queued before it.</summary>
    public static void SynchronizeRcu() => Machine.Current.Rcu.Synchronize();
}
