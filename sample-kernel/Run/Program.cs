extern alias linux70;

using System;
using System.Collections.Generic;
using System.Linq;
using KernelModel.SampleKernel.Model.Scenarios;
using Linux70Scenarios = linux70::KernelModel.SampleKernel.Model.Scenarios.KernelScenarios;

// Prints what each scenario observed, on the current tree and on the tree whose x86 tlb_flush() still passes
// freed_tables only (Linux 7.0). The numbers come from running the port on the machine model; the scenario
// tests (tests/SampleKernel.Tests) assert them.
var rows = new List<Row>();
foreach (ScenarioResult result in KernelScenarios.All())
{
    rows.Add(new Row(result.Name, result.Tree, result.BroadcastKey, result.Ipis, result.SyncIpis, result.Hazards.Count, result.Warnings.Count));
}

foreach (bool key in new[] { true, false })
{
    var result = Linux70Scenarios.HugetlbUnshare(key);
    rows.Add(new Row(result.Name, result.Tree, result.BroadcastKey, result.Ipis, result.SyncIpis, result.Hazards.Count, result.Warnings.Count));
}

const string Format = "{0,-36} {1,-20} {2,-4} {3,5} {4,10} {5,8}";
Console.WriteLine(Format, "scenario", "kernel tree", "key", "IPIs", "sync IPIs", "hazards");
Console.WriteLine(new string('-', 88));
foreach (Row row in rows.OrderBy(r => r.Name, StringComparer.Ordinal).ThenBy(r => r.Tree, StringComparer.Ordinal).ThenByDescending(r => r.Key))
{
    Console.WriteLine(Format, row.Name, row.Tree, row.Key ? "on" : "off", row.Ipis, row.SyncIpis, row.Hazards + (row.Warnings > 0 ? $" ({row.Warnings} warnings)" : string.Empty));
}

Console.WriteLine();
Console.WriteLine("A hazard is a page table freed or reused while a lockless walker was still inside it.");
Console.WriteLine("The sync's IPIs are redundant only after a flush that reached every CPU: with the key on it skips them,");
Console.WriteLine("so a missing flush, or one that skips lazy CPUs (linux-7.0 tlb_flush), leaves a walker inside the table.");
return 0;

/// <summary>One line of the table.</summary>
internal sealed record Row(string Name, string Tree, bool Key, int Ipis, int SyncIpis, int Hazards, int Warnings);
