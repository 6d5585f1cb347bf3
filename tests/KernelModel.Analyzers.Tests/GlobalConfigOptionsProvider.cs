using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KernelModel.Analyzers.Tests;

/// <summary>
/// Hands the generator and the analyzer the same key/value options (<c>build_property.*</c>,
/// <c>tlb_analysis.*</c>) for the whole compilation and for every file, as a <c>.globalconfig</c> would. The
/// product may read its settings either way, so the tests must not depend on which.
/// </summary>
public sealed class GlobalConfigOptionsProvider : AnalyzerConfigOptionsProvider
{
    private readonly ConfigOptions _options;

    /// <summary>Creates a provider that answers with <paramref name="options"/> everywhere.</summary>
    /// <param name="options">Keys compared case-insensitively, as in .editorconfig files.</param>
    public GlobalConfigOptionsProvider(ImmutableDictionary<string, string> options) =>
        _options = new ConfigOptions(options.WithComparers(AnalyzerConfigOptions.KeyComparer));

    /// <inheritdoc />
    public override AnalyzerConfigOptions GlobalOptions => _options;

    /// <inheritdoc />
    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => _options;

    /// <inheritdoc />
    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => _options;

    private sealed class ConfigOptions(ImmutableDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) =>
            values.TryGetValue(key, out value);

        public override IEnumerable<string> Keys => values.Keys;
    }
}
