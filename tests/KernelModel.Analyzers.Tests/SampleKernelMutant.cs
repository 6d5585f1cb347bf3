using System.Collections.Immutable;

namespace KernelModel.Analyzers.Tests;

/// <summary>
/// One deliberately broken version of the sample kernel: an edit to one file that removes, weakens, moves or
/// makes conditional the flush a guarded site relies on, or drops the contract that carried it, together with
/// the diagnostic that must then appear (SPEC §11: "each of its guarded sites, once broken … is reported").
/// </summary>
/// <param name="Name">
/// Where and how the site breaks, in a kernel reviewer's words; also the theory row's name, so at most
/// <see cref="MaxNameLength"/> characters, which xUnit shows in full.
/// </param>
/// <param name="File">The edited file below sample-kernel/.</param>
/// <param name="Edit">The edit.</param>
/// <param name="ExpectedId">TLB001 or TLB002.</param>
/// <param name="ExpectedAt">Sites of which at least one must carry <paramref name="ExpectedId"/>.</param>
/// <param name="Configuration">The build in which the site is live (<see cref="SampleKernelConfiguration"/>).</param>
public sealed record SampleKernelMutant(
    string Name, string File, TextEdit Edit, string ExpectedId, ImmutableArray<CallSite> ExpectedAt, string Configuration = "X86_64")
{
    /// <summary>The longest string argument xUnit displays without truncating it.</summary>
    public const int MaxNameLength = 50;

    /// <inheritdoc />
    public override string ToString() => Name;
}
