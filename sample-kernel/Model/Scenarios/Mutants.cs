namespace KernelModel.SampleKernel.Model.Scenarios;

/// <summary>
/// Deliberately broken copies of kernel code, to show in the model the hazard that the flush rule prevents.
/// They are not part of the port: nothing in the kernel calls them.
/// </summary>
public static class Mutants
{
    /// <summary>
    /// The core of <c>collapse_huge_page()</c> with <c>pmdp_collapse_flush()</c> replaced by a PMD clear that
    /// does not flush: the sync then has no table-freeing flush to rely on, and skips its IPIs when the
    /// broadcast key is on.
    /// </summary>
    /// <param name="mm">The address space, mmap_lock held for reading.</param>
    /// <param name="address">The PMD-aligned address.</param>
    /// <returns>The scan result.</returns>
    public static ScanResult CollapseHugePageWithoutFlush(MmStruct mm, ulong address)
    {
        Kernel.MmapReadUnlock(mm);
        Kernel.MmapWriteLock(mm);
        ScanResult result = Kernel.HugepageVmaRevalidate(mm, address, out VmAreaStruct? vma);
        if (result == ScanResult.Succeed)
        {
            result = Kernel.FindPmdOrThpOrNone(mm, address, out PmdPointer pmd);
            if (result == ScanResult.Succeed)
            {
                Spinlock pmdPtl = Kernel.PmdLock(mm, pmd);
                Pmd oldPmd = pmd.Get();
                pmd.Set(Pmd.None); // the mutation: no flush_tlb_range() here
                pmdPtl.Unlock();
#pragma warning disable TLB001 // deliberately unflushed: this mutant exists to show the hazard TLB001 reports
                Kernel.TlbRemoveTableSyncOne();
#pragma warning restore TLB001
                Ptdesc pte = Kernel.PmdPgtable(oldPmd);
                Kernel.CollapseHugePageCopy(pte, new Folio(0x200000, Kernel.HpagePmdOrder), vma!, address);
                Kernel.SetPmdAt(mm, address, pmd, Pmd.Leaf(0x200000));
            }
        }

        Kernel.MmapWriteUnlock(mm);
        return result;
    }
}
