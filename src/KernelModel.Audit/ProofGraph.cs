using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace KernelModel.Audit;

/// <summary>
/// A site's proof (or witness) as a small graph: the calls of each flush chain leading to the guarded call, the
/// callers that discharge a contract, or the steps of the failing path. The markdown report draws it with Mermaid,
/// the HTML report as inline SVG.
/// </summary>
/// <param name="Nodes">The nodes; the last is the site itself.</param>
/// <param name="Edges">The edges, each from and to a node index, with a label.</param>
internal sealed record ProofGraph(ImmutableArray<GraphNode> Nodes, ImmutableArray<GraphEdge> Edges)
{
    /// <summary>The graph of one verdict.</summary>
    /// <param name="site">The verdict.</param>
    /// <param name="names">How functions are named.</param>
    /// <returns>The graph.</returns>
    public static ProofGraph Of(AuditSite site, NameStyle names)
    {
        var nodes = new List<GraphNode>();
        var edges = new List<GraphEdge>();
        int Add(string text, string detail, string style)
        {
            nodes.Add(new GraphNode(text, detail, style));
            return nodes.Count - 1;
        }

        var before = new List<(int Node, string Label)>();
        if (!site.Proved && site.Witness is AuditWitness witness)
        {
            int previous = -1;
            foreach (WitnessStep step in witness.Steps)
            {
                int node = Add($"{JustificationLines.Words(step.Kind)}: {step.Text}", $"{step.At.FileAndLine}: {step.Detail}", "witness");
                if (previous >= 0)
                {
                    edges.Add(new GraphEdge(previous, node, "then"));
                }

                previous = node;
            }

            if (previous >= 0)
            {
                before.Add((previous, "no qualifying flush"));
            }
        }

        foreach (Justification justification in site.Proved ? site.Justifications : ImmutableArray<Justification>.Empty)
        {
            switch (justification)
            {
                case FlushChain chain:
                    int first = -1;
                    int last = -1;
                    foreach (ChainLink link in chain.Chain)
                    {
                        string name = link.Kernel is null || names == NameStyle.CSharp ? string.Empty : link.Kernel.Function + (link.Kernel.File is null ? string.Empty : " (" + link.Kernel.File + ")");
                        int node = Add(JustificationLines.Call(link, names == NameStyle.Kernel ? NameStyle.Kernel : NameStyle.CSharp), Join(link.At.FileAndLine, names == NameStyle.Both ? name : string.Empty, link.How), link.How is null ? "call" : "flush");
                        if (last >= 0)
                        {
                            edges.Add(new GraphEdge(last, node, "calls"));
                        }

                        first = first < 0 ? node : first;
                        last = node;
                    }

                    before.Add((first, "flushes before"));
                    break;
                case CallersContract contract:
                    int owner = Add($"{contract.Contract} on {contract.Owner}", contract.Declared.FileAndLine, "contract");
                    foreach (Discharge discharge in contract.Discharges)
                    {
                        int caller = Add("call from " + discharge.Method, discharge.At.FileAndLine, discharge.Proved ? "flush" : "witness");
                        edges.Add(new GraphEdge(caller, owner, discharge.Proved ? "proved" : "violation"));
                    }

                    before.Add((owner, "covers"));
                    break;
                case UnlessHolds unless:
                    before.Add((Add($"'{unless.Condition}' holds", "the callee's Unless condition", "flush"), "no flush needed"));
                    break;
                case ConditionHolds holds:
                    before.Add((Add($"'{holds.Condition}' holds", "on every path", "flush"), "required"));
                    break;
                case SyncSendsOwnIpi own:
                    before.Add((Add($"{own.Check}() is always false", "the sync sends its own IPI", "flush"), "no flush needed"));
                    break;
            }
        }

        string callee = JustificationLines.Function(site.Callee, site.CalleeKernel, names);
        string method = JustificationLines.Function(site.Method, site.MethodKernel, names);
        int target = Add($"{method}: {callee}", site.At.FileAndLine, site.Proved ? "site" : site.IsViolation ? "violation" : "suppressed");
        foreach ((int node, string label) in before)
        {
            edges.Add(new GraphEdge(node, target, label));
        }

        return new ProofGraph(nodes.ToImmutableArray(), edges.ToImmutableArray());
    }

    private static string Join(params string?[] parts) => string.Join("; ", parts.Where(p => !string.IsNullOrEmpty(p)));
}

/// <summary>A node of a proof graph.</summary>
/// <param name="Text">The call, contract or step.</param>
/// <param name="Detail">Where, and what it means.</param>
/// <param name="Style">call, flush, contract, site, witness, violation or suppressed.</param>
internal sealed record GraphNode(string Text, string Detail, string Style);

/// <summary>An edge of a proof graph.</summary>
/// <param name="From">The source node's index.</param>
/// <param name="To">The target node's index.</param>
/// <param name="Label">What the edge means.</param>
internal sealed record GraphEdge(int From, int To, string Label);
