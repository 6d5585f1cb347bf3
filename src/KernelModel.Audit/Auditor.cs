using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using KernelModel.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

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

            sites.AddRange(await AuditAsync(project.Name, compilation, project.AnalyzerOptions, spots, warn, cancellationToken).ConfigureAwait(false));
        }

        ImmutableArray<AuditSite> sorted = sites
            .OrderBy(s => s.At)
            .ThenBy(s => s.Project, StringComparer.Ordinal)
            .ThenBy(s => s.Kind)
            .ThenBy(s => s.Condition, StringComparer.Ordinal)
            .ToImmutableArray();
        return new AuditReport(target.Display, loaded.Projects.Select(p => p.Name).ToImmutableArray(), sorted);
    }

    /// <summary>Audits one compilation: the engine's verdicts, explained, and the build's own diagnostics to tell violations from suppressed sites.</summary>
    /// <param name="project">The project's name.</param>
    /// <param name="compilation">Its compilation, generators run.</param>
    /// <param name="options">Its analyzer options (configuration, additional files).</param>
    /// <param name="spots">Maps locations to report paths.</param>
    /// <param name="warn">Receives invalid configuration values.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The sites, in source order.</returns>
    public static async Task<ImmutableArray<AuditSite>> AuditAsync(string project, Compilation compilation, AnalyzerOptions options, SpotMap spots, Action<string> warn, CancellationToken cancellationToken)
    {
        var sessions = new ProjectSessions(compilation, options.AnalyzerConfigOptionsProvider);
        ImmutableArray<EngineSite> found = SiteCollector.Collect(compilation, sessions, cancellationToken);
        AnalyzerDiagnostics diagnostics = await AnalyzerDiagnostics.RunAsync(compilation, options, cancellationToken).ConfigureAwait(false);
        foreach (OptionProblem problem in sessions.Problems.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            warn($"{project}: {problem.Key} = '{problem.Value}' is invalid ({problem.Reason}); the default '{problem.Fallback}' is used (TLB000)");
        }

        return new SiteExplainer(project, spots, found, diagnostics).Explain().ToImmutableArray();
    }
}
