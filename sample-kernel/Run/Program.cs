extern alias linux70tlbflush;
extern alias linux70x86_64;
extern alias powerpchash;
extern alias x86_32pae;

using System;
using System.Collections.Generic;
using System.Linq;
using KernelModel.SampleKernel.Model.Scenarios;

// Prints what each scenario observed on each configuration (sample-kernel/Configurations/) and on the unsafe mix
// (sample-kernel/Linux70TlbFlush/). The numbers come from running the port on the machine model; the scenario
// tests (tests/SampleKernel.Tests) assert them.
var rows = new List<Row>();
rows.AddRange(KernelScenarios.All().Select(r => new Row(r.Name, r.Site, r.Configuration, r.BroadcastKey, r.Ipis, r.SyncIpis, r.Hazards.Count, r.Warnings.Count)));
rows.AddRange(x86_32pae::KernelModel.SampleKernel.Model.Scenarios.KernelScenarios.All()
    .Select(r => new Row(r.Name, r.Site, r.Configuration, r.BroadcastKey, r.Ipis, r.SyncIpis, r.Hazards.Count, r.Warnings.Count)));
rows.AddRange(powerpchash::KernelModel.SampleKernel.Model.Scenarios.KernelScenarios.All()
    .Select(r => new Row(r.Name, r.Site, r.Configuration, r.BroadcastKey, r.Ipis, r.SyncIpis, r.Hazards.Count, r.Warnings.Count)));
rows.AddRange(linux70x86_64::KernelModel.SampleKernel.Model.Scenarios.KernelScenarios.All()
    .Select(r => new Row(r.Name, r.Site, r.Configuration, r.BroadcastKey, r.Ipis, r.SyncIpis, r.Hazards.Count, r.Warnings.Count)));
rows.AddRange(linux70tlbflush::KernelModel.SampleKernel.Model.Scenarios.KernelScenarios.All()
    .Select(r => new Row(r.Name, r.Site, r.Configuration, r.BroadcastKey, r.Ipis, r.SyncIpis, r.Hazards.Count, r.Warnings.Count)));

const string Format = "{0,-48} {1,-10} {2,-16} {3,-4} {4,5} {5,10} {6,8}";
Console.WriteLine(Format, "scenario", "site", "configuration", "key", "IPIs", "sync IPIs", "hazards");
Console.WriteLine(new string('-', 108));
foreach (Row row in rows.OrderBy(r => r.Name, StringComparer.Ordinal).ThenBy(r => r.Configuration, StringComparer.Ordinal).ThenByDescending(r => r.Key))
{
    string key = row.Key switch { true => "on", false => "off", null => "-" };
    Console.WriteLine(Format, row.Name, row.Site, row.Configuration, key, row.Ipis, row.SyncIpis, row.Hazards + (row.Warnings > 0 ? $" ({row.Warnings} warnings)" : string.Empty));
}

Console.WriteLine();
Console.WriteLine("A hazard is a page table freed, reused or rewritten while another CPU could still use it: a lockless walker");
Console.WriteLine("inside it (ended by any IPI or RCU grace period), paging-structure caches leading into it (cleared only by");
Console.WriteLine("a real TLB flush), or a PAE reader between two changes of a PMD it reads in halves. Key '-': the");
Console.WriteLine("configuration has no broadcast key, so its syncs always send their own IPI.");
return 0;

/// <summary>One line of the table.</summary>
internal sealed record Row(string Name, string Site, string Configuration, bool? Key, int Ipis, int SyncIpis, int Hazards, int Warnings);
