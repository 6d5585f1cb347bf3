using System;

namespace KernelModel.CorpusGenerator;

/// <summary>
/// Methods with no guarded call and no contract: the bulk of any code base, and what the analyzer must pass over
/// cheaply (SPEC §5: no control-flow graph for them). Some of them still flush, as most kernel code that flushes
/// never syncs.
/// </summary>
internal static class OrdinaryMethods
{
    /// <summary>How many different shapes there are.</summary>
    public const int Shapes = 7;

    /// <summary>Writes one method.</summary>
    /// <param name="writer">The file.</param>
    /// <param name="shape">Which shape, from 0 to <see cref="Shapes"/> - 1.</param>
    /// <param name="id">Makes the method's name unique in its class.</param>
    /// <param name="unit">The file's shared helpers.</param>
    public static void Write(SourceWriter writer, int shape, int id, UnitContext unit)
    {
        switch (shape)
        {
            case 0:
                SumRange(writer, id);
                break;
            case 1:
                Classify(writer, id);
                break;
            case 2:
                Describe(writer, id);
                break;
            case 3:
                TryCount(writer, id);
                break;
            case 4:
                GatherWithoutSync(writer, id);
                break;
            case 5:
                CountLarge(writer, id);
                break;
            case 6:
                Shootdown(writer, id, unit);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(shape), shape, "no such shape");
        }

        writer.Line();
    }

    /// <summary>Writes the file's flush wrapper chain: FlushChainN calls FlushChainN-1 … FlushChain1 calls the primitive.</summary>
    /// <param name="writer">The file.</param>
    /// <param name="depth">How many wrappers.</param>
    public static void WriteChain(SourceWriter writer, int depth)
    {
        for (int level = depth; level >= 1; level--)
        {
            writer.Line($"private static void FlushChain{level}(MmStruct mm)");
            writer.Open();
            writer.Line(level == 1 ? "FlushTlbMmRange(mm, 0, TlbFlushAll, 0, freedTables: true);" : $"FlushChain{level - 1}(mm);");
            writer.Close();
            writer.Line();
        }
    }

    private static void SumRange(SourceWriter w, int id)
    {
        w.Line($"public static ulong SumRange{id}(ulong start, ulong end)");
        w.Open();
        w.Line("ulong total = 0;");
        w.Line("for (ulong address = start; address < end; address += PageSize)");
        w.Open();
        w.Line("total += address >> PageShift;");
        w.Close();
        w.Line();
        w.Line("return total;");
        w.Close();
    }

    private static void Classify(SourceWriter w, int id)
    {
        w.Line($"public static int Classify{id}(VmAreaStruct vma, bool writable)");
        w.Open();
        w.Line("bool huge = vma.VmEnd - vma.VmStart >= HpagePmdSize;");
        w.Line("int score = 0;");
        w.Line("if (huge && writable)");
        w.Open();
        w.Line("score += 2;");
        w.Close();
        w.Line("else if (huge)");
        w.Open();
        w.Line("score++;");
        w.Close();
        w.Line();
        w.Line("return score switch");
        w.Open();
        w.Line("0 => -1,");
        w.Line("1 => 1,");
        w.Line("_ => score * 2,");
        w.Close(";");
        w.Close();
    }

    private static void Describe(SourceWriter w, int id)
    {
        w.Line($"public static string Describe{id}(IReadOnlyList<VmAreaStruct> areas)");
        w.Open();
        w.Line("var parts = new List<string>();");
        w.Line("foreach (VmAreaStruct vma in areas)");
        w.Open();
        w.Line("parts.Add($\"{vma.VmStart:x}-{vma.VmEnd:x}\");");
        w.Close();
        w.Line();
        w.Line("return string.Join(\", \", parts);");
        w.Close();
    }

    private static void TryCount(SourceWriter w, int id)
    {
        w.Line($"public static bool TryCount{id}(MmStruct mm, int[] counts)");
        w.Open();
        w.Line("try");
        w.Open();
        w.Line("counts[mm.Users]++;");
        w.Line("return true;");
        w.Close();
        w.Line("catch (IndexOutOfRangeException)");
        w.Open();
        w.Line("return false;");
        w.Close();
        w.Close();
    }

    private static void GatherWithoutSync(SourceWriter w, int id)
    {
        w.Line($"public static void ZapRange{id}(MmuGather tlb, ulong start, ulong end)");
        w.Open();
        w.Line("tlb.Start = Math.Min(tlb.Start, start);");
        w.Line("tlb.End = Math.Max(tlb.End, end);");
        w.Line("tlb.ClearedPtes = true;");
        w.Line("TlbFlushMmuTlbonly(tlb);");
        w.Close();
    }

    private static void CountLarge(SourceWriter w, int id)
    {
        w.Line($"public static int CountLarge{id}(IEnumerable<VmAreaStruct> areas, ulong minimum)");
        w.Open();
        w.Line("Func<VmAreaStruct, bool> large = vma => vma.VmEnd - vma.VmStart >= minimum;");
        w.Line("int count = 0;");
        w.Line("foreach (VmAreaStruct vma in areas)");
        w.Open();
        w.Line("if (large(vma))");
        w.Open();
        w.Line("count++;");
        w.Close();
        w.Close();
        w.Line();
        w.Line("return count;");
        w.Close();
    }

    private static void Shootdown(SourceWriter w, int id, UnitContext unit)
    {
        w.Line($"public static void Shootdown{id}(MmStruct mm, bool whole)");
        w.Open();
        w.Line("if (whole)");
        w.Open();
        w.Line($"FlushChain{unit.ChainDepth}(mm);");
        w.Close();
        w.Line("else");
        w.Open();
        w.Line("FlushTlbMm(mm);");
        w.Close();
        w.Close();
    }
}
