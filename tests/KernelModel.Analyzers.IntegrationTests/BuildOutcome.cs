using System.Collections.Generic;
using System.Linq;

namespace KernelModel.Analyzers.IntegrationTests;

/// <summary>A finished <c>dotnet build</c> and the diagnostics it printed.</summary>
/// <param name="Run">The process run.</param>
/// <param name="Diagnostics">Every distinct diagnostic line.</param>
public sealed record BuildOutcome(ProcessResult Run, IReadOnlyList<BuildDiagnostic> Diagnostics)
{
    /// <summary>Whether the build succeeded.</summary>
    public bool Succeeded => Run.ExitCode == 0;

    /// <summary>The diagnostics of the package's rules (ids starting with TLB).</summary>
    public IReadOnlyList<BuildDiagnostic> RuleDiagnostics =>
        Diagnostics.Where(diagnostic => diagnostic.Id.StartsWith("TLB", System.StringComparison.Ordinal)).ToList();
}
