using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using KernelModel.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KernelModel.Analyzers;

/// <summary>
/// One <see cref="AnalysisSession"/> per distinct configuration in a compilation (configuration can differ per
/// file through .editorconfig), and each invalid configuration value reported once per compilation.
/// </summary>
internal sealed class SessionProvider(Compilation compilation, AnalyzerConfigOptionsProvider options)
{
    private readonly ConcurrentDictionary<SyntaxTree, (AnalysisSession Session, List<OptionProblem> Problems)> _byTree = new();
    private readonly ConcurrentDictionary<AnalyzerConfigOptions, (AnalysisSession Session, List<OptionProblem> Problems)> _byConfig = new();
    private readonly ConcurrentDictionary<EngineOptions, AnalysisSession> _sessions = new();
    private readonly ConcurrentDictionary<(string Key, string Value), bool> _reported = new();

    /// <summary>The session for code in <paramref name="tree"/>.</summary>
    /// <param name="tree">A syntax tree of the compilation.</param>
    /// <returns>The session.</returns>
    public AnalysisSession For(SyntaxTree tree) => Entry(tree).Session;

    /// <summary>The invalid values in <paramref name="tree"/>'s configuration not reported yet.</summary>
    /// <param name="tree">A syntax tree of the compilation.</param>
    /// <returns>The problems to report now.</returns>
    public IEnumerable<OptionProblem> NewProblems(SyntaxTree tree)
    {
        foreach (OptionProblem problem in Entry(tree).Problems)
        {
            if (_reported.TryAdd((problem.Key, problem.Value), true))
            {
                yield return problem;
            }
        }
    }

    /// <summary>The project's directory, which the SDK passes to analyzers as <c>build_property.ProjectDir</c>.</summary>
    private string? ProjectDirectory() =>
        options.GlobalOptions.TryGetValue("build_property.projectdir", out string? directory) && !string.IsNullOrWhiteSpace(directory) ? directory : null;

    /// <summary>Every distinct configuration of the compilation's files (the defaults when it has none).</summary>
    /// <returns>The configurations.</returns>
    public IEnumerable<EngineOptions> Configurations()
    {
        var configurations = new HashSet<EngineOptions> { EngineOptions.Default };
        foreach (SyntaxTree tree in compilation.SyntaxTrees)
        {
            configurations.Add(For(tree).Options);
        }

        return configurations;
    }

    /// <summary>Whether any file's configuration holds an invalid value (TLB000).</summary>
    /// <returns>True when one does.</returns>
    public bool AnyProblems()
    {
        foreach (SyntaxTree tree in compilation.SyntaxTrees)
        {
            if (Entry(tree).Problems.Count > 0)
            {
                return true;
            }
        }

        return false;
    }

    private (AnalysisSession Session, List<OptionProblem> Problems) Entry(SyntaxTree tree) =>
        _byTree.GetOrAdd(tree, t => _byConfig.GetOrAdd(options.GetOptions(t), Read));

    // Files under the same .editorconfig sections share one options object, so the options are read once per
    // distinct configuration rather than once per file.
    private (AnalysisSession Session, List<OptionProblem> Problems) Read(AnalyzerConfigOptions config)
    {
        var problems = new List<OptionProblem>();
        EngineOptions engineOptions = EngineOptions.Read(key => config.TryGetValue(key, out string? value) ? value : null, problems, KeysOf(config));
        return (_sessions.GetOrAdd(engineOptions, o => new AnalysisSession(compilation, o) { ProjectDirectory = ProjectDirectory() }), problems);
    }

    /// <summary>
    /// Every key set for a file, or none when the host cannot list them: <see cref="AnalyzerConfigOptions.Keys"/> is
    /// virtual and throws in the base class, and hosts other than the compiler and the IDE (custom drivers, test
    /// harnesses) often leave it so. Then only misspelled keys go unreported; the real keys are still read by name.
    /// </summary>
    private static IEnumerable<string> KeysOf(AnalyzerConfigOptions config)
    {
        try
        {
            return config.Keys.ToArray();
        }
        catch (System.Exception exception) when (exception is System.NotImplementedException or System.NotSupportedException)
        {
            return System.Array.Empty<string>();
        }
    }
}
