using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using KernelModel.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace KernelModel.Audit;

/// <summary>
/// What the build shows for a compilation: the analyzer's own diagnostics, run with the project's options, with
/// <c>#pragma warning disable</c>, <c>[SuppressMessage]</c> and severity configuration applied. A site the engine
/// does not prove counts as a violation only when the build reports it, so the tool and the build agree.
/// </summary>
internal sealed class AnalyzerDiagnostics
{
    private readonly Dictionary<(string Id, string Path, TextSpan Span), bool> _suppressed = new();

    private AnalyzerDiagnostics()
    {
    }

    /// <summary>Runs the analyzer on a compilation.</summary>
    /// <param name="compilation">The compilation.</param>
    /// <param name="options">The project's analyzer options.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The diagnostics, indexed by rule and location.</returns>
    public static async Task<AnalyzerDiagnostics> RunAsync(Compilation compilation, AnalyzerOptions options, CancellationToken cancellationToken)
    {
        CompilationWithAnalyzers withAnalyzers = compilation.WithAnalyzers(
            ImmutableArray.Create<DiagnosticAnalyzer>(new TableFlushAnalyzer()),
            new CompilationWithAnalyzersOptions(options, onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: true));
        ImmutableArray<Diagnostic> diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(cancellationToken).ConfigureAwait(false);
        var index = new AnalyzerDiagnostics();
        foreach (Diagnostic diagnostic in diagnostics)
        {
            if (diagnostic.Location.IsInSource)
            {
                index._suppressed[(diagnostic.Id, diagnostic.Location.SourceTree!.FilePath, diagnostic.Location.SourceSpan)] =
                    diagnostic.IsSuppressed || diagnostic.Severity == DiagnosticSeverity.Hidden;
            }
        }

        return index;
    }

    /// <summary>Why the build does not report a violation at a location, or null when it does.</summary>
    /// <param name="rule">The rule id.</param>
    /// <param name="location">The site's location.</param>
    /// <returns>The reason it is suppressed, or null.</returns>
    public string? Suppression(string rule, Location location)
    {
        if (!_suppressed.TryGetValue((rule, location.SourceTree?.FilePath ?? string.Empty, location.SourceSpan), out bool suppressed))
        {
            return $"{rule} is disabled by configuration";
        }

        return suppressed ? SuppressionText.Of(rule, location) : null;
    }
}
