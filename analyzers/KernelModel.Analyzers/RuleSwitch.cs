using System.Collections.Concurrent;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KernelModel.Analyzers;

/// <summary>
/// Whether a rule that is disabled by default (TLB008) is switched on for a file, so that nothing is computed for it
/// when it is not: its effective severity from <c>dotnet_diagnostic.&lt;id&gt;.severity</c> (per file or global),
/// <c>/warnaserror</c>-style compilation options, or <c>dotnet_analyzer_diagnostic.category-&lt;category&gt;.severity</c>.
/// Decided once per file.
/// </summary>
internal sealed class RuleSwitch(DiagnosticDescriptor rule, Compilation compilation, AnalyzerConfigOptionsProvider options)
{
    private readonly ConcurrentDictionary<SyntaxTree, bool> _byTree = new();

    /// <summary>Whether the rule may report in <paramref name="tree"/>.</summary>
    /// <param name="tree">A syntax tree of the compilation.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>True when its effective severity is not suppressed.</returns>
    public bool IsOn(SyntaxTree tree, CancellationToken cancellationToken)
    {
        if (!_byTree.TryGetValue(tree, out bool on))
        {
            on = _byTree.GetOrAdd(tree, t => Decide(t, cancellationToken));
        }

        return on;
    }

    private bool Decide(SyntaxTree tree, CancellationToken cancellationToken)
    {
        SyntaxTreeOptionsProvider? provider = compilation.Options.SyntaxTreeOptionsProvider;
        if (provider is not null &&
            (provider.TryGetDiagnosticValue(tree, rule.Id, cancellationToken, out ReportDiagnostic severity) ||
             provider.TryGetGlobalDiagnosticValue(rule.Id, cancellationToken, out severity)))
        {
            return severity != ReportDiagnostic.Suppress;
        }

        if (compilation.Options.SpecificDiagnosticOptions.TryGetValue(rule.Id, out severity))
        {
            return severity != ReportDiagnostic.Suppress;
        }

        if (options.GetOptions(tree).TryGetValue($"dotnet_analyzer_diagnostic.category-{rule.Category}.severity", out string? category))
        {
            return category.Trim() != "none";
        }

        return rule.IsEnabledByDefault;
    }
}
