using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using KernelModel.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace KernelModel.Analyzers;

/// <summary>
/// Decides from the source text alone whether a body may call a guarded method or one with a required condition, so
/// that the bodies that cannot — almost all of them — cost no binding, no operation tree and no graph. A call can
/// only reach such a method through an invocation naming it: a sync method (by configured name) or a method declared
/// with a contract attribute. Source declarations are scanned once per compilation (declarations only, not bodies),
/// and each file's text once for identifiers with those names (comments and strings may match too; that only makes
/// a body a candidate, which the semantic check then settles). Where
/// syntax cannot be sure — a referenced assembly that declares contract attributes, an alias of one, a contract on a
/// method that implicit calls reach (Add, query operators, constructor initializers) — every body is a candidate,
/// and the semantic check decides as before.
/// </summary>
internal sealed class CallNameFilter
{
    private static readonly ImmutableHashSet<string> _attributeNames = ImmutableHashSet.Create(
        StringComparer.Ordinal,
        "RequiresTableFlush",
        "RequiresTableFlushAttribute",
        "RequiresCondition",
        "RequiresConditionAttribute");

    /// <summary>Methods that calls without an invocation expression reach: collection initializers, queries.</summary>
    private static readonly ImmutableHashSet<string> _implicitlyCalled = ImmutableHashSet.Create(
        StringComparer.Ordinal,
        "Add", "Select", "SelectMany", "Where", "OrderBy", "OrderByDescending", "ThenBy", "ThenByDescending", "GroupBy",
        "Join", "GroupJoin", "Cast");

    private readonly Lazy<(ImmutableHashSet<string> Names, bool Everything)> _contracts;
    private readonly ConcurrentDictionary<SyntaxTree, int[]> _hits = new();
    private readonly ConcurrentDictionary<EngineOptions, CallNames> _names = new();

    private readonly Lazy<ImmutableHashSet<string>> _promisers;
    private readonly ConcurrentDictionary<SyntaxTree, int[]> _flushHits = new();
    private readonly ConcurrentDictionary<EngineOptions, CallNames> _flushNames = new();

    /// <summary>Creates the filter for a compilation; nothing is scanned until the first question.</summary>
    /// <param name="compilation">The compilation.</param>
    public CallNameFilter(Compilation compilation)
    {
        _contracts = new Lazy<(ImmutableHashSet<string>, bool)>(() => Scan(compilation));
        _promisers = new Lazy<ImmutableHashSet<string>>(() => ScanPromisers(compilation));
    }

    /// <summary>Whether <paramref name="body"/> may call a guarded method or one with a required condition.</summary>
    /// <param name="body">The code block.</param>
    /// <param name="options">The configuration of the body's file (names of the sync methods).</param>
    /// <returns>False only when no call in the body can be one.</returns>
    public bool MayCallGuarded(SyntaxNode body, EngineOptions options)
    {
        if (_contracts.Value.Everything)
        {
            return true;
        }

        // Positions in the file of every identifier that names a sync method, a contract method or a contract
        // attribute (for local functions declared with one), found by one pass over the file's characters.
        if (!_hits.TryGetValue(body.SyntaxTree, out int[]? hits))
        {
            hits = _hits.GetOrAdd(body.SyntaxTree, tree => Hits(tree, options));
        }

        return Within(hits, body);
    }

    /// <summary>
    /// Whether <paramref name="body"/> may call a flush: a flush primitive (by configured name) or a method declared with
    /// <c>[EnsuresTableFlush]</c> in this compilation. Only such a body can flush on every return (TLB007). Promises made
    /// in referenced assemblies are not looked for: a wrapper of one is not suggested a promise of its own.
    /// </summary>
    /// <param name="body">The code block.</param>
    /// <param name="options">The configuration of the body's file (names of the flush primitives).</param>
    /// <returns>False only when no call in the body can flush.</returns>
    public bool MayCallFlush(SyntaxNode body, EngineOptions options)
    {
        if (!_flushHits.TryGetValue(body.SyntaxTree, out int[]? hits))
        {
            CallNames names = _flushNames.GetOrAdd(options, o => new CallNames(_promisers.Value, o.FlushPrimitives));
            hits = _flushHits.GetOrAdd(body.SyntaxTree, tree => Hits(tree, names));
        }

        return Within(hits, body);
    }

    private static bool Within(int[] hits, SyntaxNode body)
    {
        int index = Array.BinarySearch(hits, body.SpanStart);
        index = index < 0 ? ~index : index;
        return index < hits.Length && hits[index] < body.Span.End;
    }

    private int[] Hits(SyntaxTree tree, EngineOptions options) =>
        Hits(tree, _names.GetOrAdd(options, o => new CallNames(_contracts.Value.Names.Concat(_attributeNames), o.SyncMethods)));

    private static int[] Hits(SyntaxTree tree, CallNames names)
    {
        SourceText text = tree.GetText();
        int length = text.Length;

        // One copy of the text into a pooled buffer, then a scan over plain chars: the SourceText indexer costs a
        // virtual call (and, for a composite text, a segment search) per character.
        char[] chars = ArrayPool<char>.Shared.Rent(Math.Max(length, 1));
        int[] hits = ArrayPool<int>.Shared.Rent(16);
        int count = 0;
        try
        {
            text.CopyTo(0, chars, 0, length);
            int i = 0;
            while (i < length)
            {
                if (!IsIdentifierPart(chars[i]))
                {
                    i++;
                    continue;
                }

                int start = i;
                while (i < length && IsIdentifierPart(chars[i]))
                {
                    i++;
                }

                // Most identifiers are shorter than any name looked for and are passed over at once.
                if (i - start < names.Shortest)
                {
                    continue;
                }

                int name = start;
                while (name < i && chars[name] == '@')
                {
                    name++;
                }

                if (names.Contains(new ReadOnlySpan<char>(chars, name, i - name)))
                {
                    if (count == hits.Length)
                    {
                        int[] larger = ArrayPool<int>.Shared.Rent(count * 2);
                        Array.Copy(hits, larger, count);
                        ArrayPool<int>.Shared.Return(hits);
                        hits = larger;
                    }

                    hits[count++] = start;
                }
            }

            if (count == 0)
            {
                return [];
            }

            int[] result = new int[count];
            Array.Copy(hits, result, count);
            return result;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(hits);
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    /// <summary>Letters and digits (any script), <c>_</c> and <c>@</c>; ASCII decided without a table lookup.</summary>
    private static bool IsIdentifierPart(char c) =>
        c < 128
            ? (uint)((c | 0x20) - 'a') <= 'z' - 'a' || (uint)(c - '0') <= 9 || c == '_' || c == '@'
            : char.IsLetterOrDigit(c);

    private static (ImmutableHashSet<string> Names, bool Everything) Scan(Compilation compilation)
    {
        foreach (IAssemblySymbol assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            if (_attributeNames.Any(assembly.TypeNames.Contains))
            {
                return (ImmutableHashSet<string>.Empty, true);
            }
        }

        var names = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
        foreach (SyntaxTree tree in compilation.SyntaxTrees)
        {
            // A contract, or an alias of a contract attribute, names the attribute in its own file; most files do
            // not, and are passed over without realising their declarations.
            if (!MentionsContract(tree.GetText()))
            {
                continue;
            }

            foreach (SyntaxNode node in tree.GetRoot().DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
            {
                switch (node)
                {
                    case UsingDirectiveSyntax { Alias: not null } alias when LastName(alias.Name) is string target && _attributeNames.Contains(target):
                        return (ImmutableHashSet<string>.Empty, true);
                    case ConstructorDeclarationSyntax constructor when HasContract(constructor.AttributeLists):
                        return (ImmutableHashSet<string>.Empty, true);
                    case MethodDeclarationSyntax method when HasContract(method.AttributeLists):
                        names.Add(method.Identifier.ValueText);
                        break;
                }
            }
        }

        return names.Overlaps(_implicitlyCalled) ? (ImmutableHashSet<string>.Empty, true) : (names.ToImmutable(), false);
    }

    /// <summary>The names of the methods declared with <c>[EnsuresTableFlush]</c> in the compilation's sources.</summary>
    private static ImmutableHashSet<string> ScanPromisers(Compilation compilation)
    {
        var names = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
        foreach (SyntaxTree tree in compilation.SyntaxTrees)
        {
            if (!Mentions(tree.GetText(), "EnsuresTableFlush"))
            {
                continue;
            }

            foreach (SyntaxNode node in tree.GetRoot().DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
            {
                if (node is MethodDeclarationSyntax method && Names(method.AttributeLists).Contains("EnsuresTableFlush"))
                {
                    names.Add(method.Identifier.ValueText);
                }
            }
        }

        return names.ToImmutable();
    }

    private static IEnumerable<string> Names(SyntaxList<AttributeListSyntax> lists) =>
        lists.SelectMany(list => list.Attributes).Select(attribute => LastName(attribute.Name) switch
        {
            string name when name.EndsWith("Attribute", StringComparison.Ordinal) => name.Substring(0, name.Length - "Attribute".Length),
            string name => name,
            null => string.Empty,
        });

    private static bool MentionsContract(SourceText text) => Mentions(text, "RequiresTableFlush", "RequiresCondition");

    private static bool Mentions(SourceText text, string first, string? second = null)
    {
        char[] chars = ArrayPool<char>.Shared.Rent(Math.Max(text.Length, 1));
        try
        {
            text.CopyTo(0, chars, 0, text.Length);
            var span = new ReadOnlySpan<char>(chars, 0, text.Length);
            return span.IndexOf(first.AsSpan()) >= 0 || (second is not null && span.IndexOf(second.AsSpan()) >= 0);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    private static bool HasContract(SyntaxList<AttributeListSyntax> lists)
    {
        // Loops rather than Any: this runs for every method declaration in the compilation, and LINQ over the struct
        // syntax lists boxes them each time.
        foreach (AttributeListSyntax list in lists)
        {
            foreach (AttributeSyntax attribute in list.Attributes)
            {
                if (LastName(attribute.Name) is string name && _attributeNames.Contains(name))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static string? LastName(NameSyntax? name) => name switch
    {
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
        _ => null,
    };
}
