using System.Collections.Concurrent;
using System.Collections.Generic;
using KernelModel.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KernelModel.Audit;

/// <summary>
/// One <see cref="AnalysisSession"/> per distinct configuration in a compilation, read from the project's
/// analyzer configuration (.editorconfig, .globalconfig) exactly as the analyzer reads it, so the tool sees
/// what the build sees.
/// </summary>
/// <param name="compilation">The project's compilation.</param>
/// <param name="options">The project's analyzer configuration.</param>
internal sealed class ProjectSessions(Compilation compilation, AnalyzerConfigOptionsProvider options)
{
    private readonly ConcurrentDictionary<EngineOptions, AnalysisSession> _sessions = new();
    private readonly Dictionary<(string Key, string Value), OptionProblem> _problems = new();

    /// <summary>The invalid configuration values met so far (each the analyzer reports as TLB000).</summary>
    public IEnumerable<OptionProblem> Problems => _problems.Values;

    /// <summary>The session for code in <paramref name="tree"/>.</summary>
    /// <param name="tree">A syntax tree of the compilation.</param>
    /// <returns>The session.</returns>
    public AnalysisSession For(SyntaxTree tree)
    {
        AnalyzerConfigOptions config = options.GetOptions(tree);
        var problems = new List<OptionProblem>();
        EngineOptions engineOptions = EngineOptions.Read(key => config.TryGetValue(key, out string? value) ? value : null, problems, config.Keys);
        foreach (OptionProblem problem in problems)
        {
            _problems[(problem.Key, problem.Value)] = problem;
        }

        // Witnesses name other files below the project's directory, as the analyzer's do.
        string? directory = options.GlobalOptions.TryGetValue("build_property.projectdir", out string? value) && !string.IsNullOrWhiteSpace(value) ? value : null;
        return _sessions.GetOrAdd(engineOptions, o => new AnalysisSession(compilation, o) { ProjectDirectory = directory });
    }
}
