using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Diagnostics.Telemetry;

namespace KernelModel.Analyzers.Tests;

/// <summary>
/// The compilation gate: on code that has nothing to do with TLB flushes the analyzers register no action at all (the
/// driver then walks nothing on their behalf), and where they do, one semantic-model action per file and no per-member
/// action. Closing the gate must never lose a diagnostic, so each way a rule can start — a sync method declared in a
/// referenced assembly, a contract attribute named only in a source file, a contract or Ensures obligation read from
/// a referenced assembly, a configured sync name, a flush wrapper where TLB007 is on, an invalid configuration value — is a case here whose diagnostic
/// must still be reported.
/// </summary>
public class CompilationGateTests
{
    private const string Ordinary = """
        using System.Collections.Generic;
        using System.Linq;

        namespace Plain;

        /// <summary>Code with nothing to do with TLB flushes, but with the shapes the rules look at.</summary>
        public sealed class Ledger
        {
            private readonly List<int> _entries = new() { 1, 2, 3 };

            public int Total(bool flushed)
            {
                if (!flushed)
                {
                    return 0;
                }

                return _entries.Where(entry => entry > 0).Sum();
            }

            public void Flush() => _entries.Clear();
        }
        """;

    private static readonly AnalysisSettings _settings = AnalysisSettings.Default with { AssemblyName = "Consumer" };

    [Fact]
    public async Task Code_without_anything_the_rules_look_at_registers_no_action()
    {
        (AnalysisOutcome outcome, ImmutableDictionary<string, AnalyzerTelemetryInfo> registered) =
            await RunWithTelemetryAsync([AnalysisRunner.Parse("Ledger.cs", Ordinary, _settings)], _settings);

        Assert.Empty(outcome.AnalyzerDiagnostics);
        Assert.Empty(outcome.AnalyzerExceptions);
        foreach ((string analyzer, AnalyzerTelemetryInfo info) in registered)
        {
            Assert.True(Actions(info) == 0, $"{analyzer} registered {Describe(info)} on code the gate should close on");
        }
    }

    [Fact]
    public async Task An_invalid_configuration_value_is_reported_with_the_gate_closed()
    {
        AnalysisSettings settings = _settings.WithOption("tlb_analysis.max_states", "lots");
        (AnalysisOutcome outcome, ImmutableDictionary<string, AnalyzerTelemetryInfo> registered) =
            await RunWithTelemetryAsync([AnalysisRunner.Parse("Ledger.cs", Ordinary, settings)], settings);

        Diagnostic reported = Assert.Single(outcome.AnalyzerDiagnostics);
        Assert.Equal("TLB000", reported.Id);
        AnalyzerTelemetryInfo tableFlush = registered[nameof(TableFlushAnalyzer)];
        Assert.Equal(1, tableFlush.SyntaxTreeActionsCount);
        Assert.Equal(0, tableFlush.SemanticModelActionsCount);
    }

    [Fact]
    public async Task The_sample_kernel_gets_one_semantic_model_action_per_analyzer_and_no_per_member_action()
    {
        (AnalysisOutcome outcome, ImmutableDictionary<string, AnalyzerTelemetryInfo> registered) =
            await RunWithTelemetryAsync(SampleKernelSources.Compilation.SyntaxTrees, SampleKernelSources.Settings);

        Assert.Empty(outcome.AnalyzerExceptions);
        Assert.Equal(ProductAnalyzers.Create().Length, registered.Count);
        foreach ((string analyzer, AnalyzerTelemetryInfo info) in registered)
        {
            Assert.True(
                info.SemanticModelActionsCount == 1 && Actions(info) == 1,
                $"{analyzer} registered {Describe(info)}; expected one semantic-model action and nothing else");
        }
    }

    [Fact]
    public async Task The_conformance_cases_open_the_gate()
    {
        // ConformanceCaseTests checks their diagnostics; here, that they get there through the per-tree action alone.
        (AnalysisOutcome outcome, ImmutableDictionary<string, AnalyzerTelemetryInfo> registered) = await RunWithTelemetryAsync(
            ConformanceCases.Files.Select(file => AnalysisRunner.Parse(file.Path, file.Text, AnalysisSettings.Default)), AnalysisSettings.Default);

        Assert.Empty(outcome.AnalyzerExceptions);
        Assert.Contains(outcome.RuleDiagnostics, d => d.Id == "TLB001");
        foreach ((string analyzer, AnalyzerTelemetryInfo info) in registered)
        {
            Assert.True(info.SemanticModelActionsCount == 1 && Actions(info) == 1, $"{analyzer} registered {Describe(info)}");
        }
    }

    [Fact]
    public async Task A_sync_method_declared_only_in_a_referenced_assembly_opens_the_gate()
    {
        MetadataReference library = Library("""
            namespace Lib;

            public static class Kernel
            {
                public static void TlbRemoveTableSyncOne()
                {
                }
            }
            """);
        const string Consumer = """
            namespace Consumer;

            public static class Calls
            {
                public static void Unflushed() { Lib.Kernel.TlbRemoveTableSyncOne(); } // expect: TLB001
            }
            """;

        await AssertExactlyExpectedAsync(Consumer, library);
    }

    [Fact]
    public async Task A_wrapper_of_a_flush_primitive_declared_only_in_a_referenced_assembly_opens_the_gate()
    {
        MetadataReference library = Library("""
            namespace Lib;

            public sealed class MmStruct
            {
            }

            public static class Kernel
            {
                public static void FlushTlbMmRange(MmStruct mm, ulong start, ulong end, int strideShift, bool freedTables)
                {
                }
            }
            """);
        const string Consumer = """
            namespace Consumer;

            public static class Wrappers
            {
                public static void FlushAll(Lib.MmStruct mm) => Lib.Kernel.FlushTlbMmRange(mm, 0, ulong.MaxValue, 12, true); // expect: TLB007
            }
            """;

        await AssertExactlyExpectedAsync(Consumer, library);
    }

    [Fact]
    public async Task A_flush_wrapper_opens_the_gate_only_where_TLB007_is_on()
    {
        const string Wrapper = """
            namespace Kernel;

            public sealed class MmStruct
            {
            }

            public static class Tlb
            {
                public static void FlushTlbMmRange(MmStruct mm, ulong start, ulong end, int strideShift, bool freedTables)
                {
                }

                public static void FlushAll(MmStruct mm) => FlushTlbMmRange(mm, 0, ulong.MaxValue, 12, true);
            }
            """;
        (AnalysisOutcome on, ImmutableDictionary<string, AnalyzerTelemetryInfo> registeredOn) =
            await RunWithTelemetryAsync([AnalysisRunner.Parse("Tlb.cs", Wrapper, _settings)], _settings);
        Diagnostic promise = Assert.Single(on.AnalyzerDiagnostics);
        Assert.Equal("TLB007", promise.Id);
        Assert.Equal(1, registeredOn[nameof(TableFlushAnalyzer)].SemanticModelActionsCount);

        AnalysisSettings off = _settings.WithoutPromiseSuggestions();
        (AnalysisOutcome outcome, ImmutableDictionary<string, AnalyzerTelemetryInfo> registered) =
            await RunWithTelemetryAsync([AnalysisRunner.Parse("Tlb.cs", Wrapper, off)], off);
        Assert.Empty(outcome.AnalyzerDiagnostics);
        foreach ((string analyzer, AnalyzerTelemetryInfo info) in registered)
        {
            Assert.True(Actions(info) == 0, $"{analyzer} registered {Describe(info)} with TLB007 off and nothing else to check");
        }
    }

    [Fact]
    public async Task A_contract_attribute_named_only_in_source_text_opens_the_gate()
    {
        // No sync method anywhere, in source or in references: only the attribute, from the package's generated file
        // (which the gate's text search skips), names what TLB001 checks.
        const string Consumer = """
            using KernelModel.Contracts;

            namespace Consumer;

            public static class Tables
            {
                /// <summary>Frees a table; callers must have done a TLB flush first.</summary>
                [RequiresTableFlush]
                public static void Free()
                {
                }

                public static void Unflushed() { Free(); } // expect: TLB001
            }
            """;

        await AssertExactlyExpectedAsync(Consumer);
    }

    [Fact]
    public async Task A_contract_read_from_a_referenced_assembly_opens_the_gate()
    {
        MetadataReference library = Library("""
            namespace Lib;

            [System.AttributeUsage(System.AttributeTargets.Method)]
            public sealed class RequiresTableFlushAttribute : System.Attribute
            {
            }

            public static class Tables
            {
                [RequiresTableFlush]
                public static void Free()
                {
                }
            }
            """);
        const string Consumer = """
            namespace Consumer;

            public static class Calls
            {
                public static void Unflushed() { Lib.Tables.Free(); } // expect: TLB001
            }
            """;

        await AssertExactlyExpectedAsync(Consumer, library);
    }

    [Fact]
    public async Task An_ensures_obligation_inherited_from_a_referenced_interface_opens_the_gate()
    {
        MetadataReference library = Library("""
            namespace Lib;

            [System.AttributeUsage(System.AttributeTargets.Method)]
            public sealed class EnsuresTableFlushAttribute : System.Attribute
            {
            }

            public interface IFlusher
            {
                [EnsuresTableFlush]
                void Flush();
            }
            """);
        const string Consumer = """
            namespace Consumer;

            public sealed class Lazy : Lib.IFlusher
            {
                public void Flush() // expect: TLB005
                {
                }
            }
            """;

        await AssertExactlyExpectedAsync(Consumer, library);
    }

    [Fact]
    public async Task A_configured_sync_name_in_the_kernels_spelling_opens_the_gate()
    {
        AnalysisSettings settings = _settings.WithOption("tlb_analysis.sync_methods", "release_table");
        const string Consumer = """
            namespace Consumer;

            public static class Tables
            {
                /// <summary>Releases a table after the walkers are gone; callers must have done a TLB flush first.</summary>
                public static void ReleaseTable()
                {
                }

                public static void Unflushed() { ReleaseTable(); } // expect: TLB001
            }
            """;

        await AssertExactlyExpectedAsync(Consumer, settings: settings);
    }

    [Fact]
    public async Task Top_level_statements_are_analysed_as_one_code_block()
    {
        // The per-tree action finds members from the scan's hits; top-level statements belong to no member declaration.
        const string Program = """
            Kernel.TlbRemoveTableSyncOne(); // expect: TLB001

            static class Kernel
            {
                /// <summary>Waits for lockless walkers; callers must have done a TLB flush first.</summary>
                public static void TlbRemoveTableSyncOne()
                {
                }
            }
            """;

        await AssertExactlyExpectedAsync(Program, outputKind: OutputKind.ConsoleApplication);
    }

    private static async Task AssertExactlyExpectedAsync(
        string consumer, MetadataReference? library = null, AnalysisSettings? settings = null, OutputKind outputKind = OutputKind.DynamicallyLinkedLibrary)
    {
        settings ??= _settings;
        CSharpCompilation compilation = AnalysisRunner.Compile([AnalysisRunner.Parse("Consumer.cs", consumer, settings)], settings);
        compilation = compilation.WithOptions(compilation.Options.WithOutputKind(outputKind));
        if (library is not null)
        {
            compilation = compilation.AddReferences(library);
        }

        AnalysisOutcome outcome = await AnalysisRunner.RunAsync(compilation, settings);
        Assert.Empty(outcome.CompilerErrors);
        FileDiagnostics.AssertExactly(outcome, "Consumer.cs", ExpectComments.Parse(consumer));
    }

    private static MetadataReference Library(string source)
    {
        AnalysisSettings settings = _settings with { AssemblyName = "Lib" };
        CSharpCompilation library = AnalysisRunner.Compile([AnalysisRunner.Parse("Lib.cs", source, settings)], settings);
        using var image = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult emitted = library.Emit(image);
        Assert.True(emitted.Success, DiagnosticListing.Describe(emitted.Diagnostics));
        return MetadataReference.CreateFromImage(image.ToArray());
    }

    /// <summary>Runs the product as a build would, and reports which actions each analyzer registered.</summary>
    private static async Task<(AnalysisOutcome Outcome, ImmutableDictionary<string, AnalyzerTelemetryInfo> Registered)> RunWithTelemetryAsync(
        IEnumerable<SyntaxTree> trees, AnalysisSettings settings)
    {
        var options = new GlobalConfigOptionsProvider(settings.ConfigOptions);
        CSharpGeneratorDriver.Create([new ContractAttributesGenerator().AsSourceGenerator()], parseOptions: settings.ParseOptions, optionsProvider: options)
            .RunGeneratorsAndUpdateCompilation(AnalysisRunner.Compile(trees, settings), out Compilation generated, out _);
        var exceptions = new List<Exception>();
        ImmutableArray<DiagnosticAnalyzer> analyzers = ProductAnalyzers.Create();
        CompilationWithAnalyzers run = generated.WithAnalyzers(
            analyzers,
            new CompilationWithAnalyzersOptions(new AnalyzerOptions([], options), (exception, _, _) => exceptions.Add(exception), concurrentAnalysis: true, logAnalyzerExecutionTime: false));
        ImmutableArray<Diagnostic> diagnostics = await run.GetAnalyzerDiagnosticsAsync();
        var registered = ImmutableDictionary.CreateBuilder<string, AnalyzerTelemetryInfo>();
        foreach (DiagnosticAnalyzer analyzer in analyzers)
        {
            registered.Add(analyzer.GetType().Name, await run.GetAnalyzerTelemetryInfoAsync(analyzer, default));
        }

        return (new AnalysisOutcome(generated, [], diagnostics, [.. exceptions]), registered.ToImmutable());
    }

    /// <summary>Every action an analyzer registered besides its compilation-start action.</summary>
    private static int Actions(AnalyzerTelemetryInfo info) =>
        info.SyntaxTreeActionsCount + info.SemanticModelActionsCount + info.SymbolActionsCount + info.SymbolStartActionsCount +
        info.CodeBlockActionsCount + info.CodeBlockStartActionsCount + info.SyntaxNodeActionsCount + info.OperationActionsCount +
        info.OperationBlockActionsCount + info.OperationBlockStartActionsCount + info.CompilationActionsCount +
        info.CompilationEndActionsCount + info.AdditionalFileActionsCount;

    private static string Describe(AnalyzerTelemetryInfo info) =>
        $"tree {info.SyntaxTreeActionsCount}, semantic model {info.SemanticModelActionsCount}, symbol {info.SymbolActionsCount}, " +
        $"code block {info.CodeBlockActionsCount}, syntax node {info.SyntaxNodeActionsCount}, operation {info.OperationActionsCount}";
}
