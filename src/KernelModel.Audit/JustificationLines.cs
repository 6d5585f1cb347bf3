using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace KernelModel.Audit;

/// <summary>
/// The justification of a site in words, one line per step, shared by the text, markdown and HTML reports: each
/// flush chain as a reviewer would write it by hand (in the kernel's names, the port's or both), each contract with
/// where its callers discharge it, each witness step of a violation.
/// </summary>
internal static class JustificationLines
{
    /// <summary>The lines explaining <paramref name="site"/>, each with its indentation depth.</summary>
    /// <param name="site">The site.</param>
    /// <param name="names">How to name functions.</param>
    /// <returns>The lines.</returns>
    public static IEnumerable<(int Depth, string Text)> Of(AuditSite site, NameStyle names = NameStyle.Both)
    {
        if (!site.Proved && site.Witness is AuditWitness witness)
        {
            yield return (0, $"{site.Rule}: '{Function(site.Callee, site.CalleeKernel, names)}' requires {site.Requirement}, but {witness.Sentence}");
            if (site.Suppression is not null)
            {
                yield return (0, "not reported by the build: " + site.Suppression);
            }

            if (!witness.Steps.IsEmpty)
            {
                yield return (0, "path:");
                foreach (WitnessStep step in witness.Steps)
                {
                    yield return (1, $"{step.At.RelativeTo(site.At)}  {Words(step.Kind)}  {step.Text}: {step.Detail}");
                }
            }

            yield break;
        }

        foreach (Justification justification in site.Justifications)
        {
            switch (justification)
            {
                case FlushChain chain:
                    ChainLink first = chain.Chain[0];
                    yield return (0, $"flushed by {Call(first, names)} at {first.At.RelativeTo(site.At)}{How(first)}");
                    foreach (ChainLink link in chain.Chain.Skip(1))
                    {
                        yield return (1, $"-> {Call(link, names)} at {link.At.RelativeTo(site.At)}{How(link)}");
                    }

                    if (names == NameStyle.Both && chain.Chain.Any(l => l.Kernel is not null))
                    {
                        yield return (1, "in kernel terms: " + KernelChain(chain));
                    }

                    break;
                case CallersContract contract:
                    yield return (0, $"covered by {contract.Contract} on {contract.Owner} ({contract.Declared.RelativeTo(site.At)})");
                    if (contract.Discharges.IsEmpty)
                    {
                        yield return (1, "no caller in this project");
                    }

                    foreach (Discharge discharge in contract.Discharges)
                    {
                        yield return (1, $"discharged by {discharge.Method} at {discharge.At.RelativeTo(site.At)} ({(discharge.Proved ? "proved" : "violation")})");
                    }

                    break;
                case UnlessHolds unless:
                    yield return (0, $"no flush needed: the Unless condition '{unless.Condition}' holds at the call");
                    break;
                case SyncSendsOwnIpi own:
                    yield return (0, own.Sentence);
                    break;
                case ConditionHolds holds:
                    yield return (0, $"'{holds.Condition}' is true at the call on every path");
                    break;
            }
        }
    }

    /// <summary>A flush chain in the kernel's terms, as the review that started this project wrote it by hand.</summary>
    /// <param name="chain">The chain.</param>
    /// <returns>For example <c>pmdp_collapse_flush(vma, address, pmd) -> flush_tlb_range(...)</c>.</returns>
    public static string KernelChain(FlushChain chain) => string.Join(" -> ", chain.Chain.Select(l => Call(l, NameStyle.Kernel)));

    /// <summary>A chain link's call, named as asked: the port's text, or with the kernel function's name.</summary>
    /// <param name="link">The link.</param>
    /// <param name="names">How to name it.</param>
    /// <returns>The call.</returns>
    public static string Call(ChainLink link, NameStyle names)
    {
        if (names != NameStyle.Kernel || link.Kernel is not KernelName kernel)
        {
            return link.Call;
        }

        string call = Regex.Replace(link.Call, $@"^(?:[A-Za-z_][A-Za-z0-9_]*\.)*{Regex.Escape(link.Target)}\b", kernel.Function);
        return Regex.Replace(call, @"!(?=[,)\.\s])", string.Empty);
    }

    /// <summary>A function named as asked: <c>Name</c>, <c>kernel_name</c> or <c>Name (kernel_name)</c>.</summary>
    /// <param name="csharp">The port's name.</param>
    /// <param name="kernel">The kernel's, or null.</param>
    /// <param name="names">How to name it.</param>
    /// <returns>The name.</returns>
    public static string Function(string csharp, KernelName? kernel, NameStyle names) => (names, kernel) switch
    {
        (_, null) or (NameStyle.CSharp, _) => csharp,
        (NameStyle.Kernel, _) => kernel.Function,
        _ => $"{csharp} ({kernel.Function})",
    };

    /// <summary>A witness step's kind in plain words.</summary>
    /// <param name="kind">The kind, e.g. <c>non-qualifying-flush</c>.</param>
    /// <returns>The words.</returns>
    public static string Words(string kind) => kind switch
    {
        "branch" => "branch",
        "non-qualifying-flush" => "flush that frees no tables",
        "unknown-call" => "call not known to flush",
        "callee-did-not-flush" => "callee did not flush",
        "flag-written" => "flag set",
        "construction" => "created through",
        _ => kind,
    };

    private static string How(ChainLink link) => link.How is null ? string.Empty : ": " + link.How;
}
