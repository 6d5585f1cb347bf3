namespace KernelModel.SampleKernel.Model;

/// <summary>Which kernel tree this assembly was built as (see SampleKernel.csproj).</summary>
public static class KernelTree
{
#if LINUX_7_0_TLB_FLUSH
    /// <summary>The tree's name: the series without its x86 half, tlb_flush() passing freed_tables only, as in Linux 7.0.</summary>
    public const string Name = "linux-7.0 tlb_flush";
#else
    /// <summary>The tree's name: the mm tree of May 2026 with the "skip redundant sync IPIs" series.</summary>
    public const string Name = "mm 2026-05";
#endif
}
