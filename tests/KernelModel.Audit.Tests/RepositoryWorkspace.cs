namespace KernelModel.Audit.Tests;

/// <summary>
/// The tests that load the repository's projects with MSBuildWorkspace, or pack them, run one after another:
/// design-time builds of the same project write the same obj/ files and must not race. The configuration
/// projects are restored and audited once for every test of the collection that reads them.
/// </summary>
[CollectionDefinition(Name)]
public sealed class RepositoryWorkspace : ICollectionFixture<ConfigurationProjects>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "repository workspace";
}
