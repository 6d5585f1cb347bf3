using System.Collections.Immutable;
using System.Linq;

namespace KernelModel.Audit;

/// <summary>
/// The configuration matrix: each guarded call site (by source line and kernel name) against each configuration
/// (project) of the report — proved and by what, not compiled, or violated with the witness. Built from the report
/// model, so the filters apply to it as to every format.
/// </summary>
/// <param name="Configurations">The columns: the report's projects, in order.</param>
/// <param name="Rows">The rows: one per guarded call site.</param>
internal sealed record MatrixTable(ImmutableArray<string> Configurations, ImmutableArray<MatrixRow> Rows)
{
    /// <summary>The matrix of a report.</summary>
    /// <param name="report">The report.</param>
    /// <param name="names">How functions are named.</param>
    /// <returns>The table.</returns>
    public static MatrixTable Of(AuditReport report, NameStyle names) => new(
        report.Projects,
        report.Sites
            .Where(s => s.Kind == SiteKind.GuardedCall)
            .Select((site, i) => new MatrixRow(
                i + 1,
                site,
                Label(site.First, names),
                report.Projects.Select(p => MatrixCell.Of(site.In(p), names)).ToImmutableArray()))
            .ToImmutableArray());

    /// <summary>A site's name in the table: the enclosing function, the guarded callee, and the kernel file when the port mirrors one.</summary>
    private static string Label(AuditSite site, NameStyle names)
    {
        string method = names == NameStyle.CSharp || site.MethodKernel is null ? site.Method : site.MethodKernel.Function;
        string callee = names == NameStyle.CSharp || site.CalleeKernel is null ? site.Callee : site.CalleeKernel.Function;
        string file = names != NameStyle.CSharp && site.MethodKernel?.File is string kernelFile ? $" ({kernelFile})" : string.Empty;
        return $"{method} -> {callee}{file}";
    }
}

/// <summary>One site's row of the matrix.</summary>
/// <param name="Number">The row's number, from 1.</param>
/// <param name="Site">The site.</param>
/// <param name="Label">The site's function and callee, named as asked.</param>
/// <param name="Cells">One cell per configuration, in column order.</param>
internal sealed record MatrixRow(int Number, ReportSite Site, string Label, ImmutableArray<MatrixCell> Cells);

/// <summary>One cell: the state of a site in one configuration, in a word and in a sentence.</summary>
/// <param name="State">proved, violated, suppressed or not-compiled.</param>
/// <param name="Short">A word or two for a narrow table.</param>
/// <param name="Detail">Proved by what, or the witness; empty when not compiled.</param>
internal sealed record MatrixCell(string State, string Short, string Detail)
{
    /// <summary>The cell of a configuration's verdict.</summary>
    /// <param name="site">The verdict, or null when the configuration does not compile the site.</param>
    /// <param name="names">How functions are named.</param>
    /// <returns>The cell.</returns>
    public static MatrixCell Of(AuditSite? site, NameStyle names)
    {
        if (site is null)
        {
            return new MatrixCell("not-compiled", "not compiled", "not compiled");
        }

        if (!site.Proved)
        {
            string witness = site.Witness?.Sentence ?? "not proved";
            return site.IsViolation
                ? new MatrixCell("violated", "VIOLATED", "violated: " + witness)
                : new MatrixCell("suppressed", "suppressed", $"suppressed ({site.Suppression}): {witness}");
        }

        // Where the broadcast check is always false (powerpc, sparc64), no flush is needed: the sync sends its own IPI.
        if (site.Justifications.All(j => j is SyncSendsOwnIpi) && site.Justifications.FirstOrDefault() is SyncSendsOwnIpi own)
        {
            return new MatrixCell("proved", "own IPI", $"safe: the sync sends its own IPI ({own.Check}() is always false)");
        }

        return new MatrixCell("proved", "proved", "proved by " + string.Join("; ", site.Justifications.Select(j => ByWhat(j, names))));
    }

    /// <summary>What proves a site, in a few words.</summary>
    private static string ByWhat(Justification justification, NameStyle names) => justification switch
    {
        FlushChain chain => "the flush " + string.Join(" -> ", chain.Chain.Select(l => Name(l, names))),
        CallersContract contract => $"{contract.Contract} on {contract.Owner}, discharged by " +
            (contract.Discharges.IsEmpty ? "no caller" : $"{contract.Discharges.Length} {(contract.Discharges.Length == 1 ? "caller" : "callers")}" +
                (contract.Discharges.All(d => d.Proved) ? ", all proved" : ", not all proved")),
        UnlessHolds unless => $"'{unless.Condition}' (the Unless condition) at the call",
        SyncSendsOwnIpi own => $"the sync's own IPI ({own.Check}() is always false)",
        ConditionHolds holds => $"'{holds.Condition}' at the call",
        _ => justification.ToString(),
    };

    private static string Name(ChainLink link, NameStyle names) =>
        names == NameStyle.CSharp || link.Kernel is null ? link.Target + "()" : link.Kernel.Function + "()";
}
