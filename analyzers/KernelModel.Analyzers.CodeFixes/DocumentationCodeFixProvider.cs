using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace KernelModel.Analyzers.CodeFixes;

/// <summary>The fixes of TLB003 (docs/rules/TLB003.md): "Document the precondition".</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DocumentationCodeFixProvider))]
[Shared]
public sealed class DocumentationCodeFixProvider : TextFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.UndocumentedPrecondition.Id);

    private protected override ImmutableArray<TextFix> Fixes { get; } = ImmutableArray.Create<TextFix>(new DocumentPreconditionFix());
}
