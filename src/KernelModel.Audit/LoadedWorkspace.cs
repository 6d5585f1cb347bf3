using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.MSBuild;

namespace KernelModel.Audit;

/// <summary>The workspace the target loaded into, kept alive while its projects are audited.</summary>
/// <param name="workspace">The workspace.</param>
/// <param name="projects">The C# projects to audit, ordered by name.</param>
/// <param name="failures">The projects that did not load, with why.</param>
/// <param name="skipped">The projects left out because they do not use the analyzers.</param>
internal sealed class LoadedWorkspace(MSBuildWorkspace workspace, ImmutableArray<Project> projects, ImmutableArray<LoadFailure> failures, ImmutableArray<string> skipped) : IDisposable
{
    /// <summary>The C# projects to audit, ordered by name.</summary>
    public ImmutableArray<Project> Projects { get; } = projects;

    /// <summary>The projects that did not load, with why.</summary>
    public ImmutableArray<LoadFailure> Failures { get; } = failures;

    /// <summary>The projects left out because they do not use the analyzers.</summary>
    public ImmutableArray<string> Skipped { get; } = skipped;

    /// <inheritdoc />
    public void Dispose() => workspace.Dispose();
}
