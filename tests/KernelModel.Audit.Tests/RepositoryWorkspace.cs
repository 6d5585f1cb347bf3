namespace KernelModel.Audit.Tests;

/// <summary>
/// The tests that load the repository's projects with MSBuildWorkspace, or pack them, run one after another:
/// design-time builds of the same project write the same obj/ files and must not race.
/// </summary>
[CollectionDefinition(Name)]
public sealed class RepositoryWorkspace
{
    /// <summary>The collection's name.</summary>
    public const string Name = "repository workspace";
}
