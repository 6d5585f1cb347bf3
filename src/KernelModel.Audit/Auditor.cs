using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using KernelModel.Analysis;
using Microsoft.CodeAnalysis;

namespace KernelModel.Audit;

/// <summary>Loads a target, runs the engine on each of its projects and gathers the report.</summary>
internal static class Auditor
{
    /// <summary>Audits a target.</summary>
    /// <param name="target">What to audit.</param>
    /// <param name="progress">Receives a line per step, for the terminal.</param>
    /// <param name="warn">Receives warnings that do not stop the audit (invalid configuration, compile errors).</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The report.</returns>
    /// <exception cref="AuditInputException">The target does not load.</exception>
    public static async Task<AuditReport> RunAsync(AuditTarget target, Action<string> progress, Action<string> warn, CancellationToken cancellationToken)
    {
        using LoadedWorkspace loaded = await WorkspaceLoader.LoadAsync(target, progress, cancellationToken).ConfigureAwait(false);
        var spots = new SpotMap(target.Root);
        var sites = new List<AuditSite>();
        foreach (Project project in loaded.Projects)
        {
            progress("analysing " + project.Name);
            Compilation compilation = await ContractGeneration.CompileAsync(project, cancellationToken).ConfigureAwait(false);
            if (compilation.GetSpecialType(SpecialType.System_Object).TypeKind == TypeKind.Error)
            {
                throw new AuditInputException($"cannot load {project.Name}: its framework references did not resolve (run 'dotnet restore' on {spots.Relative(project.FilePath!)} first)");
            }

            Diagnostic? error = compilation.GetDiagnostics(cancellationToken).FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error);
            if (error is not null)
            {
                warn($"{project.Name} does not compile ({error.Id} at {spots.Of(error.Location).FileAndLine}: {error.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}); verdicts on it may be incomplete");
            }

            var sessions = new ProjectSessions(compilation, project.AnalyzerOptions.AnalyzerConfigOptionsProvider);
            ImmutableArray<EngineSite> found = SiteCollector.Collect(compilation, sessions, cancellationToken);
            AnalyzerDiagnostics diagnostics = await AnalyzerDiagnostics.RunAsync(compilation, project.AnalyzerOptions, cancellationToken).ConfigureAwait(false);
            sites.AddRange(new SiteExplainer(project.Name, spots, found, diagnostics).Explain());
            foreach (OptionProblem problem in sessions.Problems.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                warn($"{project.Name}: {problem.Key} = '{problem.Value}' is invalid ({problem.Reason}); the default '{problem.Fallback}' is used (TLB000)");
            }
        }

        ImmutableArray<AuditSite> sorted = sites
            .OrderBy(s => s.At)
            .ThenBy(s => s.Project, StringComparer.Ordinal)
            .ThenBy(s => s.Kind)
            .ThenBy(s => s.Condition, StringComparer.Ordinal)
            .ToImmutableArray();
        return new AuditReport(target.Display, loaded.Projects.Select(p => p.Name).ToImmutableArray(), sorted);
    }
}
