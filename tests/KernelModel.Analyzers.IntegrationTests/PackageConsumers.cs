namespace KernelModel.Analyzers.IntegrationTests;

/// <summary>
/// The tests that consume the packed package. They share one pack and run one at a time: each drives real
/// builds, and the CI machine has two cores.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PackageConsumers : ICollectionFixture<PackageFeed>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "package consumers";
}
