namespace KernelModel.SampleKernel;

/// <summary>
/// A PMD entry (pmd_t in arch/x86/include/asm/pgtable_types.h): none, a pointer to a PTE table, or a leaf
/// mapping a PMD-sized page (a THP, or a hugetlb page).
/// </summary>
/// <param name="Table">The PTE table it points to, if it is a table entry.</param>
/// <param name="LeafPfn">The first page frame number it maps, if it is a leaf.</param>
public readonly record struct Pmd(Ptdesc? Table, ulong LeafPfn)
{
    /// <summary>The empty entry.</summary>
    public static Pmd None => default;

    /// <summary>Whether the entry is empty (pmd_none()).</summary>
    public bool IsNone => Table is null && LeafPfn == 0;

    /// <summary>Whether the entry maps a PMD-sized page (pmd_leaf()).</summary>
    public bool IsLeaf => Table is null && LeafPfn != 0;

    /// <summary>An entry pointing at a PTE table (pmd_populate()'s value).</summary>
    /// <param name="table">The PTE table.</param>
    /// <returns>The entry.</returns>
    public static Pmd ToTable(Ptdesc table) => new(table, 0);

    /// <summary>A leaf entry mapping <paramref name="pfn"/> (folio_mk_pmd()).</summary>
    /// <param name="pfn">The first page frame number.</param>
    /// <returns>The entry.</returns>
    public static Pmd Leaf(ulong pfn) => new(null, pfn);
}

/// <summary>A PUD entry (pud_t): none, or a pointer to a PMD table, which hugetlb may share between mms.</summary>
/// <param name="Table">The PMD table it points to.</param>
public readonly record struct Pud(Ptdesc? Table)
{
    /// <summary>Whether the entry is empty (pud_none()).</summary>
    public bool IsNone => Table is null;
}

/// <summary>A pointer to one PMD entry (pmd_t *): the table that holds it and its index there.</summary>
/// <param name="Table">The PMD table.</param>
/// <param name="Index">The entry's index.</param>
public readonly record struct PmdPointer(Ptdesc Table, int Index)
{
    /// <summary>Reads the entry (pmdp_get()).</summary>
    public Pmd Get() => Table.Pmds![Index];

    /// <summary>Writes the entry (set_pmd()); a lockless reader of it notices (see <see cref="Ptdesc.EntryWritten"/>).</summary>
    /// <param name="value">The new entry.</param>
    public void Set(Pmd value)
    {
        Table.Pmds![Index] = value;
        Table.EntryWritten(Index);
    }
}
