using System.Collections.Generic;
using System.Linq;

namespace KernelModel.Audit;

/// <summary>
/// The justification of a site in words, one line per step, shared by the text and markdown reports: each flush
/// chain as a reviewer would write it by hand, each contract with where its callers discharge it, each witness
/// step of a violation.
/// </summary>
internal static class JustificationLines
{
    /// <summary>The lines explaining <paramref name="site"/>, each with its indentation depth.</summary>
    /// <param name="site">The site.</param>
    /// <returns>The lines.</returns>
    public static IEnumerable<(int Depth, string Text)> Of(AuditSite site)
    {
        if (!site.Proved && site.Witness is AuditWitness witness)
        {
            yield return (0, $"{site.Rule}: '{site.Callee}' requires {site.Requirement}, but {witness.Sentence}");
            if (site.Suppression is not null)
            {
                yield return (0, "not reported by the build: " + site.Suppression);
            }

            if (!witness.Steps.IsEmpty)
            {
                yield return (0, "path:");
                foreach (WitnessStep step in witness.Steps)
                {
                    yield return (1, $"{step.At.RelativeTo(site.At)}  {step.Kind}  {step.Text}: {step.Detail}");
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
                    yield return (0, $"flushed by {first.Call} at {first.At.RelativeTo(site.At)}{How(first)}");
                    foreach (ChainLink link in chain.Chain.Skip(1))
                    {
                        yield return (1, $"-> {link.Call} at {link.At.RelativeTo(site.At)}{How(link)}");
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

    private static string How(ChainLink link) => link.How is null ? string.Empty : ": " + link.How;
}
