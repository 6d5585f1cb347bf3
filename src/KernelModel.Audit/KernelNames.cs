using System.Collections.Concurrent;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace KernelModel.Audit;

/// <summary>
/// Reads which kernel function a method ports from its doc comment (<c>Ports &lt;c&gt;name()&lt;/c&gt;</c>, the
/// port's convention) and which kernel file it mirrors from its type's doc comment in the same file
/// (<c>&lt;summary&gt;mm/hugetlb.c: ...</c>). Syntax only, so it works whether or not the project generates
/// documentation.
/// </summary>
internal sealed class KernelNames
{
    private static readonly Regex _ports = new(@"\bPorts\s+<c>\s*([A-Za-z_][A-Za-z0-9_]*)\s*\(", RegexOptions.CultureInvariant);
    private static readonly Regex _file = new(@"^\s*///\s*<summary>\s*((?:[a-z0-9_\-]+/)+[a-z0-9_\-]+\.[ch])\b", RegexOptions.CultureInvariant | RegexOptions.Multiline);
    private readonly ConcurrentDictionary<IMethodSymbol, KernelName?> _names = new(SymbolEqualityComparer.Default);

    /// <summary>The kernel name of <paramref name="method"/>, or null when its doc comment names none.</summary>
    /// <param name="method">A method of the port.</param>
    /// <returns>The name, or null.</returns>
    public KernelName? Of(IMethodSymbol method) => _names.GetOrAdd(method.OriginalDefinition, Read);

    private static KernelName? Read(IMethodSymbol method)
    {
        foreach (SyntaxReference reference in method.DeclaringSyntaxReferences)
        {
            SyntaxNode node = reference.GetSyntax();
            Match ports = _ports.Match(node.GetLeadingTrivia().ToFullString());
            if (!ports.Success)
            {
                continue;
            }

            string? file = node.Ancestors().OfType<TypeDeclarationSyntax>()
                .Select(type => _file.Match(type.GetLeadingTrivia().ToFullString().TrimStart()))
                .Where(m => m.Success)
                .Select(m => m.Groups[1].Value)
                .FirstOrDefault();
            return new KernelName(ports.Groups[1].Value, file);
        }

        return null;
    }
}
