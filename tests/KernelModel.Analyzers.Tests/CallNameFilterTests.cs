using System.IO;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace KernelModel.Analyzers.Tests;

/// <summary>
/// The analyzer skips, from syntax alone, bodies that name no sync method and no method declared with a contract.
/// These are the cases syntax cannot see through, where skipping would hide a real TLB001: a contract on a method of
/// a referenced assembly, a contract attribute used through an alias, and a contract method reached through <c>?.</c>;
/// and the spellings the text scan must read as the compiler does (a verbatim <c>@</c>, letters outside ASCII, a sync
/// method in the kernel's spelling).
/// </summary>
public class CallNameFilterTests
{
    private static readonly AnalysisSettings _settings = AnalysisSettings.Default with { AssemblyName = "Consumer" };

    [Fact]
    public async Task Contract_on_a_method_of_a_referenced_assembly_is_checked()
    {
        const string Library = """
            namespace Cases;

            public static class Lib
            {
                /// <summary>Frees a table; callers must have flushed.</summary>
                [RequiresTableFlush]
                public static void FreeAfterFlush() => K.TlbRemoveTableSyncOne();
            }
            """;
        CSharpCompilation library = AnalysisRunner.Compile(
            [
                AnalysisRunner.Parse(ConformanceCases.ApiFile, ConformanceCases.Text(ConformanceCases.ApiFile), _settings),
                AnalysisRunner.Parse("Lib.cs", Library, _settings),
            ],
            _settings with { AssemblyName = "Lib" });
        using var image = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult emitted = library.Emit(image);
        Assert.True(emitted.Success, DiagnosticListing.Describe(emitted.Diagnostics));
        MetadataReference reference = MetadataReference.CreateFromImage(image.ToArray());

        const string Consumer = """
            using Cases;

            namespace Consumer;

            public static class Calls
            {
                public static void Unflushed() { Lib.FreeAfterFlush(); } // expect: TLB001

                public static void Flushed(MmStruct mm)
                {
                    // The primitive itself: a wrapper from metadata has no body to summarise.
                    K.FlushTlbMmRange(mm, 0, K.TlbFlushAll, 0, freedTables: true);
                    Lib.FreeAfterFlush();
                }
            }
            """;
        CSharpCompilation consumer = AnalysisRunner.Compile([AnalysisRunner.Parse("Consumer.cs", Consumer, _settings)], _settings).AddReferences(reference);

        AssertExactlyExpected(await AnalysisRunner.RunAsync(consumer, _settings), "Consumer.cs", Consumer);
    }

    [Theory]
    [InlineData("using Needs = Cases.RequiresTableFlushAttribute;", "Needs")]
    [InlineData("", "RequiresTableFlush")]
    public async Task Contract_through_an_alias_or_a_conditional_call_is_checked(string usingDirective, string attribute)
    {
        string source = $$"""
            {{usingDirective}}

            namespace Cases.Aliased;

            public sealed class Table
            {
                /// <summary>Releases the table; callers must have flushed.</summary>
                [{{attribute}}]
                public void Release() => K.TlbRemoveTableSyncOne();
            }

            public static class Calls
            {
                public static void Unflushed(Table? table)
                {
                    table?.Release(); // expect: TLB001
                }

                public static void Flushed(Table table, MmStruct mm)
                {
                    K.FlushTlbMm(mm);
                    table.Release();
                }
            }
            """;
        AnalysisOutcome outcome = await AnalysisRunner.RunAsync(
            [(ConformanceCases.ApiFile, ConformanceCases.Text(ConformanceCases.ApiFile)), ("Aliased.cs", source)],
            _settings);
        AssertExactlyExpected(outcome, "Aliased.cs", source);
    }

    [Fact]
    public async Task Contract_through_a_global_alias_declared_in_another_file_is_checked()
    {
        // The declaration scan skips files whose text names no contract attribute. The file with the contract
        // names only the alias; the alias's own file names the attribute, so the alias is still seen.
        const string Aliases = "global using Needs = Cases.RequiresTableFlushAttribute;\n";
        const string Source = """
            namespace Cases.GlobalAlias;

            public static class Tables
            {
                /// <summary>Releases the table; callers must have flushed.</summary>
                [Needs]
                public static void Release() => K.TlbRemoveTableSyncOne();
            }

            public static class Calls
            {
                public static void Unflushed() => Tables.Release(); // expect: TLB001

                public static void Flushed(MmStruct mm)
                {
                    K.FlushTlbMm(mm);
                    Tables.Release();
                }
            }
            """;
        AnalysisOutcome outcome = await AnalysisRunner.RunAsync(
            [(ConformanceCases.ApiFile, ConformanceCases.Text(ConformanceCases.ApiFile)), ("Aliases.cs", Aliases), ("Tables.cs", Source)],
            _settings);
        AssertExactlyExpected(outcome, "Tables.cs", Source);
    }

    [Fact]
    public async Task Names_spelled_as_the_text_scan_must_read_them_are_checked()
    {
        // The scan reads identifiers character by character: a verbatim '@', letters outside ASCII, and a sync
        // method written in the kernel's spelling (underscores, other case) must each still make the body a candidate.
        const string Source = """
            namespace Cases.Spelling;

            public static class Tables
            {
                /// <summary>Frees a table; callers must have flushed.</summary>
                [RequiresTableFlush]
                public static void Libère() => K.TlbRemoveTableSyncOne();

                /// <summary>Sends the sync IPI in the kernel's spelling.</summary>
                /// <remarks>Callers must have done a TLB flush with freed tables.</remarks>
                public static void TLB_Remove_Table_Sync_One()
                {
                }
            }

            public static class Calls
            {
                public static void Verbatim() { K.@TlbRemoveTableSyncOne(); } // expect: TLB001

                public static void NonAscii() { Tables.Libère(); } // expect: TLB001

                public static void KernelSpelling() { Tables.TLB_Remove_Table_Sync_One(); } // expect: TLB001

                public static void Flushed(MmStruct mm)
                {
                    K.FlushTlbMm(mm);
                    K.@TlbRemoveTableSyncOne();
                    Tables.Libère();
                    Tables.TLB_Remove_Table_Sync_One();
                }
            }
            """;
        AnalysisOutcome outcome = await AnalysisRunner.RunAsync(
            [(ConformanceCases.ApiFile, ConformanceCases.Text(ConformanceCases.ApiFile)), ("Spelling.cs", Source)],
            _settings);
        AssertExactlyExpected(outcome, "Spelling.cs", Source);
    }

    private static void AssertExactlyExpected(AnalysisOutcome outcome, string path, string text) =>
        FileDiagnostics.AssertExactly(outcome, path, ExpectComments.Parse(text));
}
