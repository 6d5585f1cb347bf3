using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace KernelModel.Analyzers.CodeFixes;

/// <summary>The fixes of TLB002 (docs/rules/TLB002.md): "Require the condition from callers".</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PreconditionCodeFixProvider))]
[Shared]
public sealed class PreconditionCodeFixProvider : TextFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.PreconditionMayNotHold.Id);

    private protected override ImmutableArray<TextFix> Fixes { get; } = ImmutableArray.Create<TextFix>(new RequireConditionFix());
}
