using System.Collections.Generic;
using System.Linq;
using System.Threading;
using KernelModel.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace KernelModel.Benchmarks;

/// <summary>The graphs summaries need: every source method reachable from a body by calls, each built once.</summary>
public static class CalleeGraphs
{
    /// <summary>Builds (through the session's cache) the graph of every method reachable from <paramref name="graph"/>.</summary>
    /// <param name="session">The session whose graph cache is filled.</param>
    /// <param name="graph">The body's graph.</param>
    /// <param name="seen">Methods already walked, shared across bodies as the session's cache is.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>How many graphs were built.</returns>
    public static int Build(AnalysisSession session, ControlFlowGraph graph, HashSet<IMethodSymbol> seen, CancellationToken cancellationToken)
    {
        int built = 0;
        var pending = new Stack<ControlFlowGraph>();
        pending.Push(graph);
        while (pending.Count > 0)
        {
            foreach (BasicBlock block in pending.Pop().Blocks)
            {
                IEnumerable<IOperation> operations = block.BranchValue is null ? block.Operations : block.Operations.Append(block.BranchValue);
                foreach (IInvocationOperation call in operations.SelectMany(o => o.DescendantsAndSelf()).OfType<IInvocationOperation>())
                {
                    IMethodSymbol callee = call.TargetMethod.OriginalDefinition;
                    if (seen.Add(callee) && session.GraphOf(callee, cancellationToken) is ControlFlowGraph calleeGraph)
                    {
                        pending.Push(calleeGraph);
                        built++;
                    }
                }
            }
        }

        return built;
    }
}
