namespace KernelModel.SampleKernel;

/// <summary>x86-64 paging constants (arch/x86/include/asm/page_types.h, pgtable_64_types.h).</summary>
public static partial class Kernel
{
    /// <summary>PAGE_SHIFT.</summary>
    public const int PageShift = 12;

    /// <summary>PAGE_SIZE.</summary>
    public const ulong PageSize = 1UL << PageShift;

    /// <summary>PMD_SHIFT.</summary>
    public const int PmdShift = 21;

    /// <summary>PMD_SIZE, also HPAGE_PMD_SIZE.</summary>
    public const ulong PmdSize = 1UL << PmdShift;

    /// <summary>HPAGE_PMD_SIZE.</summary>
    public const ulong HpagePmdSize = PmdSize;

    /// <summary>HPAGE_PMD_MASK.</summary>
    public const ulong HpagePmdMask = ~(HpagePmdSize - 1);

    /// <summary>HPAGE_PMD_ORDER.</summary>
    public const int HpagePmdOrder = PmdShift - PageShift;

    /// <summary>PUD_SHIFT.</summary>
    public const int PudShift = 30;

    /// <summary>PUD_SIZE.</summary>
    public const ulong PudSize = 1UL << PudShift;

    /// <summary>PUD_MASK.</summary>
    public const ulong PudMask = ~(PudSize - 1);

    /// <summary>P4D_SHIFT.</summary>
    public const int P4dShift = 39;

    /// <summary>PTRS_PER_PTE.</summary>
    public const int PtrsPerPte = 512;

    /// <summary>PTRS_PER_PMD.</summary>
    public const int PtrsPerPmd = 512;

    /// <summary>PUD entries the model's address space has (16 GiB; the real top levels are folded away).</summary>
    public const int PtrsPerPud = 16;

    /// <summary>TLB_FLUSH_ALL: flush the whole address space.</summary>
    public const ulong TlbFlushAll = ulong.MaxValue;
}
