using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace KernelModel.Analyzers.CodeFixes;

/// <summary>
/// TLB001 "Require callers to flush" (docs/rules/TLB001.md): a contract, which changes no runtime behaviour, so
/// it has Fix All and is what <c>dotnet format analyzers --diagnostics TLB001</c> applies.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RequireCallersToFlushCodeFixProvider))]
[Shared]
public sealed class RequireCallersToFlushCodeFixProvider : TextFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.GuardedCallWithoutFlush.Id);

    private protected override ImmutableArray<TextFix> Fixes { get; } = ImmutableArray.Create<TextFix>(new RequireCallersToFlushFix());
}
