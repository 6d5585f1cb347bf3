namespace KernelModel.SampleKernel;

/// <summary>mm/filemap.c, mm/mmap.c and mm/swap.c: the few page-cache, VMA and folio calls khugepaged makes.</summary>
public static partial class Kernel
{
    /// <summary>Ports <c>vma_lookup()</c>: the VMA containing <paramref name="address"/>.</summary>
    /// <param name="mm">The address space.</param>
    /// <param name="address">The address.</param>
    /// <returns>The VMA, or null.</returns>
    public static VmAreaStruct? VmaLookup(MmStruct mm, ulong address) =>
        mm.Vmas.Find(vma => address >= vma.VmStart && address < vma.VmEnd);

    /// <summary>Ports <c>linear_page_index()</c>: the file index of the page mapped at <paramref name="address"/>.</summary>
    /// <param name="vma">The VMA.</param>
    /// <param name="address">The address.</param>
    /// <returns>The page index.</returns>
    public static ulong LinearPageIndex(VmAreaStruct vma, ulong address) =>
        ((address - vma.VmStart) >> PageShift) + vma.VmPgoff;

    /// <summary>Ports <c>filemap_lock_folio()</c>: finds and locks the cached folio at <paramref name="index"/>.</summary>
    /// <param name="mapping">The page cache.</param>
    /// <param name="index">The page index.</param>
    /// <returns>The locked folio with a reference taken, or null.</returns>
    public static Folio? FilemapLockFolio(AddressSpace mapping, ulong index)
    {
        if (!mapping.Folios.TryGetValue(index, out Folio? folio))
        {
            return null;
        }

        folio.Locked = true;
        folio.RefCount++;
        return folio;
    }

    /// <summary>Ports <c>folio_unlock()</c>.</summary>
    /// <param name="folio">The folio.</param>
    public static void FolioUnlock(Folio folio) => folio.Locked = false;

    /// <summary>Ports <c>folio_put()</c>.</summary>
    /// <param name="folio">The folio.</param>
    public static void FolioPut(Folio folio) => folio.RefCount--;
}
