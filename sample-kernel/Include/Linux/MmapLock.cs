namespace KernelModel.SampleKernel;

/// <summary>include/linux/mmap_lock.h.</summary>
public static partial class Kernel
{
    /// <summary>Ports <c>mmap_read_lock()</c>.</summary>
    /// <param name="mm">The address space.</param>
    public static void MmapReadLock(MmStruct mm) => mm.MmapLock.ReadLock();

    /// <summary>Ports <c>mmap_read_unlock()</c>.</summary>
    /// <param name="mm">The address space.</param>
    public static void MmapReadUnlock(MmStruct mm) => mm.MmapLock.ReadUnlock();

    /// <summary>Ports <c>mmap_write_lock()</c>.</summary>
    /// <param name="mm">The address space.</param>
    public static void MmapWriteLock(MmStruct mm) => mm.MmapLock.WriteLock();

    /// <summary>Ports <c>mmap_write_unlock()</c>.</summary>
    /// <param name="mm">The address space.</param>
    public static void MmapWriteUnlock(MmStruct mm) => mm.MmapLock.WriteUnlock();
}
