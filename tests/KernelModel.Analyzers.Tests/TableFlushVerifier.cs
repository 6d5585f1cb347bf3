using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace KernelModel.Analyzers.Tests;

/// <summary>
/// Runs <see cref="TableFlushAnalyzer"/> on Microsoft.CodeAnalysis.Testing markup such as
/// <c>{|TLB001:TlbRemoveTableSyncOne()|}</c>, so that a unit test states its expectations inside the code it
/// judges. Every test project also gets Prelude/Kernel.cs (namespace <c>Kernel</c>, with the contract attributes
/// in <c>KernelModel.Contracts</c>), compiles against the SDK's targeting pack without any download, and has
/// nullable enabled. Markup diagnostics do not check the witness (additional) locations; use
/// <see cref="Diagnostic"/> with explicit locations for that.
/// </summary>
public static class TableFlushVerifier
{
    /// <summary>Where the kernel model appears in the test project.</summary>
    public const string PreludePath = "/0/Kernel.cs";

    private static readonly Lazy<string> _prelude = new(() =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Prelude", "Kernel.cs")));

    /// <summary>
    /// An <c>.editorconfig</c> that keeps TLB007 off the prelude, whose wrappers flush without promising it, for the
    /// tests that switch TLB007 on.
    /// </summary>
    public const string PreludeWithoutPromises = "root = true\n\n[/0/Kernel.cs]\ndotnet_diagnostic.TLB007.severity = none\n";

    /// <summary>The kernel model added to every test.</summary>
    public static string Prelude => _prelude.Value;

    /// <summary>An expected diagnostic of one of the analyzer's rules, to locate with markup or explicitly.</summary>
    /// <param name="id">The rule id, for example <c>TLB002</c>.</param>
    /// <returns>The expectation.</returns>
    public static DiagnosticResult Diagnostic(string id) =>
        new(new TableFlushAnalyzer().SupportedDiagnostics.Single(descriptor => descriptor.Id == id));

    /// <summary>Checks that <paramref name="source"/> produces exactly its markup and <paramref name="expected"/>.</summary>
    /// <param name="source">The test code, with markup.</param>
    /// <param name="expected">Diagnostics not given by markup.</param>
    /// <returns>A task that fails the test on a mismatch.</returns>
    public static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
        VerifyAsync(source, new Dictionary<string, string>(), expected);

    /// <summary>
    /// Like <see cref="VerifyAsync(string, DiagnosticResult[])"/>, with options in an <c>.editorconfig</c> at the
    /// root of the test project (for example <c>tlb_analysis.sync_methods</c>), as a user would configure the rules.
    /// </summary>
    /// <param name="source">The test code, with markup.</param>
    /// <param name="editorConfig">Keys and values for the <c>[*.cs]</c> section.</param>
    /// <param name="expected">Diagnostics not given by markup.</param>
    /// <returns>A task that fails the test on a mismatch.</returns>
    public static async Task VerifyAsync(string source, IReadOnlyDictionary<string, string> editorConfig, params DiagnosticResult[] expected)
    {
        var test = new Test { TestCode = source };
        if (editorConfig.Count > 0)
        {
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", EditorConfig(editorConfig)));
        }

        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }

    /// <summary>The text of an <c>.editorconfig</c> that applies <paramref name="options"/> to every C# file.</summary>
    /// <param name="options">Keys and values.</param>
    /// <returns>The file's text.</returns>
    public static string EditorConfig(IReadOnlyDictionary<string, string> options) =>
        "root = true\n\n[*.cs]\n" + string.Concat(options.Select(option => $"{option.Key} = {option.Value}\n"));

    /// <summary>
    /// The test, with the kernel model and the offline references already in place; use it directly to add
    /// files, config files or options that <see cref="VerifyAsync(string, DiagnosticResult[])"/> does not cover.
    /// </summary>
    public sealed class Test : CSharpAnalyzerTest<TableFlushAnalyzer, DefaultVerifier>
    {
        /// <summary>Creates a test of the current runtime's framework, compiled against its targeting pack.</summary>
        public Test()
        {
            // A framework name without a package: the testing library downloads nothing and the targeting pack
            // found next to the runtime supplies every reference.
            ReferenceAssemblies = new ReferenceAssemblies($"net{Environment.Version.Major}.0");
            TestState.AdditionalReferences.AddRange(TargetingPack.References);
            TestState.Sources.Add((PreludePath, Prelude));

            // The testing library reports every rule, even those off by default. The suggestion to promise a flush
            // (TLB007) would fire on the prelude's own wrappers, and the proof (TLB008) on every safe call: tests of
            // those rules switch them back on.
            DisabledDiagnostics.Add("TLB007");
            DisabledDiagnostics.Add("TLB008");
            SolutionTransforms.Add(static (solution, projectId) =>
            {
                Project project = solution.GetProject(projectId)!;
                return solution
                    .WithProjectCompilationOptions(projectId, ((CSharpCompilationOptions)project.CompilationOptions!).WithNullableContextOptions(NullableContextOptions.Enable))
                    .WithProjectParseOptions(projectId, ((CSharpParseOptions)project.ParseOptions!).WithLanguageVersion(LanguageVersion.Latest));
            });
        }
    }
}
