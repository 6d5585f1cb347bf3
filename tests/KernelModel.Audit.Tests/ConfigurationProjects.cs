using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace KernelModel.Audit.Tests;

/// <summary>
/// Small projects that share one source file with different DefineConstants, as the sample kernel's
/// configurations do: <c>Safe</c> (flushes, compiles the extra site), <c>Unsafe</c> (no flush, no extra site),
/// <c>Multi</c> (multi-targeted: flushes on net10.0 only), <c>Powerpc</c> (no flush, but the broadcast check is
/// the generic false, so the sync sends its own IPI), <c>Plain</c> (does not use the analyzers) and
/// <c>Broken</c> (does not load). Restored once, then audited once as a matrix over their folder; tests render
/// that one report in every format and filter it.
/// </summary>
public sealed class ConfigurationProjects : IAsyncLifetime
{
    /// <summary>The shared source. Line numbers matter: the tests name the two sites by line.</summary>
    public const string Source = """
        namespace Fixture
        {
            /// <summary>mm/fixture.c: a tiny port.</summary>
            public static class Kernel
            {
                /// <summary>Ports <c>flush_tlb_mm_range()</c>.</summary>
                public static void FlushTlbMmRange(object mm, ulong start, ulong end, int stride, bool freedTables) { }

                /// <summary>Ports <c>tlb_table_flush_implies_ipi_broadcast()</c>: x86 overrides the generic false.</summary>
                public static bool TlbTableFlushImpliesIpiBroadcast()
                {
        #if ARCH_BROADCAST
                    return true;
        #else
                    return false;
        #endif
                }

                /// <summary>Ports <c>tlb_remove_table_sync_one()</c>: no IPI when the flush already broadcast one.</summary>
                public static void TlbRemoveTableSyncOne()
                {
                    if (TlbTableFlushImpliesIpiBroadcast())
                    {
                        return;
                    }
                }

                /// <summary>Ports <c>collapse_huge_page()</c>.</summary>
                public static void CollapseHugePage(object mm)
                {
        #if FLUSH
                    FlushTlbMmRange(mm, 0, 1, 12, true);
        #endif
                    TlbRemoveTableSyncOne();
                }
        #if EXTRA

                /// <summary>Ports <c>retract_page_tables()</c>.</summary>
                public static void RetractPageTables(object mm)
                {
                    FlushTlbMmRange(mm, 0, 1, 12, true);
                    TlbRemoveTableSyncOne();
                }
        #endif
            }
        }

        """;

    /// <summary>The line of the sync in CollapseHugePage.</summary>
    public const int CollapseLine = 34;

    /// <summary>The line of the sync in RetractPageTables.</summary>
    public const int RetractLine = 42;

    private readonly TemporaryFolder _folder = new();

    /// <summary>The folder holding <c>configs/</c> (the projects) and <c>restore/</c>.</summary>
    public TemporaryFolder Folder => _folder;

    /// <summary>The projects' folder, the matrix's target.</summary>
    public string Configs => _folder.Combine("configs");

    /// <summary>The matrix audit of <see cref="Configs"/>, as <c>tlb-audit --matrix configs</c> makes it.</summary>
    internal AuditReport Report { get; private set; } = null!;

    /// <summary>What the audit warned about on stderr.</summary>
    public List<string> Warnings { get; } = [];

    public async Task InitializeAsync()
    {
        string analyzers = AppContext.BaseDirectory;
        string Project(string frameworks, string defines, bool analyzer) => $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <{(frameworks.Contains(';') ? "TargetFrameworks" : "TargetFramework")}>{frameworks}</{(frameworks.Contains(';') ? "TargetFrameworks" : "TargetFramework")}>
                <LangVersion>latest</LangVersion>
                <EnableDefaultCompileItems>false</EnableDefaultCompileItems>
                <DefineConstants>$(DefineConstants);{defines}</DefineConstants>
              </PropertyGroup>
              <PropertyGroup Condition="'$(TargetFramework)' == 'net10.0' and '$(MSBuildProjectName)' == 'Multi'">
                <DefineConstants>$(DefineConstants);FLUSH</DefineConstants>
              </PropertyGroup>
              <ItemGroup>
                <Compile Include="../Shared/*.cs" />
              </ItemGroup>
              {(analyzer ? $"<ItemGroup><Analyzer Include=\"{analyzers}KernelModel.Analyzers.dll\" /><Analyzer Include=\"{analyzers}KernelModel.Analysis.dll\" /></ItemGroup>" : string.Empty)}
            </Project>

            """;

        // Outside the repository: nothing of its Directory.*.props applies.
        _folder.Write("Directory.Build.props", "<Project />\n");
        _folder.Write("Directory.Packages.props", "<Project />\n");
        _folder.Write("configs/Shared/Kernel.cs", Source);
        _folder.Write("configs/Safe/Safe.csproj", Project("net10.0", "ARCH_BROADCAST;FLUSH;EXTRA", analyzer: true));
        _folder.Write("configs/Unsafe/Unsafe.csproj", Project("net10.0", "ARCH_BROADCAST", analyzer: true));
        _folder.Write("configs/Multi/Multi.csproj", Project("netstandard2.0;net10.0", "ARCH_BROADCAST;EXTRA", analyzer: true));
        _folder.Write("configs/Powerpc/Powerpc.csproj", Project("net10.0", "NOTHING", analyzer: true));
        _folder.Write("configs/Plain/Plain.csproj", Project("net10.0", "ARCH_BROADCAST;FLUSH", analyzer: false));
        _folder.Write("configs/Broken/Broken.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup>\n");
        _folder.Write("restore/Restore.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <!-- Restores every loadable configuration in one dotnet call. -->
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <EnableDefaultCompileItems>false</EnableDefaultCompileItems>
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="../configs/Safe/Safe.csproj" />
                <ProjectReference Include="../configs/Unsafe/Unsafe.csproj" />
                <ProjectReference Include="../configs/Multi/Multi.csproj" />
                <ProjectReference Include="../configs/Plain/Plain.csproj" />
                <ProjectReference Include="../configs/Powerpc/Powerpc.csproj" />
              </ItemGroup>
            </Project>

            """);
        ProcessRun restore = await ProcessRun.RunAsync("dotnet", ["restore", "restore/Restore.csproj"], _folder.Path, new Dictionary<string, string> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" });
        Assert.True(restore.ExitCode == 0, restore.ToString());

        AuditTarget target = AuditTarget.Resolve([Configs], _folder.Path, matrix: true);
        Report = await Auditor.RunAsync(target, allProjects: false, _ => { }, Warnings.Add, CancellationToken.None);
    }

    public Task DisposeAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Renders the matrix report.</summary>
    /// <param name="format">The format.</param>
    /// <param name="report">The report, else the whole matrix audit.</param>
    /// <returns>The report.</returns>
    internal string Render(ReportFormat format, AuditReport? report = null)
    {
        using var writer = new StringWriter { NewLine = "\n" };
        ReportWriter.Write(report ?? Report, format, writer, new RenderOptions(Matrix: true));
        return writer.ToString();
    }
}
