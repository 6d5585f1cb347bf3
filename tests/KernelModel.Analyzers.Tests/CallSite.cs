using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace KernelModel.Analyzers.Tests;

/// <summary>
/// A call in the sample kernel named the way a reviewer would name it — the file, the method it is in, and the
/// text of the call — rather than by a line number that any edit above it would shift.
/// </summary>
/// <param name="File">The file below sample-kernel/, for example <c>Mm/Khugepaged.cs</c>.</param>
/// <param name="Method">The method that contains the call, for example <c>CollapseHugePage</c>.</param>
/// <param name="Call">Text on the call's line, for example <c>TlbRemoveTableSyncOne();</c>; the first such line in the method counts.</param>
public sealed record CallSite(string File, string Method, string Call)
{
    /// <summary>The 1-based line of the call in <paramref name="text"/>, a version of <see cref="File"/>.</summary>
    /// <param name="text">The file's text, edited or not.</param>
    /// <returns>The line number.</returns>
    public int LineIn(string text)
    {
        SyntaxTree tree = CSharpSyntaxTree.ParseText(text);
        MethodDeclarationSyntax[] methods = tree.GetRoot().DescendantNodes()
            .OfType<MethodDeclarationSyntax>()
            .Where(method => method.Identifier.ValueText == Method)
            .ToArray();
        if (methods.Length != 1)
        {
            throw new InvalidOperationException($"{File} declares {methods.Length} methods named {Method}; expected one.");
        }

        SourceText source = tree.GetText();
        LinePositionSpan body = source.Lines.GetLinePositionSpan(methods[0].Span);
        for (int line = body.Start.Line; line <= body.End.Line; line++)
        {
            if (source.Lines[line].ToString().Contains(Call, StringComparison.Ordinal))
            {
                return line + 1;
            }
        }

        throw new InvalidOperationException($"{Method} in {File} has no line containing '{Call}'.");
    }

    /// <inheritdoc />
    public override string ToString() => $"{File}: '{Call}' in {Method}";
}
