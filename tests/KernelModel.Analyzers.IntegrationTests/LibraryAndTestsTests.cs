namespace KernelModel.Analyzers.IntegrationTests;

/// <summary>
/// A library and its test project, both with the package, the test project a friend of the library
/// (<c>InternalsVisibleTo</c>), warnings as errors (issue 13). Each gets its own generated contract attributes;
/// before they were hidden from other assemblies (<c>Microsoft.CodeAnalysis.EmbeddedAttribute</c>) the test
/// project saw the library's as well and failed with CS0436. The test project also relies on the library's
/// contracts across the assembly boundary, so the build shows those are still read.
/// </summary>
[Collection(PackageConsumers.Name)]
public sealed class LibraryAndTestsTests
{
    private const string LibrarySource = """
        using KernelModel.Contracts;

        namespace Library;

        /// <summary>An address space.</summary>
        public sealed class MmStruct
        {
        }

        internal static class Tlb
        {
            /// <summary>flush_tlb_mm_range(): interrupts lazy-TLB CPUs only when tables were freed.</summary>
            internal static void FlushTlbMmRange(MmStruct mm, bool freedTables)
            {
            }

            /// <summary>flush_tlb_mm(): the whole address space, tables included.</summary>
            [EnsuresTableFlush]
            internal static void FlushTlbMm(MmStruct mm) => FlushTlbMmRange(mm, freedTables: true);

            /// <summary>pmdp_get_lockless_sync(): callers must have flushed with freedTables set.</summary>
            [RequiresTableFlush]
            internal static void PmdpGetLocklessSync()
            {
            }
        }
        """;

    private const string TestsSource = """
        using KernelModel.Contracts;

        namespace Library.Tests;

        internal static class Fakes
        {
            /// <summary>A flush for tests, flushing as the library's does.</summary>
            [EnsuresTableFlush]
            internal static void Flush(MmStruct mm) => Tlb.FlushTlbMm(mm);

            /// <summary>Callers must have performed a TLB flush that frees tables.</summary>
            [RequiresTableFlush]
            internal static void Sync() => Tlb.PmdpGetLocklessSync();

            internal static void Collapse(MmStruct mm)
            {
                Flush(mm);
                Sync();
            }
        }
        """;

    private readonly PackageFeed _feed;

    public LibraryAndTestsTests(PackageFeed feed) => _feed = feed;

    [Fact]
    public void A_library_and_its_friend_test_project_both_with_the_package_build_with_warnings_as_errors()
    {
        var consumers = new IsolatedConsumers(_feed, "LibraryAndTests");
        consumers
            .Write("Library/Library.csproj", $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                  </PropertyGroup>
                  <ItemGroup>
                    {consumers.PackageReference}
                    <InternalsVisibleTo Include="Library.Tests" />
                  </ItemGroup>
                </Project>
                """)
            .Write("Library/Tlb.cs", LibrarySource)
            .Write("Library.Tests/Library.Tests.csproj", $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                  </PropertyGroup>
                  <ItemGroup>
                    {consumers.PackageReference}
                    <ProjectReference Include="../Library/Library.csproj" />
                  </ItemGroup>
                </Project>
                """)
            .Write("Library.Tests/Fakes.cs", TestsSource);

        BuildOutcome build = consumers.Build("Library.Tests/Library.Tests.csproj");

        Assert.True(build.Succeeded, build.Run.ToString());
        Assert.Empty(build.Diagnostics);
    }
}
