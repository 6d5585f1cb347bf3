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
/// The one identifier scan of a file that every rule starts from (issue 15): the positions of the identifiers that name a
/// sync method, a method declared with a contract, a contract attribute or a broadcast check. From them the per-tree
/// actions find the few members that need the engine, the declarations TLB003 and TLB006 look at, and the <c>if</c>
/// statements TLB004 looks at; a file without any is passed over with no binding at all. Source declarations are
/// scanned once per compilation (declarations only, not bodies) for the names of contract methods, and each file's
/// text once for the names (comments and strings may match too; that only makes a member a candidate, which the
/// semantic check then settles). Where syntax cannot be sure — a referenced assembly that declares contract
/// attributes, an alias of one, a contract on a method that implicit calls reach (Add, query operators, constructor
/// initializers) — every member is a candidate (<see cref="Everything"/>), and the semantic check decides.
/// </summary>
internal sealed class CallNameFilter
{
    private static readonly ImmutableHashSet<string> _attributeNames = ImmutableHashSet.Create(
        StringComparer.Ordinal,
        "RequiresTableFlush",
        "RequiresTableFlushAttribute",
        "RequiresCondition",
        "RequiresConditionAttribute",
        "EnsuresTableFlush",
        "EnsuresTableFlushAttribute");

    private readonly Lazy<(ImmutableHashSet<string> Names, bool Everything)> _contracts;
    private readonly ConcurrentDictionary<SyntaxTree, TreeHits> _hits = new();
    private readonly ConcurrentDictionary<EngineOptions, CallNames> _names = new();

    /// <summary>The methods declared with <c>[EnsuresTableFlush]</c> in source: a body that calls one may flush (TLB007).</summary>
    private readonly Lazy<ImmutableHashSet<string>> _promisers;
    /// <summary>Creates the filter for a compilation; nothing is scanned until the first question.</summary>
    /// <param name="compilation">The compilation.</param>
    public CallNameFilter(Compilation compilation)
    {
        _contracts = new Lazy<(ImmutableHashSet<string>, bool)>(() => Scan(compilation));
        _promisers = new Lazy<ImmutableHashSet<string>>(() => ScanPromisers(compilation));
    }

    /// <summary>Whether syntax cannot tell which members need the engine, so that every member is a candidate.</summary>
    public bool Everything => _contracts.Value.Everything;

    /// <summary>Whether <paramref name="body"/> may call a guarded method or one with a required condition.</summary>
    /// <param name="body">The code block.</param>
    /// <param name="options">The configuration of the body's file (names of the sync methods).</param>
    /// <returns>False only when no call in the body can be one.</returns>
    public bool MayCallGuarded(SyntaxNode body, EngineOptions options) =>
        Everything || HitsOf(body.SyntaxTree, options).Any(body.Span, NameKind.Engine);

    /// <summary>The names found in <paramref name="tree"/>, scanned once per tree and shared by every rule.</summary>
    /// <param name="tree">A syntax tree of the compilation.</param>
    /// <param name="options">The configuration of the tree.</param>
    /// <returns>The positions and kinds of the names.</returns>
    public TreeHits HitsOf(SyntaxTree tree, EngineOptions options)
    {
        if (!_hits.TryGetValue(tree, out TreeHits? hits))
        {
            hits = _hits.GetOrAdd(tree, t => Hits(t, options));
        }

        return hits;
    }

    private TreeHits Hits(SyntaxTree tree, EngineOptions options)
    {
        CallNames names = _names.GetOrAdd(options, o => new CallNames(
            _contracts.Value.Names.Concat(_attributeNames).Select(name => (name, NameKind.Engine))
                .Concat(_promisers.Value.Select(name => (name, NameKind.Flush))),
            o.SyncMethods.Select(name => (name, NameKind.Engine))
                .Concat(RuleNames.BroadcastChecks(o).Select(name => (name, NameKind.BroadcastCheck)))
                .Concat(RuleNames.FlushPrimitives(o).Select(name => (name, NameKind.Flush)))));
        var positions = new List<int>();
        var kinds = new List<NameKind>();
        Scan(tree.GetText(), names, positions, kinds);
        return positions.Count == 0 ? TreeHits.None : new TreeHits(positions.ToArray(), kinds.ToArray());
    }

    /// <summary>
    /// Whether <paramref name="text"/> has an identifier that is one of <paramref name="names"/> (comments and strings
    /// included), read as the compiler reads identifiers: a verbatim <c>@</c>, letters of any script.
    /// </summary>
    /// <param name="text">A file's text.</param>
    /// <param name="names">The names.</param>
    /// <returns>True when it has one.</returns>
    public static bool MentionsAny(SourceText text, CallNames names) => Scan(text, names, null, null);

    /// <summary>Finds the identifiers of <paramref name="text"/> that are <paramref name="names"/>; stops at the first without lists to fill.</summary>
    private static bool Scan(SourceText text, CallNames names, List<int>? positions, List<NameKind>? kinds)
    {
        int length = text.Length;

        // One copy of the text into a pooled buffer, then a scan over plain chars: the SourceText indexer costs a
        // virtual call (and, for a composite text, a segment search) per character.
        char[] chars = ArrayPool<char>.Shared.Rent(Math.Max(length, 1));
        bool found = false;
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

                NameKind kind = names.Find(new ReadOnlySpan<char>(chars, name, i - name));
                if (kind != NameKind.None)
                {
                    found = true;
                    if (positions is null || kinds is null)
                    {
                        return true;
                    }

                    positions.Add(start);
                    kinds.Add(kind);
                }
            }

            return found;
        }
        finally
        {
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
            if (!RuleNames.MentionsContract(tree.GetText()))
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

        return names.Overlaps(RuleNames.ImplicitlyCalled) ? (ImmutableHashSet<string>.Empty, true) : (names.ToImmutable(), false);
    }

    /// <summary>The names of the methods declared with <c>[EnsuresTableFlush]</c> in the compilation's sources.</summary>
    private static ImmutableHashSet<string> ScanPromisers(Compilation compilation)
    {
        var names = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
        foreach (SyntaxTree tree in compilation.SyntaxTrees)
        {
            if (!RuleNames.MentionsContract(tree.GetText()))
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
