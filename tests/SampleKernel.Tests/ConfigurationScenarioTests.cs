extern alias linux70;
extern alias linux70x86_64;
extern alias powerpchash;
extern alias x86_32pae;
using System.Collections.Generic;
using System.Linq;
using KernelModel.SampleKernel.Model.Scenarios;
using Linux70Scenarios = linux70x86_64::KernelModel.SampleKernel.Model.Scenarios.KernelScenarios;
using MixScenarios = linux70::KernelModel.SampleKernel.Model.Scenarios.KernelScenarios;
using PaeScenarios = x86_32pae::KernelModel.SampleKernel.Model.Scenarios.KernelScenarios;
using PowerpcScenarios = powerpchash::KernelModel.SampleKernel.Model.Scenarios.KernelScenarios;

namespace KernelModel.SampleKernel.Tests;

/// <summary>
/// Every configuration's scenarios, as the runner prints them: which sites run where, and how many hazards each
/// run has. The lazy-CPU rows count stale paging-structure caches, which the syncs' IPIs do not cure: without
/// that part of the model Linux 7.0's unshare would look safe with the key off, as it did before.
/// </summary>
public sealed class ConfigurationScenarioTests
{
    [Fact]
    public void Linux_7_0_unshare_is_exposed_through_the_lazy_cpus_caches_although_its_sync_always_sends_ipis()
    {
        var result = Linux70Scenarios.HugetlbUnshare(broadcastKey: false);

        Assert.Equal("Linux70X86_64", result.Configuration);
        Assert.Null(result.BroadcastKey);
        Assert.Equal(3, result.SyncIpis);
        var hazard = Assert.Single(result.Hazards);
        Assert.Equal(linux70x86_64::KernelModel.SampleKernel.Model.HazardKind.PagingStructureCache, hazard.Kind);
        Assert.Equal(1, hazard.Cpu);
        Assert.True(hazard.CpuWasLazy);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_unsafe_mix_leaves_the_lazy_cpus_caches_in_the_unshared_table_with_the_key_on_and_off(bool key)
    {
        foreach (var result in new[] { MixScenarios.HugetlbUnshare(key), MixScenarios.MoveHugetlbPageTables(key) })
        {
            var hazard = Assert.Single(result.Hazards);
            Assert.Equal(linux70::KernelModel.SampleKernel.Model.HazardKind.PagingStructureCache, hazard.Kind);
            Assert.Equal(1, hazard.Cpu);
            Assert.Equal(key ? 0 : 3, result.SyncIpis);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Under_pae_a_reader_of_another_mm_outside_the_cpumask_is_waited_for_only_by_the_syncs_own_ipis(bool key)
    {
        foreach (var result in new[] { PaeScenarios.TryCollapsePteMappedThp(key), PaeScenarios.RetractPageTables(key) })
        {
            if (key)
            {
                var hazard = Assert.Single(result.Hazards);
                Assert.Equal(x86_32pae::KernelModel.SampleKernel.Model.HazardKind.TornPmdRead, hazard.Kind);
                Assert.Equal(3, hazard.Cpu);
                Assert.Equal(0, result.SyncIpis);
            }
            else
            {
                Assert.True(result.Safe);
                Assert.Equal(3, result.SyncIpis);
            }
        }
    }

    [Fact]
    public void On_powerpc_hash_the_table_free_fallback_waits_for_a_grace_period_with_no_flush_before_it()
    {
        var result = PowerpcScenarios.TableFreeFallback(broadcastKey: false);

        Assert.Equal("#6", result.Site);
        Assert.Null(result.BroadcastKey);
        Assert.True(result.Safe);
        Assert.Equal(0, result.Ipis);
    }

    [Fact]
    public void On_powerpc_hash_the_collapse_is_safe_because_the_sync_sends_its_own_ipis()
    {
        var result = PowerpcScenarios.CollapseHugePage(broadcastKey: false);

        Assert.True(result.Safe);
        Assert.Equal(3, result.SyncIpis);

        // serialize_against_pte_lookup() interrupts the mm's other CPUs; tlbie interrupts nobody.
        Assert.Equal(2, result.Ipis - result.SyncIpis);
    }

    public static TheoryData<string, string[]> Expected => new()
    {
        {
            "X86_64", [
                "collapse_huge_page on 0", "collapse_huge_page, flush removed on 2", "unmap_hugepage_range, shared PMD on 0",
                "move_hugetlb_page_tables, shared PMD on 0", "collapse_huge_page, INVLPGB on 1", "collapse_huge_page, preempted vCPU on 1",
                "collapse_huge_page off 0", "collapse_huge_page, flush removed off 1", "unmap_hugepage_range, shared PMD off 0",
                "move_hugetlb_page_tables, shared PMD off 0", "collapse_huge_page, INVLPGB off 0", "collapse_huge_page, preempted vCPU off 0",
            ]
        },
        {
            "X86_32Pae", [
                "collapse_huge_page on 0", "collapse_huge_page, flush removed on 2", "try_collapse_pte_mapped_thp, foreign PMD reader on 1",
                "retract_page_tables, foreign PMD reader on 1", "collapse_huge_page, INVLPGB on 1", "collapse_huge_page, preempted vCPU on 1",
                "collapse_huge_page off 0", "collapse_huge_page, flush removed off 1", "try_collapse_pte_mapped_thp, foreign PMD reader off 0",
                "retract_page_tables, foreign PMD reader off 0", "collapse_huge_page, INVLPGB off 0", "collapse_huge_page, preempted vCPU off 0",
            ]
        },
        {
            "PowerpcHash", ["collapse_huge_page - 0", "collapse_huge_page, flush removed - 0", "tlb_remove_table, no batch page - 0"]
        },
        {
            "Linux70X86_64", [
                "collapse_huge_page - 0", "collapse_huge_page, flush removed - 1", "unmap_hugepage_range, shared PMD - 1",
                "move_hugetlb_page_tables, shared PMD - 1",
            ]
        },
        {
            "Linux70TlbFlush", [
                "collapse_huge_page on 0", "collapse_huge_page, flush removed on 2", "unmap_hugepage_range, shared PMD on 1",
                "move_hugetlb_page_tables, shared PMD on 1", "collapse_huge_page, INVLPGB on 1", "collapse_huge_page, preempted vCPU on 1",
                "collapse_huge_page off 0", "collapse_huge_page, flush removed off 1", "unmap_hugepage_range, shared PMD off 1",
                "move_hugetlb_page_tables, shared PMD off 1", "collapse_huge_page, INVLPGB off 0", "collapse_huge_page, preempted vCPU off 0",
            ]
        },
    };

    [Theory]
    [MemberData(nameof(Expected))]
    public void Each_configuration_runs_its_live_sites_with_these_hazard_counts(string configuration, string[] expected)
    {
        IEnumerable<string> rows = configuration switch
        {
            "X86_64" => KernelScenarios.All().Select(r => Row(r.Name, r.BroadcastKey, r.Hazards.Count)),
            "X86_32Pae" => PaeScenarios.All().Select(r => Row(r.Name, r.BroadcastKey, r.Hazards.Count)),
            "PowerpcHash" => PowerpcScenarios.All().Select(r => Row(r.Name, r.BroadcastKey, r.Hazards.Count)),
            "Linux70X86_64" => Linux70Scenarios.All().Select(r => Row(r.Name, r.BroadcastKey, r.Hazards.Count)),
            _ => MixScenarios.All().Select(r => Row(r.Name, r.BroadcastKey, r.Hazards.Count)),
        };

        Assert.Equal(expected, rows);
    }

    private static string Row(string name, bool? key, int hazards) => $"{name} {key switch { true => "on", false => "off", null => "-" }} {hazards}";
}
