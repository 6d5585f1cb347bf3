using System;

namespace KernelModel.SampleKernel.Model;

/// <summary>A reader/writer semaphore (struct rw_semaphore), as used for mmap_lock and i_mmap_rwsem.</summary>
/// <param name="name">What the semaphore protects, for messages.</param>
public sealed class RwSemaphore(string name)
{
    /// <summary>What the semaphore protects.</summary>
    public string Name { get; } = name;

    /// <summary>Readers holding it.</summary>
    public int Readers { get; private set; }

    /// <summary>Whether a writer holds it.</summary>
    public bool WriteLocked { get; private set; }

    /// <summary>Whether anyone holds it.</summary>
    public bool Locked => Readers > 0 || WriteLocked;

    /// <summary>Takes it for reading (down_read()).</summary>
    public void ReadLock()
    {
        if (WriteLocked)
        {
            throw new InvalidOperationException($"Deadlock: {Name} is write-locked.");
        }

        Readers++;
    }

    /// <summary>Releases a read hold (up_read()).</summary>
    public void ReadUnlock()
    {
        if (Readers == 0)
        {
            throw new InvalidOperationException($"Read unlock of {Name}, which has no readers.");
        }

        Readers--;
    }

    /// <summary>Takes it for writing (down_write()).</summary>
    public void WriteLock()
    {
        if (Locked)
        {
            throw new InvalidOperationException($"Deadlock: {Name} is already held.");
        }

        WriteLocked = true;
    }

    /// <summary>Tries to take it for writing without waiting (down_write_trylock()).</summary>
    /// <returns>Whether it was taken.</returns>
    public bool TryWriteLock()
    {
        if (Locked)
        {
            return false;
        }

        WriteLocked = true;
        return true;
    }

    /// <summary>Releases the write hold (up_write()).</summary>
    public void WriteUnlock()
    {
        if (!WriteLocked)
        {
            throw new InvalidOperationException($"Write unlock of {Name}, which is not write-locked.");
        }

        WriteLocked = false;
    }
}
