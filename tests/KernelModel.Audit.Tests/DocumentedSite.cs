using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace KernelModel.Audit.Tests;

/// <summary>
/// One of the six guarded call sites of docs/sample-kernel.md, named by file, method and call rather than by a line
/// number, with what the audit must say proves it.
/// </summary>
/// <param name="Number">The site's number in docs/sample-kernel.md.</param>
/// <param name="File">The file, relative to the repository's root.</param>
/// <param name="Method">The method that contains the call.</param>
/// <param name="Call">The text of the call's line.</param>
/// <param name="Callee">The guarded method called.</param>
/// <param name="Chain">For a site proved by a flush: the calls of the chain, outermost first; else empty.</param>
/// <param name="Contract">For a site covered by its method's contract: the contract as the report writes it; else null.</param>
/// <param name="DischargedBy">For a contract: the methods whose calls discharge it.</param>
public sealed record DocumentedSite(int Number, string File, string Method, string Call, string Callee, ImmutableArray<string> Chain, string? Contract, ImmutableArray<string> DischargedBy)
{
    /// <summary>The site's 1-based line in the working tree.</summary>
    public int Line => LineIn(System.IO.File.ReadAllText(RepositoryRoot.Combine(File)));

    /// <summary>The site's 1-based line in a version of its file.</summary>
    /// <param name="text">The file's text.</param>
    /// <returns>The line.</returns>
    public int LineIn(string text)
    {
        SyntaxTree tree = CSharpSyntaxTree.ParseText(text);
        MethodDeclarationSyntax method = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single(m => m.Identifier.ValueText == Method);
        FileLinePositionSpan span = method.GetLocation().GetLineSpan();
        string[] lines = text.Split('\n');
        for (int line = span.StartLinePosition.Line; line <= span.EndLinePosition.Line; line++)
        {
            if (lines[line].Contains(Call, StringComparison.Ordinal))
            {
                return line + 1;
            }
        }

        throw new InvalidDataException($"{Method} in {File} has no line containing '{Call}'");
    }

    /// <summary>The site as the report writes its place.</summary>
    public string FileAndLine => $"{File}:{Line}";

    /// <inheritdoc />
    public override string ToString() => $"site {Number}: {Callee} in {Method}";
}
