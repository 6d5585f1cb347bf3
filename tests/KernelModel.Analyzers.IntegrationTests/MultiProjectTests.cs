using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using KernelModel.Analyzers.Tests;

namespace KernelModel.Analyzers.IntegrationTests;

/// <summary>
/// The sample kernel's x86-64 configuration as a port split over two projects, both with the package: the x86 flush code (Arch/, with the
/// machine model and the type headers it needs) in one, mm/ and the generic headers in the other, calling the
/// flush wrappers through metadata. It builds silent because the wrappers promise their flushes; take one promise
/// away in the arch project and the mm project reports the wrapper that now relies on it, naming the call it cannot
/// see into. The same build shows each safe sync's proof (TLB008) when its severity is set.
/// </summary>
[Collection(PackageConsumers.Name)]
public sealed class MultiProjectTests
{
    /// <summary>
    /// What goes into the arch project. x86's <c>tlb_flush()</c> (Arch/X86/Include/Asm/Tlb.cs) and its table-freeing
    /// hooks (Arch/X86/Mm/Pgtable.cs) call back into mm/mmu_gather.c and asm-generic/tlb.h, as arch code does in the
    /// kernel; a C# assembly cannot have that cycle, so they build with mm.
    /// </summary>
    private static readonly string[] _archFiles =
    [
        "Arch/X86/Include/Asm/Tlbflush.cs", "Arch/X86/Include/Asm/FlushTlbInfo.cs", "Arch/X86/Include/Asm/PageTypes.cs", "Arch/X86/Include/Asm/PgtableTypes.cs",
        "Arch/X86/Mm/Tlb.cs", "Arch/X86/Kernel/", "Model/", "KernelCore/", "KernelConfig.cs",
        "Include/Linux/MmTypes.cs", "Include/Linux/Cpumask.cs", "Include/Linux/Ptdesc.cs", "Include/AsmGeneric/MmuGather.cs",
    ];

    private readonly PackageFeed _feed;

    public MultiProjectTests(PackageFeed feed) => _feed = feed;

    [Fact]
    public void A_port_split_over_two_projects_is_silent_and_a_promise_taken_away_is_caught_across_the_boundary()
    {
        string folder = Path.Combine(_feed.ConsumersFolder, "Split");
        Split(RepositoryRoot.Combine("sample-kernel"), folder);
        File.WriteAllText(Path.Combine(folder, ".editorconfig"), "root = true\n\n[*.cs]\ndotnet_diagnostic.TLB008.severity = suggestion\n");
        string mm = Path.Combine(folder, "Mm", "Mm.csproj");
        string sarif = Path.Combine(folder, "Mm", "mm.sarif");

        BuildOutcome silent = Build(folder, mm, sarif);

        Assert.True(silent.Succeeded, silent.Run.ToString());
        Assert.Empty(silent.RuleDiagnostics);
        // The proof of khugepaged's sync, through the arch project's promise.
        Assert.Contains(
            Results(sarif),
            result => result.Rule == "TLB008" && result.File.EndsWith("Khugepaged.cs", System.StringComparison.Ordinal) &&
                      result.Message.Contains("flushed by PmdpCollapseFlush at :", System.StringComparison.Ordinal) &&
                      result.Message.EndsWith("-> FlushTlbRange [EnsuresTableFlush]", System.StringComparison.Ordinal));

        string tlbflush = Path.Combine(folder, "Arch", "Arch/X86/Include/Asm/Tlbflush.cs");
        string text = File.ReadAllText(tlbflush);
        int wrapper = text.IndexOf("public static void FlushTlbRange", System.StringComparison.Ordinal);
        int promise = text.LastIndexOf("[EnsuresTableFlush]", wrapper, System.StringComparison.Ordinal);
        File.WriteAllText(tlbflush, text.Remove(promise, "[EnsuresTableFlush]".Length));

        BuildOutcome broken = Build(folder, mm, sarif);

        BuildDiagnostic caught = Assert.Single(broken.RuleDiagnostics, d => d.Id == "TLB005" && d.File.EndsWith("PgtableGeneric.cs", System.StringComparison.Ordinal));
        Assert.Contains("'PmdpCollapseFlush'", caught.Message, System.StringComparison.Ordinal);
        Assert.Contains("the call 'FlushTlbRange(vma, address, address + HpagePmdSize)'", caught.Message, System.StringComparison.Ordinal);
        Assert.Contains("cannot be seen into (compiled in Arch): mark the method [EnsuresTableFlush] in its project", caught.Message, System.StringComparison.Ordinal);
    }

    private BuildOutcome Build(string folder, string project, string sarif)
    {
        ProcessResult run = DotnetCommand.Run(
            folder,
            ["build", project, "-tl:off", "-nologo", "-clp:NoSummary", $"-p:ErrorLog={sarif}%2Cversion=2.1"],
            new Dictionary<string, string> { ["NUGET_PACKAGES"] = _feed.PackagesFolder });
        return new BuildOutcome(run, BuildDiagnostic.Parse(run.Output));
    }

    private static IEnumerable<(string Rule, string File, string Message)> Results(string sarif)
    {
        using JsonDocument log = JsonDocument.Parse(File.ReadAllText(sarif));
        return log.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Select(result => (
                result.GetProperty("ruleId").GetString() ?? string.Empty,
                result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString() ?? string.Empty,
                result.GetProperty("message").GetProperty("text").GetString() ?? string.Empty))
            .ToList();
    }

    /// <summary>
    /// Copies the sample kernel's sources into an Arch and an Mm project. The arch files' <c>partial class Kernel</c>
    /// becomes <c>ArchKernel</c> (a partial class cannot span assemblies); mm imports it with a static using, and the
    /// arch project calls it <c>Kernel</c> through an alias, so no source line changes otherwise.
    /// </summary>
    private void Split(string kernel, string folder)
    {
        foreach (string file in Directory.EnumerateFiles(kernel, "*.cs", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(kernel, file).Replace('\\', '/');
            if (relative.StartsWith("Run/", System.StringComparison.Ordinal) || relative.StartsWith("Linux70TlbFlush/", System.StringComparison.Ordinal) ||
                relative.StartsWith("Configurations/", System.StringComparison.Ordinal) || relative.StartsWith("Arch/Powerpc/", System.StringComparison.Ordinal) ||
                relative.StartsWith("obj/", System.StringComparison.Ordinal) || relative.StartsWith("bin/", System.StringComparison.Ordinal) ||
                relative.Contains("/Scenarios/", System.StringComparison.Ordinal))
            {
                continue;
            }

            bool arch = _archFiles.Any(root => relative == root || (root.EndsWith('/') && relative.StartsWith(root, System.StringComparison.Ordinal)));
            string text = File.ReadAllText(file);
            if (arch)
            {
                text = Regex.Replace(text, @"static partial class Kernel\b", "static partial class ArchKernel");
            }

            string target = Path.Combine(folder, arch ? "Arch" : "Mm", relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllText(target, text);
        }

        // The analyzer settings the port needs (sample-kernel/SampleKernel.globalconfig), as every configuration has them.
        File.Copy(Path.Combine(kernel, "SampleKernel.globalconfig"), Path.Combine(folder, "SampleKernel.globalconfig"), overwrite: true);
        File.WriteAllText(Path.Combine(folder, "Arch", "Arch.csproj"), Project(
            """
                <Using Include="KernelModel.SampleKernel.ArchKernel" Alias="Kernel" />
                <InternalsVisibleTo Include="Mm" />
            """));
        File.WriteAllText(Path.Combine(folder, "Mm", "Mm.csproj"), Project(
            """
                <Using Include="KernelModel.SampleKernel.ArchKernel" Static="true" />
                <ProjectReference Include="../Arch/Arch.csproj" />
            """));
    }

    private string Project(string items) => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
            <ImplicitUsings>disable</ImplicitUsings>
            <DefineConstants>$(DefineConstants);CONFIG_X86_64;ARCH_HAS_TLB_TABLE_FLUSH_IMPLIES_IPI_BROADCAST</DefineConstants>
            <NoWarn>$(NoWarn);CS0162</NoWarn>
          </PropertyGroup>
          <ItemGroup>
            <GlobalAnalyzerConfigFiles Include="../SampleKernel.globalconfig" />
        {items}
            <PackageReference Include="{PackageFeed.PackageId}" Version="{_feed.Version}" PrivateAssets="all" />
          </ItemGroup>
        </Project>
        """;
}
