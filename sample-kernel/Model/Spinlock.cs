using System;

namespace KernelModel.SampleKernel.Model;

/// <summary>A spinlock (spinlock_t). The model is single-threaded, so taking a held lock is a self-deadlock and throws.</summary>
/// <param name="name">What the lock protects, for messages.</param>
public sealed class Spinlock(string name)
{
    /// <summary>What the lock protects.</summary>
    public string Name { get; } = name;

    /// <summary>Whether the lock is held.</summary>
    public bool Held { get; private set; }

    /// <summary>Takes the lock (spin_lock()).</summary>
    public void Lock()
    {
        if (Held)
        {
            throw new InvalidOperationException($"Deadlock: {Name} is already held.");
        }

        Held = true;
    }

    /// <summary>Releases the lock (spin_unlock()).</summary>
    public void Unlock()
    {
        if (!Held)
        {
            throw new InvalidOperationException($"Unlock of {Name}, which is not held.");
        }

        Held = false;
    }
}
