using System;

namespace KernelModel.CorpusGenerator;

/// <summary>
/// Methods that make a guarded call or carry a contract obligation, each in a proved and a violating form. The
/// violating form marks the line the diagnostic must start on with <c>// expect:</c>.
/// </summary>
internal static class GuardedMethods
{
    /// <summary>How many different shapes there are.</summary>
    public const int Shapes = 8;

    /// <summary>Writes one method.</summary>
    /// <param name="writer">The file.</param>
    /// <param name="shape">Which shape, from 0 to <see cref="Shapes"/> - 1.</param>
    /// <param name="id">Makes the method's name unique in its class.</param>
    /// <param name="violation">Whether to seed a violation.</param>
    /// <param name="unit">The file's shared helpers.</param>
    public static void Write(SourceWriter writer, int shape, int id, bool violation, UnitContext unit)
    {
        unit.GuardedSites++;
        switch (shape)
        {
            case 0:
                DirectFlush(writer, id, violation);
                break;
            case 1:
                WrapperChain(writer, id, violation, unit);
                break;
            case 2:
                GatherState(writer, id, violation);
                break;
            case 3:
                Branches(writer, id, violation);
                break;
            case 4:
                Loop(writer, id, violation);
                break;
            case 5:
                CallsRequiresFlush(writer, id, violation, unit);
                break;
            case 6:
                CallsRequiresCondition(writer, id, violation, unit);
                break;
            case 7:
                Ensures(writer, id, violation, unit);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(shape), shape, "no such shape");
        }

        writer.Line();
    }

    /// <summary>Writes the wrapper chains and contract helpers the file's methods call.</summary>
    /// <param name="writer">The file.</param>
    /// <param name="unit">The file's shared helpers.</param>
    public static void WriteHelpers(SourceWriter writer, UnitContext unit)
    {
        if (unit.NeedsRequiresFlushHelper)
        {
            writer.Line("/// <summary>Frees a page table once lockless walkers are done.</summary>");
            writer.Line("/// <remarks>Callers must have performed a TLB flush with freedTables or unsharedTables set.</remarks>");
            writer.Line("/// <param name=\"table\">The page table.</param>");
            writer.Line("[RequiresTableFlush]");
            writer.Line("private static void FreeTableAfterFlush(PageTable table)");
            writer.Open();
            writer.Line("TlbRemoveTableSyncOne();");
            writer.Line("FreeTable(table);");
            writer.Close();
            writer.Line();
        }

        if (unit.NeedsRequiresConditionHelper)
        {
            writer.Line("/// <summary>Removes a page table through the gather; the gather must have FreedTables set.</summary>");
            writer.Line("/// <remarks>The invalidation flushes with FreedTables, which the sync relies on.</remarks>");
            writer.Line("/// <param name=\"tlb\">The gather.</param>");
            writer.Line("/// <param name=\"table\">The page table.</param>");
            writer.Line("[RequiresCondition(\"tlb.FreedTables\")]");
            writer.Line("private static void RemoveTable(MmuGather tlb, PageTable table)");
            writer.Open();
            writer.Line("TlbTableInvalidate(tlb);");
            writer.Line("TlbRemoveTableSyncRcu();");
            writer.Line("FreeTable(table);");
            writer.Close();
            writer.Line();
        }

        if (unit.NeedsPageChain)
        {
            writer.Line("private static void PageChain(VmAreaStruct vma, ulong address) => PageChainStep(vma, address);");
            writer.Line();
            writer.Line("private static void PageChainStep(VmAreaStruct vma, ulong address) => FlushTlbPage(vma, address);");
            writer.Line();
        }
    }

    private static void DirectFlush(SourceWriter w, int id, bool violation)
    {
        w.Line($"public static void CollapseRange{id}(VmAreaStruct vma, ulong address)");
        w.Open();
        w.Line("ulong end = address + HpagePmdSize;");
        w.Line(violation ? "FlushTlbPage(vma, address);" : "FlushTlbRange(vma, address, end);");
        w.Line("TlbRemoveTableSyncOne();", violation ? "TLB001" : null);
        w.Close();
    }

    private static void WrapperChain(SourceWriter w, int id, bool violation, UnitContext unit)
    {
        w.Line($"public static void RetractTables{id}(VmAreaStruct vma, ulong address)");
        w.Open();
        if (violation)
        {
            unit.NeedsPageChain = true;
            w.Line("PageChain(vma, address);");
        }
        else
        {
            w.Line($"FlushChain{unit.ChainDepth}(vma.VmMm);");
        }

        w.Line("TlbRemoveTableSyncOne();", violation ? "TLB001" : null);
        w.Close();
    }

    private static void GatherState(SourceWriter w, int id, bool violation)
    {
        w.Line($"public static void FreePgtables{id}(MmuGather tlb, MmStruct mm, ulong start, ulong end)");
        w.Open();
        w.Line("TlbGatherMmu(tlb, mm);");
        w.Line("tlb.Start = start;");
        w.Line("tlb.End = end;");
        w.Line(violation ? "tlb.ClearedPtes = true;" : "tlb.FreedTables = true;");
        w.Line("TlbFlushMmuTlbonly(tlb);");
        w.Line("TlbRemoveTableSyncOne();", violation ? "TLB001" : null);
        w.Close();
    }

    private static void Branches(SourceWriter w, int id, bool violation)
    {
        w.Line($"public static void UnshareOrCollapse{id}(VmAreaStruct vma, ulong address, bool whole)");
        w.Open();
        w.Line("if (whole)");
        w.Open();
        w.Line("FlushTlbMm(vma.VmMm);");
        w.Close();
        w.Line(violation ? "else if (address > vma.VmStart)" : "else");
        w.Open();
        w.Line("FlushTlbRange(vma, address, address + HpagePmdSize);");
        w.Close();
        w.Line();
        w.Line("TlbRemoveTableSyncOne();", violation ? "TLB001" : null);
        w.Close();
    }

    private static void Loop(SourceWriter w, int id, bool violation)
    {
        w.Line($"public static int ScanAndCollapse{id}(VmAreaStruct vma, int pages)");
        w.Open();
        w.Line("int collapsed = 0;");
        if (!violation)
        {
            w.Line("FlushTlbRange(vma, vma.VmStart, vma.VmEnd);");
        }

        w.Line("for (int i = 0; i < pages; i++)");
        w.Open();
        w.Line("if (vma.VmStart + ((ulong)i << PageShift) >= vma.VmEnd)");
        w.Open();
        w.Line("break;");
        w.Close();
        w.Line();
        if (violation)
        {
            w.Line("FlushTlbRange(vma, vma.VmStart, vma.VmEnd);");
        }

        w.Line("collapsed++;");
        w.Close();
        w.Line();
        w.Line("TlbRemoveTableSyncOne();", violation ? "TLB001" : null);
        w.Line("return collapsed;");
        w.Close();
    }

    private static void CallsRequiresFlush(SourceWriter w, int id, bool violation, UnitContext unit)
    {
        unit.NeedsRequiresFlushHelper = true;
        w.Line($"public static void ReleaseTable{id}(VmAreaStruct vma, PageTable table)");
        w.Open();
        w.Line(violation ? "FlushTlbPage(vma, vma.VmStart);" : "FlushTlbRange(vma, vma.VmStart, vma.VmEnd);");
        w.Line("FreeTableAfterFlush(table);", violation ? "TLB001" : null);
        w.Close();
    }

    private static void CallsRequiresCondition(SourceWriter w, int id, bool violation, UnitContext unit)
    {
        unit.NeedsRequiresConditionHelper = true;
        w.Line($"public static void FreePmdTable{id}(MmuGather tlb, MmStruct mm, PageTable table)");
        w.Open();
        w.Line("TlbGatherMmu(tlb, mm);");
        w.Line(violation ? "tlb.ClearedPmds = true;" : "tlb.FreedTables = true;");
        w.Line("RemoveTable(tlb, table);", violation ? "TLB002" : null);
        w.Close();
    }

    private static void Ensures(SourceWriter w, int id, bool violation, UnitContext unit)
    {
        w.Line("/// <summary>Flushes the whole range so that page tables may be freed.</summary>");
        w.Line("/// <param name=\"vma\">The area.</param>");
        w.Line("/// <param name=\"ranged\">Whether a range flush suffices.</param>");
        w.Line("[EnsuresTableFlush]");
        w.Line($"public static void FlushForFree{id}(VmAreaStruct vma, bool ranged)", violation ? "TLB005" : null);
        w.Open();
        w.Line("if (ranged)");
        w.Open();
        w.Line("FlushTlbRange(vma, vma.VmStart, vma.VmEnd);");
        w.Close();
        if (!violation)
        {
            w.Line("else");
            w.Open();
            w.Line($"FlushChain{unit.ChainDepth}(vma.VmMm);");
            w.Close();
        }

        w.Close();
    }
}
