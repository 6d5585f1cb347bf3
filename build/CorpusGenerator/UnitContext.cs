namespace KernelModel.CorpusGenerator;

/// <summary>What the methods of one generated file share: its wrapper chain and the contract helpers they call.</summary>
/// <param name="ChainDepth">How many wrappers lie between <c>FlushChain1</c> … and the flush primitive (1–8).</param>
internal sealed record UnitContext(int ChainDepth)
{
    /// <summary>Whether some method calls the page-flush wrapper chain (which passes freedTables: false).</summary>
    public bool NeedsPageChain { get; set; }

    /// <summary>Whether some method calls the <c>[RequiresTableFlush]</c> helper.</summary>
    public bool NeedsRequiresFlushHelper { get; set; }

    /// <summary>Whether some method calls the <c>[RequiresCondition]</c> helper.</summary>
    public bool NeedsRequiresConditionHelper { get; set; }

    /// <summary>How many guarded call sites and contract obligations the file has.</summary>
    public int GuardedSites { get; set; }
}
