using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace KernelModel.Analyzers.CodeFixes;

/// <summary>The fixes of TLB001 (docs/rules/TLB001.md): "Insert a TLB flush" first — the fix `dotnet format` applies — then "Require callers to flush".</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(GuardedCallCodeFixProvider))]
[Shared]
public sealed class GuardedCallCodeFixProvider : TextFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.GuardedCallWithoutFlush.Id);

    private protected override ImmutableArray<TextFix> Fixes { get; } = ImmutableArray.Create<TextFix>(new InsertFlushFix(), new RequireCallersToFlushFix());
}
