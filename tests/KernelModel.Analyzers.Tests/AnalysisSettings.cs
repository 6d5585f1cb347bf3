using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace KernelModel.Analyzers.Tests;

/// <summary>
/// How a test project is built: what a csproj and its .editorconfig would say. Every test compiles with the
/// latest language version and nullable enabled, as the repository's projects do, so that the analyzer sees
/// the code the way a user's build would.
/// </summary>
public sealed record AnalysisSettings
{
    /// <summary>A library with no symbols, no suppressions and no options.</summary>
    public static AnalysisSettings Default { get; } = new();

    /// <summary>The assembly the sources are compiled into.</summary>
    public string AssemblyName { get; init; } = "KernelModel.Tests.Input";

    /// <summary>Conditional-compilation symbols (<c>DefineConstants</c>).</summary>
    public ImmutableArray<string> PreprocessorSymbols { get; init; } = [];

    /// <summary>Compiler warnings switched off (<c>NoWarn</c>).</summary>
    public ImmutableArray<string> SuppressedWarnings { get; init; } = [];

    /// <summary>
    /// Options seen by the generator and the analyzer, such as <c>build_property.KernelModelEmitContracts</c> or
    /// <c>tlb_analysis.max_states</c>.
    /// </summary>
    public ImmutableDictionary<string, string> ConfigOptions { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>
    /// Whether the host's options list their keys (<c>AnalyzerConfigOptions.Keys</c>), as the compiler's and the IDE's
    /// do; hosts that only answer lookups by name leave it throwing, as the base class does.
    /// </summary>
    public bool OptionsListKeys { get; init; } = true;

    /// <summary>
    /// Whether documentation comments are only parsed (the default, like a project without a documentation file)
    /// or also checked, like a project with <c>GenerateDocumentationFile</c>.
    /// </summary>
    public DocumentationMode DocumentationMode { get; init; } = DocumentationMode.Parse;

    /// <summary>The parse options every source and generated file gets.</summary>
    public CSharpParseOptions ParseOptions =>
        new(LanguageVersion.Latest, DocumentationMode, SourceCodeKind.Regular, PreprocessorSymbols);

    /// <summary>A library with nullable enabled and every warning wave on, minus <see cref="SuppressedWarnings"/>.</summary>
    public CSharpCompilationOptions CompilationOptions =>
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary)
            .WithNullableContextOptions(NullableContextOptions.Enable)
            .WithWarningLevel(9999)
            .WithDeterministic(true)
            .WithSpecificDiagnosticOptions(SuppressedWarnings.ToImmutableDictionary(id => id, _ => ReportDiagnostic.Suppress));

    /// <summary>
    /// These settings with TLB007 off: for corpora whose kernel model has public flush wrappers that promise nothing
    /// (the shared cases' Api.cs, the generated corpus). TLB007 would rightly suggest promises there, which is not
    /// what those corpora judge; PromiseTests does.
    /// </summary>
    /// <returns>The new settings.</returns>
    public AnalysisSettings WithoutPromiseSuggestions() => this with { SuppressedWarnings = SuppressedWarnings.Add("TLB007") };

    /// <summary>These settings plus one option.</summary>
    /// <param name="key">For example <c>tlb_analysis.max_states</c>.</param>
    /// <param name="value">Its value, as it would be written in a config file.</param>
    /// <returns>The new settings.</returns>
    public AnalysisSettings WithOption(string key, string value) => this with { ConfigOptions = ConfigOptions.SetItem(key, value) };
}
