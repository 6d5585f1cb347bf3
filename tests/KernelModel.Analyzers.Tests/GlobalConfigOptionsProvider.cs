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
    private readonly AnalyzerConfigOptions _options;

    /// <summary>Creates a provider that answers with <paramref name="options"/> everywhere.</summary>
    /// <param name="options">Keys compared case-insensitively, as in .editorconfig files.</param>
    /// <param name="listsKeys">
    /// Whether <see cref="AnalyzerConfigOptions.Keys"/> lists them, as the compiler's and the IDE's options do; when false
    /// it throws as the base class does, as in hosts that only answer <see cref="AnalyzerConfigOptions.TryGetValue"/>.
    /// </param>
    public GlobalConfigOptionsProvider(ImmutableDictionary<string, string> options, bool listsKeys = true) =>
        _options = listsKeys
            ? new ListingConfigOptions(options.WithComparers(AnalyzerConfigOptions.KeyComparer))
            : new ConfigOptions(options.WithComparers(AnalyzerConfigOptions.KeyComparer));

    /// <inheritdoc />
    public override AnalyzerConfigOptions GlobalOptions => _options;

    /// <inheritdoc />
    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => _options;

    /// <inheritdoc />
    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => _options;

    private class ConfigOptions(ImmutableDictionary<string, string> values) : AnalyzerConfigOptions
    {
        protected ImmutableDictionary<string, string> Values { get; } = values;

        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) =>
            Values.TryGetValue(key, out value);
    }

    private sealed class ListingConfigOptions(ImmutableDictionary<string, string> values) : ConfigOptions(values)
    {
        public override IEnumerable<string> Keys => Values.Keys;
    }
}
