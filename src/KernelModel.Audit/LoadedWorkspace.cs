using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.MSBuild;

namespace KernelModel.Audit;

/// <summary>The workspace the target loaded into, kept alive while its projects are audited.</summary>
/// <param name="workspace">The workspace.</param>
/// <param name="projects">The C# projects to audit, ordered by name.</param>
internal sealed class LoadedWorkspace(MSBuildWorkspace workspace, ImmutableArray<Project> projects) : IDisposable
{
    /// <summary>The C# projects to audit, ordered by name.</summary>
    public ImmutableArray<Project> Projects { get; } = projects;

    /// <inheritdoc />
    public void Dispose() => workspace.Dispose();
}
