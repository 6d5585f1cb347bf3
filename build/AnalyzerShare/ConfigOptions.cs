using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KernelModel.AnalyzerShare;

/// <summary>The same <c>tlb_analysis.*</c> options for every file, as a .globalconfig would give them (<c>--option KEY=VALUE</c>).</summary>
internal sealed class ConfigOptions(ImmutableDictionary<string, string> values) : AnalyzerConfigOptionsProvider
{
    private readonly Options _options = new(values);

    public override AnalyzerConfigOptions GlobalOptions => _options;

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => _options;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => _options;

    /// <summary>Analyzer options carrying <paramref name="values"/>.</summary>
    public static AnalyzerOptions Analyzer(IReadOnlyDictionary<string, string> values) =>
        new([], new ConfigOptions(values.ToImmutableDictionary(AnalyzerConfigOptions.KeyComparer)));

    private sealed class Options(ImmutableDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);

        // The compiler's and the IDE's options list their keys; the product reads them for misspelled-key checks.
        public override IEnumerable<string> Keys => values.Keys;
    }
}
