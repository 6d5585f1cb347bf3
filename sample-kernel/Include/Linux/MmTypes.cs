using System.Collections.Generic;
using KernelModel.SampleKernel.Model;

namespace KernelModel.SampleKernel;

/// <summary>An address space (struct mm_struct in include/linux/mm_types.h).</summary>
/// <param name="name">A name for messages.</param>
public sealed class MmStruct(string name)
{
    /// <summary>A name for messages.</summary>
    public string Name { get; } = name;

    /// <summary>CPUs that have this mm loaded, actively or lazily (mm_cpumask()).</summary>
    public Cpumask Cpumask { get; } = new();

    /// <summary>The TLB generation, bumped by every flush (context.tlb_gen).</summary>
    public ulong TlbGen { get; set; }

    /// <summary>The global ASID used for INVLPGB broadcast flushes; 0 when the mm has none.</summary>
    public ushort GlobalAsid { get; set; }

    /// <summary>The top-level table, flattened to PUD entries indexed by <c>address &gt;&gt; PUD_SHIFT</c>.</summary>
    public Pud[] Puds { get; } = new Pud[Kernel.PtrsPerPud];

    /// <summary>mmap_lock.</summary>
    public RwSemaphore MmapLock { get; } = new($"{name}.mmap_lock");

    /// <summary>Flushes batched by other gathers and not yet done (tlb_flush_pending).</summary>
    public int TlbFlushPending { get; set; }

    /// <summary>PTE tables in use (mm_inc_nr_ptes()/mm_dec_nr_ptes()).</summary>
    public int NrPtes { get; set; }

    /// <summary>PMD tables in use (mm_inc_nr_pmds()/mm_dec_nr_pmds()).</summary>
    public int NrPmds { get; set; }

    /// <summary>The process is exiting (hpage_collapse_test_exit()).</summary>
    public bool Exiting { get; set; }

    /// <summary>PTE tables deposited for splitting huge PMDs later (pmd_huge_pte).</summary>
    public List<Ptdesc> DepositedPgtables { get; } = new();

    /// <summary>VMAs by start address.</summary>
    public List<VmAreaStruct> Vmas { get; } = new();

    /// <inheritdoc />
    public override string ToString() => Name;
}

/// <summary>A virtual memory area (struct vm_area_struct).</summary>
/// <param name="mm">The owning mm.</param>
/// <param name="start">First address.</param>
/// <param name="end">One past the last address.</param>
public sealed class VmAreaStruct(MmStruct mm, ulong start, ulong end)
{
    /// <summary>The owning mm (vm_mm).</summary>
    public MmStruct VmMm { get; } = mm;

    /// <summary>First address (vm_start).</summary>
    public ulong VmStart { get; } = start;

    /// <summary>One past the last address (vm_end).</summary>
    public ulong VmEnd { get; } = end;

    /// <summary>File offset of <see cref="VmStart"/> in pages (vm_pgoff).</summary>
    public ulong VmPgoff { get; init; }

    /// <summary>The mapped file's page cache (vm_file->f_mapping), or null for anonymous memory.</summary>
    public AddressSpace? Mapping { get; init; }

    /// <summary>Whether anonymous pages are mapped here (vma->anon_vma != NULL).</summary>
    public bool HasAnonVma { get; set; }

    /// <summary>Whether userfaultfd write-protection is armed (userfaultfd_wp()).</summary>
    public bool UffdWp { get; set; }

    /// <summary>Whether this is a hugetlb mapping of PMD-sized pages (is_vm_hugetlb_page()).</summary>
    public bool IsHugetlb { get; init; }

    /// <summary>Whether the VMA may share PMD tables with other mms (want_pmd_share()).</summary>
    public bool WantPmdShare { get; init; }

    /// <summary>The VMA lock (vma_start_write()).</summary>
    public RwSemaphore VmaLock { get; } = new("vma_lock");

    /// <summary>Whether <paramref name="start"/>..<paramref name="end"/> lies inside this VMA (range_in_vma()).</summary>
    /// <param name="start">First address.</param>
    /// <param name="end">One past the last address.</param>
    /// <returns>True when the range is inside.</returns>
    public bool Contains(ulong start, ulong end) => start >= VmStart && end <= VmEnd;
}

/// <summary>A file's page cache and the VMAs that map it (struct address_space).</summary>
public sealed class AddressSpace
{
    /// <summary>Every VMA mapping this file (the i_mmap interval tree, as a list).</summary>
    public List<VmAreaStruct> IMmap { get; } = new();

    /// <summary>i_mmap_rwsem.</summary>
    public RwSemaphore IMmapRwsem { get; } = new("i_mmap_rwsem");

    /// <summary>Cached folios by page index.</summary>
    public Dictionary<ulong, Folio> Folios { get; } = new();
}

/// <summary>A folio: one or more physically contiguous pages (struct folio).</summary>
/// <param name="pfn">Its first page frame number.</param>
/// <param name="order">log2 of its size in pages.</param>
public sealed class Folio(ulong pfn, int order)
{
    /// <summary>First page frame number.</summary>
    public ulong Pfn { get; } = pfn;

    /// <summary>log2 of the size in pages.</summary>
    public int Order { get; } = order;

    /// <summary>Whether the folio lock is held.</summary>
    public bool Locked { get; set; }

    /// <summary>Reference count.</summary>
    public int RefCount { get; set; } = 1;

    /// <summary>Whether the contents are valid (folio_test_uptodate()).</summary>
    public bool Uptodate { get; set; }
}
