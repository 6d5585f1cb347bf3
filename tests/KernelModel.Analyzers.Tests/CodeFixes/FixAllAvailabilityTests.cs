using System.Collections.Generic;
using System.Linq;
using KernelModel.Analyzers.CodeFixes;
using Microsoft.CodeAnalysis.CodeFixes;

namespace KernelModel.Analyzers.Tests.CodeFixes;

/// <summary>
/// Which fixes bulk tools may apply (SPEC §8). <c>dotnet format</c> and the editors' "Fix all occurrences" ask a
/// provider for its Fix All provider and skip it when there is none: "Insert a TLB flush" changes behaviour and
/// must have none; the fixes that change no behaviour must support every scope, so that
/// <c>dotnet format analyzers --diagnostics TLB00N</c> reaches them.
/// </summary>
public class FixAllAvailabilityTests
{
    public static IEnumerable<object[]> BehaviourPreservingProviders =>
    [
        [new RequireCallersToFlushCodeFixProvider()],
        [new PreconditionCodeFixProvider()],
        [new DocumentationCodeFixProvider()],
        [new RedundantCheckCodeFixProvider()],
    ];

    [Fact]
    public void Insert_a_TLB_flush_has_no_Fix_All_so_dotnet_format_never_applies_it() =>
        Assert.Null(new InsertFlushCodeFixProvider().GetFixAllProvider());

    [Theory]
    [MemberData(nameof(BehaviourPreservingProviders))]
    public void Behaviour_preserving_fixes_support_Fix_All_in_document_project_and_solution(CodeFixProvider provider)
    {
        FixAllProvider? fixAll = provider.GetFixAllProvider();

        Assert.NotNull(fixAll);
        Assert.Superset(
            new HashSet<FixAllScope> { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution },
            fixAll.GetSupportedFixAllScopes().ToHashSet());
    }

    /// <summary>
    /// Roslyn hosts list a package's fixers by full type name, so the per-site flush comes before the contract in
    /// the light bulb only while its provider's name sorts first; a rename must not silently reverse that.
    /// </summary>
    [Fact]
    public void Insert_a_TLB_flush_is_listed_before_Require_callers_to_flush() =>
        Assert.True(string.CompareOrdinal(typeof(InsertFlushCodeFixProvider).FullName, typeof(RequireCallersToFlushCodeFixProvider).FullName) < 0);
}
