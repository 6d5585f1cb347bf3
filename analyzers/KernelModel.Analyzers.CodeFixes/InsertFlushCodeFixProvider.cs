using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace KernelModel.Analyzers.CodeFixes;

/// <summary>
/// TLB001 "Insert a TLB flush" (docs/rules/TLB001.md), on its own so that it can be offered per site only: it
/// changes what the code does, so it has no Fix All and bulk tools such as <c>dotnet format</c> skip it. Hosts
/// that load a package's fixers sort them by type name, which puts this one before "Require callers to flush".
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(InsertFlushCodeFixProvider))]
[ExtensionOrder(Before = nameof(RequireCallersToFlushCodeFixProvider))]
[Shared]
public sealed class InsertFlushCodeFixProvider : TextFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.GuardedCallWithoutFlush.Id);

    private protected override ImmutableArray<TextFix> Fixes { get; } = ImmutableArray.Create<TextFix>(new InsertFlushFix());
}
