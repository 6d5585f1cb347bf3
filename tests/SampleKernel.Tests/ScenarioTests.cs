extern alias linux70;

using System.Linq;
using KernelModel.SampleKernel.Model;
using KernelModel.SampleKernel.Model.Scenarios;
using Linux70Scenarios = linux70::KernelModel.SampleKernel.Model.Scenarios.KernelScenarios;

namespace KernelModel.SampleKernel.Tests;

/// <summary>The three scenarios the foundation issue asks for, plus the table-free fallback (call sites 3 and 6).</summary>
public sealed class ScenarioTests
{
    [Fact]
    public void Collapse_with_flush_then_sync_leaves_no_walker_in_the_reused_table()
    {
        ScenarioResult result = KernelScenarios.CollapseHugePage(broadcastKey: true);

        Assert.True(result.BroadcastKey);
        Assert.Empty(result.Hazards);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Collapse_with_the_broadcast_key_on_sends_no_sync_ipi_because_the_flush_already_interrupted_everyone()
    {
        ScenarioResult result = KernelScenarios.CollapseHugePage(broadcastKey: true);

        Assert.Equal(0, result.SyncIpis);
        // The flush interrupted CPU 1 (walking) and CPU 2 (lazy): a table-freeing flush reaches lazy CPUs.
        Assert.Equal(2, result.Ipis);
    }

    [Fact]
    public void Collapse_with_the_broadcast_key_off_syncs_every_other_online_cpu()
    {
        ScenarioResult result = KernelScenarios.CollapseHugePage(broadcastKey: false);

        Assert.False(result.BroadcastKey);
        Assert.Equal(3, result.SyncIpis);
        Assert.Empty(result.Hazards);
    }

    [Fact]
    public void Collapse_without_the_flush_reuses_the_table_under_the_walker_when_the_key_skips_the_sync()
    {
        ScenarioResult result = KernelScenarios.CollapseHugePageWithoutFlush(broadcastKey: true);

        // Both the active CPU's GUP-fast walk and the lazy CPU's cached walk are still inside.
        Assert.Equal(
            [new Hazard("mm.pte@4M", TableAction.Reused, 1, false), new Hazard("mm.pte@4M", TableAction.Reused, 2, true)],
            result.Hazards.OrderBy(h => h.WalkerCpu));
        Assert.Equal(0, result.Ipis);
    }

    [Fact]
    public void Collapse_without_the_flush_is_still_safe_when_the_sync_sends_its_ipis()
    {
        // Why the series made the rule load-bearing: before it, the sync's own IPIs covered a missing flush.
        ScenarioResult result = KernelScenarios.CollapseHugePageWithoutFlush(broadcastKey: false);

        Assert.Empty(result.Hazards);
        Assert.Equal(3, result.SyncIpis);
    }

    [Fact]
    public void Hugetlb_unshare_is_safe_when_x86_tlb_flush_counts_unshared_tables()
    {
        ScenarioResult result = KernelScenarios.HugetlbUnshare(broadcastKey: true);

        Assert.Equal("mm 2026-05", result.Tree);
        Assert.Empty(result.Hazards);
        Assert.Empty(result.Warnings);
        Assert.Equal(0, result.SyncIpis);
        // The only IPI is the unshare flush reaching the lazy CPU.
        Assert.Equal(1, result.Ipis);
    }

    [Fact]
    public void Hugetlb_unshare_with_the_linux_7_0_tlb_flush_and_the_key_on_leaves_the_lazy_walker_in_the_reused_table()
    {
        var result = Linux70Scenarios.HugetlbUnshare(broadcastKey: true);

        Assert.Equal("linux-7.0 tlb_flush", result.Tree);
        var hazard = Assert.Single(result.Hazards);
        Assert.True(hazard.WalkerCpuWasLazy);
        Assert.Equal(1, hazard.WalkerCpu);
        Assert.Equal(0, result.Ipis);
    }

    [Fact]
    public void Hugetlb_unshare_with_the_linux_7_0_tlb_flush_is_safe_while_the_sync_sends_its_own_ipis()
    {
        var result = Linux70Scenarios.HugetlbUnshare(broadcastKey: false);

        Assert.Empty(result.Hazards);
        Assert.Equal(3, result.SyncIpis);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Table_free_fallback_flushes_with_freed_tables_before_freeing_the_table_at_once(bool key)
    {
        ScenarioResult result = KernelScenarios.TableFreeFallback(key);

        Assert.Empty(result.Hazards);
        Assert.Empty(result.Warnings);
        Assert.Equal(key ? 0 : 3, result.SyncIpis);
    }

    [Fact]
    public void Every_scenario_runs_with_the_key_on_and_off_and_only_the_mutant_is_hazardous_on_this_tree()
    {
        var results = KernelScenarios.All();

        Assert.Equal(8, results.Count);
        Assert.Equal(4, results.Count(r => r.BroadcastKey));
        ScenarioResult hazardous = Assert.Single(results, r => !r.Safe);
        Assert.Equal("collapse_huge_page, flush removed", hazardous.Name);
        Assert.True(hazardous.BroadcastKey);
    }
}
