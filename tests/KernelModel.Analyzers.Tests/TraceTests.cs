using System.Linq;
using KernelModel.Analysis;
using Microsoft.CodeAnalysis;

namespace KernelModel.Analyzers.Tests;

/// <summary>
/// A witness reports the most recent steps of a path (<see cref="Trace.Capacity"/> of them), however long the path
/// was. The chain behind it is cut back in batches, so that a long method does not copy the window at every step.
/// </summary>
public class TraceTests
{
    [Fact]
    public void A_long_path_reports_its_newest_steps_newest_first()
    {
        Trace? trace = null;
        for (int i = 0; i < 100; i++)
        {
            trace = Trace.Add(trace, Step(i));
            Assert.True(trace.Length <= 2 * Trace.Capacity, $"the chain holds {trace.Length} events after {i + 1} steps");
        }

        string[] recent = Trace.Recent(trace).Select(step => step.Text).ToArray();

        Assert.Equal(Enumerable.Range(100 - Trace.Capacity, Trace.Capacity).Reverse().Select(i => $"step{i}"), recent);
    }

    [Fact]
    public void A_short_path_reports_every_step()
    {
        Trace? trace = null;
        for (int i = 0; i < 3; i++)
        {
            trace = Trace.Add(trace, Step(i));
        }

        Assert.Equal(["step2", "step1", "step0"], Trace.Recent(trace).Select(step => step.Text));
        Assert.Empty(Trace.Recent(null));
    }

    [Fact]
    public void A_witness_lists_at_most_the_window_of_steps()
    {
        AbstractState state = AbstractState.Initial;
        for (int i = 0; i < 40; i++)
        {
            state = state.With(Step(i));
        }

        Witness witness = Witness.Explain(state, Requirement.Flush, Location.None);

        Assert.Equal(Enumerable.Range(40 - Trace.Capacity, Trace.Capacity).Select(i => $"step{i}"), witness.Steps.Select(step => step.Text));
    }

    private static TraceEvent Step(int index) => new(TraceKind.Branch, Location.None, $"step{index}", true, null, null);
}
