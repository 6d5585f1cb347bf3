using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace KernelModel.Analyzers.Tests;

/// <summary>
/// Breaking any guarded site of the sample kernel must be reported where it breaks, with a message and a
/// witness (SPEC §5, §11): silence on the intact kernel only means something if the same analysis speaks up on
/// each of these mutants.
/// </summary>
public class SampleKernelMutationTests
{
    public static IEnumerable<object[]> Mutants => SampleKernelMutants.Names;

    [Fact]
    public void Every_mutant_has_a_distinct_name_that_xunit_shows_in_full()
    {
        Assert.Equal(SampleKernelMutants.All.Length, SampleKernelMutants.All.Select(mutant => mutant.Name).Distinct().Count());
        Assert.All(SampleKernelMutants.All, mutant => Assert.InRange(mutant.Name.Length, 1, SampleKernelMutant.MaxNameLength));
    }

    [Theory]
    [MemberData(nameof(Mutants))]
    public async Task Broken_guarded_site_is_reported_with_a_witness(string mutantName)
    {
        SampleKernelMutant mutant = SampleKernelMutants.Get(mutantName);
        SampleKernelConfiguration configuration = SampleKernelConfiguration.Named(mutant.Configuration);
        SampleKernelFile file = configuration.Get(mutant.File);
        string mutated = mutant.Edit.Apply(file.Text);
        Assert.NotEqual(file.Text, mutated);

        AnalysisOutcome outcome = await AnalysisRunner.RunAsync(configuration.WithText(file, mutated), configuration.Settings);
        Assert.True(
            !outcome.CompilerErrors.Any(),
            $"The mutant must still compile:{Environment.NewLine}{DiagnosticListing.Describe(outcome.CompilerErrors)}");
        Assert.False(outcome.AnalyzerFailed, outcome.DescribeAnalyzerFailures());

        (CallSite Site, int Line)[] expected = mutant.ExpectedAt
            .Select(site => (site, site.LineIn(site.File == mutant.File ? mutated : configuration.Get(site.File).Text)))
            .ToArray();
        SiteDiagnostics.AssertReportedWithWitness(outcome, mutant.ExpectedId, expected);
    }
}
