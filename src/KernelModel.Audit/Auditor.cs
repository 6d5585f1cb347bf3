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
    /// <param name="allProjects">Whether to audit projects that do not use the analyzers too.</param>
    /// <param name="progress">Receives a line per step, for the terminal.</param>
    /// <param name="warn">Receives warnings that do not stop the audit (invalid configuration, compile errors).</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The report.</returns>
    /// <exception cref="AuditInputException">Nothing could be audited.</exception>
    public static async Task<AuditReport> RunAsync(AuditTarget target, bool allProjects, Action<string> progress, Action<string> warn, CancellationToken cancellationToken)
    {
        using LoadedWorkspace loaded = await WorkspaceLoader.LoadAsync(target, allProjects, progress, cancellationToken).ConfigureAwait(false);
        var spots = new SpotMap(target.Root);
        var sites = new List<AuditSite>();
        var failures = loaded.Failures.ToList();
        var audited = new List<string>();
        for (int i = 0; i < loaded.Projects.Length; i++)
        {
            Project project = loaded.Projects[i];
            string step = $"[{i + 1}/{loaded.Projects.Length}] {project.Name}";
            progress($"{step}: compiling ({sites.Count} sites so far)");
            Compilation compilation = await ContractGeneration.CompileAsync(project, cancellationToken).ConfigureAwait(false);
            if (compilation.GetSpecialType(SpecialType.System_Object).TypeKind == TypeKind.Error)
            {
                failures.Add(new LoadFailure(spots.Relative(project.FilePath!), $"its framework references did not resolve (run 'dotnet restore' on {spots.Relative(project.FilePath!)} first)"));
                continue;
            }

            Diagnostic? error = compilation.GetDiagnostics(cancellationToken).FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error);
            if (error is not null)
            {
                warn($"{project.Name} does not compile ({error.Id} at {spots.Of(error.Location).FileAndLine}: {error.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}); verdicts on it may be incomplete");
            }

            int before = sites.Count;
            sites.AddRange(await AuditAsync(project.Name, compilation, project.AnalyzerOptions, spots, warn, cancellationToken,
                (done, total) => progress($"{step}: {done}/{total} documents, {before} sites so far")).ConfigureAwait(false));
            audited.Add(project.Name);
        }

        foreach (LoadFailure failure in failures)
        {
            warn($"not audited: {failure.Project}: {failure.Reason}");
        }

        if (audited.Count == 0)
        {
            throw new AuditInputException($"cannot audit {target.Display}: " + string.Join("; ", failures.Select(f => $"{f.Project}: {f.Reason}")));
        }

        return new AuditReport(target.Display, audited.ToImmutableArray(), sites.ToImmutableArray())
        {
            Failures = failures.ToImmutableArray(),
            Skipped = loaded.Skipped,
        };
    }

    /// <summary>Audits one compilation: the engine's verdicts, explained, and the build's own diagnostics to tell violations from suppressed sites.</summary>
    /// <param name="project">The project's name.</param>
    /// <param name="compilation">Its compilation, generators run.</param>
    /// <param name="options">Its analyzer options (configuration, additional files).</param>
    /// <param name="spots">Maps locations to report paths.</param>
    /// <param name="warn">Receives invalid configuration values.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <param name="documents">Receives the documents done and their total, for the terminal.</param>
    /// <returns>The sites, in source order.</returns>
    public static async Task<ImmutableArray<AuditSite>> AuditAsync(string project, Compilation compilation, AnalyzerOptions options, SpotMap spots, Action<string> warn, CancellationToken cancellationToken, Action<int, int>? documents = null)
    {
        var sessions = new ProjectSessions(compilation, options.AnalyzerConfigOptionsProvider);
        ImmutableArray<EngineSite> found = SiteCollector.Collect(compilation, sessions, cancellationToken, documents);
        AnalyzerDiagnostics diagnostics = await AnalyzerDiagnostics.RunAsync(compilation, options, cancellationToken).ConfigureAwait(false);
        foreach (OptionProblem problem in sessions.Problems.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            warn($"{project}: configuration key '{problem.Key}' {problem.Describe()} (TLB000)");
        }

        return new SiteExplainer(project, spots, found, diagnostics).Explain().ToImmutableArray();
    }
}
