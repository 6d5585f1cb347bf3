using System.Linq;
using KernelModel.SampleKernel.Model;
using KernelModel.SampleKernel.Model.Scenarios;

namespace KernelModel.SampleKernel.Tests;

/// <summary>
/// The scenarios of the default configuration, X86_64 (the mm tree): sites #1 and #2, the collapse without its
/// flush, and the two platforms the boot-time broadcast check exists for. ConfigurationScenarioTests covers
/// the other builds.
/// </summary>
public sealed class ScenarioTests
{
    [Fact]
    public void Collapse_with_the_key_on_sends_no_sync_ipi_because_the_flush_already_reached_every_walker_and_cache()
    {
        ScenarioResult result = KernelScenarios.CollapseHugePage(broadcastKey: true);

        Assert.Equal("X86_64", result.Configuration);
        Assert.True(result.BroadcastKey);
        Assert.True(result.Safe);
        Assert.Equal(0, result.SyncIpis);

        // The flush interrupted CPU 1 (walking) and CPU 2 (lazy, its caches flushed): it woke lazy CPUs.
        Assert.Equal(2, result.Ipis);
    }

    [Fact]
    public void Collapse_with_the_key_off_syncs_every_other_online_cpu()
    {
        ScenarioResult result = KernelScenarios.CollapseHugePage(broadcastKey: false);

        Assert.False(result.BroadcastKey);
        Assert.Equal(3, result.SyncIpis);
        Assert.True(result.Safe);
    }

    [Fact]
    public void Collapse_without_the_flush_and_the_key_on_leaves_the_walker_and_the_lazy_cpus_caches_in_the_reused_table()
    {
        ScenarioResult result = KernelScenarios.CollapseHugePageWithoutFlush(broadcastKey: true);

        Assert.Equal(
            [
                new Hazard("mm.pte@4M", TableAction.Reused, 1, false, HazardKind.LocklessWalker),
                new Hazard("mm.pte@4M", TableAction.Reused, 2, true, HazardKind.PagingStructureCache),
            ],
            result.Hazards.OrderBy(h => h.Cpu));
        Assert.Equal(0, result.Ipis);
    }

    [Fact]
    public void Collapse_without_the_flush_is_not_saved_by_the_syncs_own_ipis_they_end_the_walk_but_clean_no_cache()
    {
        ScenarioResult result = KernelScenarios.CollapseHugePageWithoutFlush(broadcastKey: false);

        Assert.Equal(3, result.SyncIpis);
        Assert.Equal(new Hazard("mm.pte@4M", TableAction.Reused, 2, true, HazardKind.PagingStructureCache), Assert.Single(result.Hazards));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Hugetlb_unshare_is_safe_when_x86_tlb_flush_wakes_lazy_cpus_for_unshared_tables(bool key)
    {
        ScenarioResult result = KernelScenarios.HugetlbUnshare(key);

        Assert.True(result.Safe);
        Assert.Equal(key ? 0 : 3, result.SyncIpis);

        // The unshare flush reached lazy CPU 1 and walking CPU 3.
        Assert.Equal(2, result.Ipis - result.SyncIpis);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Mremap_of_a_shared_hugetlb_range_syncs_after_its_own_flush_and_is_safe(bool key)
    {
        ScenarioResult result = KernelScenarios.MoveHugetlbPageTables(key);

        Assert.Equal("#2", result.Site);
        Assert.True(result.Safe);
        Assert.Equal(key ? 0 : 3, result.SyncIpis);
    }

    [Fact]
    public void With_invlpgb_the_flush_interrupts_nobody_so_a_key_forced_on_leaves_the_walker_inside()
    {
        ScenarioResult forced = KernelScenarios.CollapseWithInvlpgb(keyForcedOn: true);
        ScenarioResult booted = KernelScenarios.CollapseWithInvlpgb(keyForcedOn: false);

        Assert.Equal(new Hazard("mm.pte@4M", TableAction.Reused, 1, false, HazardKind.LocklessWalker), Assert.Single(forced.Hazards));
        Assert.Equal(0, forced.Ipis);
        Assert.False(booted.BroadcastKey);
        Assert.True(booted.Safe);
        Assert.Equal(3, booted.SyncIpis);
    }

    [Fact]
    public void A_paravirt_flush_skips_the_preempted_vcpu_so_a_key_forced_on_leaves_its_walker_inside()
    {
        ScenarioResult forced = KernelScenarios.CollapseWithPreemptedVcpu(keyForcedOn: true);
        ScenarioResult booted = KernelScenarios.CollapseWithPreemptedVcpu(keyForcedOn: false);

        Assert.Equal(new Hazard("mm.pte@4M", TableAction.Reused, 1, false, HazardKind.LocklessWalker), Assert.Single(forced.Hazards));
        Assert.False(booted.BroadcastKey);
        Assert.True(booted.Safe);
    }
}
