using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace KernelModel.Analyzers.CodeFixes;

/// <summary>The fix of TLB007 (docs/rules/TLB007.md): "Promise the flush".</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PromiseCodeFixProvider))]
[Shared]
public sealed class PromiseCodeFixProvider : TextFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.UnpromisedFlush.Id);

    private protected override ImmutableArray<TextFix> Fixes { get; } = ImmutableArray.Create<TextFix>(new PromiseFlushFix());
}
