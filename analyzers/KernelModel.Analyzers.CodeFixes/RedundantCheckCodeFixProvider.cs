using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace KernelModel.Analyzers.CodeFixes;

/// <summary>The fixes of TLB004 (docs/rules/TLB004.md): "Remove the redundant check".</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RedundantCheckCodeFixProvider))]
[Shared]
public sealed class RedundantCheckCodeFixProvider : TextFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.RedundantBroadcastCheck.Id);

    private protected override ImmutableArray<TextFix> Fixes { get; } = ImmutableArray.Create<TextFix>(new RemoveRedundantCheckFix());
}
