using KernelModel.Contracts;
using KernelModel.SampleKernel.Model;

namespace KernelModel.SampleKernel;

/// <summary>include/linux/pgtable.h and the page-table accessors of include/linux/mm.h.</summary>
public static partial class Kernel
{
    /// <summary>
    /// Ports <c>pmdp_get_lockless_sync()</c>: on configurations that read a PMD in two halves
    /// (CONFIG_GUP_GET_PXX_LOW_HIGH), waits with <c>tlb_remove_table_sync_one()</c> until no lockless reader
    /// can still be reading the old PMD; elsewhere it does nothing.
    /// </summary>
    /// <remarks>
    /// Callers must have performed a TLB flush with freedTables set, as x86's pmdp_collapse_flush() does: the
    /// sync relies on it and skips its IPIs when that flush already interrupted every CPU. Where
    /// <c>tlb_table_flush_implies_ipi_broadcast()</c> is always false the sync sends its own IPI and no flush is
    /// needed (powerpc's pmdp_collapse_flush() has none).
    /// </remarks>
#if ARCH_HAS_TLB_TABLE_FLUSH_IMPLIES_IPI_BROADCAST
    [RequiresTableFlush]
#else
    [RequiresTableFlush(Unless = "!TlbTableFlushImpliesIpiBroadcast()")]
#endif
    public static void PmdpGetLocklessSync()
    {
        if (KernelConfig.GupGetPxxLowHigh)
        {
            TlbRemoveTableSyncOne();
        }
    }

    /// <summary>Ports <c>pud_offset()</c> on the model's flattened top level.</summary>
    /// <param name="mm">The address space.</param>
    /// <param name="address">An address.</param>
    /// <returns>The index of the PUD entry covering it.</returns>
    public static int PudIndex(MmStruct mm, ulong address) => (int)(address >> PudShift);

    /// <summary>Ports <c>pmd_offset()</c>: the PMD entry covering <paramref name="address"/>, if a PMD table exists.</summary>
    /// <param name="mm">The address space.</param>
    /// <param name="address">An address.</param>
    /// <returns>A pointer to the entry, or null when the PUD is empty.</returns>
    public static PmdPointer? PmdOffset(MmStruct mm, ulong address)
    {
        Pud pud = mm.Puds[PudIndex(mm, address)];
        if (pud.IsNone)
        {
            return null;
        }

        return new PmdPointer(pud.Table!, (int)((address >> PmdShift) % PtrsPerPmd));
    }

    /// <summary>Ports <c>pud_clear()</c>.</summary>
    /// <param name="mm">The address space.</param>
    /// <param name="address">An address the entry covers.</param>
    public static void PudClear(MmStruct mm, ulong address) => mm.Puds[PudIndex(mm, address)] = default;

    /// <summary>Ports <c>pmd_lock()</c>: takes the split lock of the PMD table holding the entry.</summary>
    /// <param name="mm">The address space.</param>
    /// <param name="pmd">The entry.</param>
    /// <returns>The lock taken.</returns>
    public static Spinlock PmdLock(MmStruct mm, PmdPointer pmd)
    {
        pmd.Table.Ptl.Lock();
        return pmd.Table.Ptl;
    }

    /// <summary>Ports <c>pte_lockptr()</c>: the split lock of the PTE table an entry points to.</summary>
    /// <param name="mm">The address space.</param>
    /// <param name="pmdval">The PMD value pointing at the PTE table.</param>
    /// <returns>The lock, not taken.</returns>
    public static Spinlock PteLockptr(MmStruct mm, Pmd pmdval) => pmdval.Table!.Ptl;

    /// <summary>Ports <c>pmd_pgtable()</c>: the PTE table a PMD value points to.</summary>
    /// <param name="pmdval">The PMD value.</param>
    /// <returns>The table.</returns>
    public static Ptdesc PmdPgtable(Pmd pmdval) => pmdval.Table!;

    /// <summary>Ports <c>pmd_populate()</c>: points a PMD entry at a PTE table.</summary>
    /// <param name="mm">The address space.</param>
    /// <param name="pmd">The entry.</param>
    /// <param name="pgtable">The PTE table.</param>
    public static void PmdPopulate(MmStruct mm, PmdPointer pmd, Ptdesc pgtable) => pmd.Set(Pmd.ToTable(pgtable));

    /// <summary>Ports <c>set_pmd_at()</c>.</summary>
    /// <param name="mm">The address space.</param>
    /// <param name="address">The address the entry maps.</param>
    /// <param name="pmd">The entry.</param>
    /// <param name="value">The new value.</param>
    public static void SetPmdAt(MmStruct mm, ulong address, PmdPointer pmd, Pmd value) => pmd.Set(value);

    /// <summary>Ports <c>pmd_same()</c>.</summary>
    /// <param name="a">One value.</param>
    /// <param name="b">The other.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool PmdSame(Pmd a, Pmd b) => a == b;

    /// <summary>Ports <c>pmdp_get_lockless()</c>: reads a PMD entry without its lock.</summary>
    /// <param name="pmd">The entry.</param>
    /// <returns>Its value.</returns>
    public static Pmd PmdpGetLockless(PmdPointer pmd) => pmd.Get();
}
