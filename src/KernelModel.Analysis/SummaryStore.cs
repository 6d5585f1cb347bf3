using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace KernelModel.Analysis;

/// <summary>
/// Callee summaries kept from one compilation of a project to the next, as the editor makes a new compilation on
/// every keystroke (docs/performance.md, "Per keystroke"). Without it, each keystroke binds again, in models of their
/// own, the bodies of every callee in other files that the edited file's checked methods reach.
/// </summary>
/// <remarks>
/// <para>
/// A summary depends on the bodies it read (its callee's and, through nested summaries, initializers and condition
/// methods, theirs) and on everything those bodies bind against: the declarations of every file, the references, the
/// options and the analyzer configuration. It is reused in a later compilation only when every tree whose body it read
/// is the very same <see cref="SyntaxTree"/> object there, and the later compilation's <see cref="Environment"/> is
/// equal: same references (the same objects), options and configuration, and every file the same outside member bodies
/// (a 128-bit hash of its tokens with method, accessor and expression bodies left out). An edit inside a method body
/// changes neither, so the summaries of callees in other files survive it; any other edit starts afresh.
/// </para>
/// <para>
/// Summaries hold symbols of the compilation they were computed in, so they are stored in a symbol-free form: the
/// callee and every member by documentation id, access paths by root kind and parameter ordinal. A summary whose
/// symbols do not round-trip (members of constructed generic types, for instance) is not stored. Entries are held in a
/// table keyed weakly by the callee's tree, one per callee and input, so nothing outlives its trees and an edited
/// project replaces entries rather than adding to them.
/// </para>
/// <para>
/// Only compilations that share trees with the previous compilation of the same assembly, as an editor's successive
/// snapshots do, use the store: a command-line build, whose trees are parsed afresh, pays nothing for it.
/// </para>
/// </remarks>
internal sealed class SummaryStore
{
    private const int TreesCheckedForSharing = 8;
    private const string MemberOfConstructed = "~";

    private static readonly ConditionalWeakTable<SyntaxTree, ConcurrentDictionary<string, Entry>> _entries = new();
    private static readonly ConditionalWeakTable<SyntaxTree, Shape> _shapes = new();
    private static readonly ConcurrentDictionary<string, WeakReference<SyntaxTree>[]> _previous = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<(string Assembly, string Path), WeakReference<SyntaxTree>> _latest = new();

    private readonly Compilation _compilation;
    private readonly Environment _environment;
    private readonly ConcurrentDictionary<string, ISymbol?> _symbols = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<ISymbol, string?> _ids = new(SymbolEqualityComparer.Default);
    private Dictionary<string, SyntaxTree?>? _byPath;
    private int _reused;
    private int _stored;

    private SummaryStore(Compilation compilation, Environment environment)
    {
        _compilation = compilation;
        _environment = environment;
    }

    /// <summary>How many summaries this compilation took from an earlier one (for tests and benchmarks).</summary>
    public int Reused => _reused;

    /// <summary>How many summaries this compilation stored for later ones.</summary>
    public int Stored => _stored;

    /// <summary>
    /// The store for a compilation, or null when it shares no tree with the previous compilation of the same assembly
    /// (a build, not an editor), or when the store is switched off.
    /// </summary>
    /// <param name="compilation">The compilation.</param>
    /// <param name="options">The configuration of the session asking.</param>
    /// <returns>The store, or null.</returns>
    public static SummaryStore? For(Compilation compilation, EngineOptions options)
    {
        // A few trees of the previous compilation stand for it: a tree it shares with this one is alive, whatever
        // became of the previous compilation object.
        string assembly = compilation.AssemblyName ?? string.Empty;
        WeakReference<SyntaxTree>[] current = compilation.SyntaxTrees.Take(TreesCheckedForSharing).Select(t => new WeakReference<SyntaxTree>(t)).ToArray();
        WeakReference<SyntaxTree>[]? previous = null;
        _previous.AddOrUpdate(assembly, current, (_, old) =>
        {
            previous = old;
            return current;
        });
        if (!options.ReuseSummaries ||
            previous is null ||
            !previous.Any(reference => reference.TryGetTarget(out SyntaxTree? tree) && compilation.ContainsSyntaxTree(tree)))
        {
            return null;
        }

        var environment = Environment.Of(compilation, options);
        return new SummaryStore(compilation, environment);
    }

    /// <summary>A summary an earlier compilation computed for the same callee and input, translated into this one.</summary>
    /// <param name="callee">The callee (an original definition with source in this compilation).</param>
    /// <param name="tree">The tree of the callee's body.</param>
    /// <param name="entry">The facts it starts with.</param>
    /// <param name="summary">The summary.</param>
    /// <returns>True when one was found and is still valid here.</returns>
    public bool TryGet(IMethodSymbol callee, SyntaxTree tree, ImmutableDictionary<AccessPath, bool> entry, out Summary summary)
    {
        summary = null!;
        if (Key(callee, entry) is not string key ||
            (Find(tree, key) ?? (Previous(tree) is SyntaxTree previous ? Find(previous, key) : null)) is not Entry stored ||
            !(ReferenceEquals(stored.Environment, _environment) || stored.Environment.Equals(_environment)) ||
            Moves(stored.Reads) is not Dictionary<SyntaxTree, List<Move>> moves ||
            Translate(callee, stored, moves) is not Summary translated)
        {
            return false;
        }

        System.Threading.Interlocked.Increment(ref _reused);
        summary = translated;
        return true;
    }

    /// <summary>Keeps a summary computed here for later compilations, when it can be put in symbol-free form.</summary>
    /// <param name="callee">The callee.</param>
    /// <param name="tree">The tree of the callee's body.</param>
    /// <param name="entry">The facts it started with.</param>
    /// <param name="summary">The summary, with every declaration whose body it read.</param>
    public void Store(IMethodSymbol callee, SyntaxTree tree, ImmutableDictionary<AccessPath, bool> entry, Summary summary)
    {
        if (Key(callee, entry) is not string key || Portable(callee, summary) is not PortableSummary portable)
        {
            return;
        }

        var reads = new Read[summary.Reads.Length];
        for (int i = 0; i < reads.Length; i++)
        {
            SyntaxNode node = summary.Reads[i];
            int index = Outline.Of(node.SyntaxTree).IndexOf(node);
            if (index < 0)
            {
                return;
            }

            reads[i] = new Read(new WeakReference<SyntaxTree>(node.SyntaxTree), index, node.Span);
        }

        _entries.GetValue(tree, _ => new ConcurrentDictionary<string, Entry>(StringComparer.Ordinal))[key] = new Entry(_environment, reads, portable);
        _latest[(_compilation.AssemblyName ?? string.Empty, tree.FilePath)] = new WeakReference<SyntaxTree>(tree);
        System.Threading.Interlocked.Increment(ref _stored);
    }

    private static Entry? Find(SyntaxTree tree, string key) =>
        _entries.TryGetValue(tree, out ConcurrentDictionary<string, Entry>? table) && table.TryGetValue(key, out Entry? stored) ? stored : null;

    /// <summary>The last tree of the same file that summaries were stored for, when it is not <paramref name="tree"/> itself.</summary>
    private SyntaxTree? Previous(SyntaxTree tree) =>
        _latest.TryGetValue((_compilation.AssemblyName ?? string.Empty, tree.FilePath), out WeakReference<SyntaxTree>? reference) &&
        reference.TryGetTarget(out SyntaxTree? previous) && !ReferenceEquals(previous, tree)
            ? previous
            : null;

    /// <summary>
    /// Where each body read in an earlier tree is in this compilation, or null when one is not here unchanged: each read
    /// in a tree of this compilation stays where it is; a read in an earlier version of one of its files must find, at
    /// the same place in the file's outline (the same, since the environments are equal), a declaration whose tokens
    /// are all the same.
    /// </summary>
    private Dictionary<SyntaxTree, List<Move>>? Moves(Read[] reads)
    {
        var moves = new Dictionary<SyntaxTree, List<Move>>();
        foreach (Read read in reads)
        {
            if (!read.Tree.TryGetTarget(out SyntaxTree? old))
            {
                return null;
            }

            if (_compilation.ContainsSyntaxTree(old))
            {
                continue;
            }

            if (Current(old.FilePath) is not SyntaxTree now ||
                Outline.Of(old).At(read.Index) is not SyntaxNode before || before.Span != read.Span ||
                Outline.Of(now).At(read.Index) is not SyntaxNode after ||
                !SameTokens(before, after))
            {
                return null;
            }

            if (!moves.TryGetValue(old, out List<Move>? list))
            {
                moves[old] = list = new List<Move>();
            }

            list.Add(new Move(before.Span, now, after.SpanStart - before.SpanStart));
        }

        return moves;
    }

    /// <summary>This compilation's tree of a file, when exactly one has that path.</summary>
    private SyntaxTree? Current(string path)
    {
        Dictionary<string, SyntaxTree?> byPath = _byPath ??= ByPath(_compilation);
        return byPath.TryGetValue(path, out SyntaxTree? tree) ? tree : null;

        static Dictionary<string, SyntaxTree?> ByPath(Compilation compilation)
        {
            var map = new Dictionary<string, SyntaxTree?>(StringComparer.Ordinal);
            foreach (SyntaxTree tree in compilation.SyntaxTrees)
            {
                map[tree.FilePath] = map.ContainsKey(tree.FilePath) ? null : tree;
            }

            return map;
        }
    }

    private static bool SameTokens(SyntaxNode before, SyntaxNode after)
    {
        if (before.RawKind != after.RawKind || before.Span.Length != after.Span.Length)
        {
            return false;
        }

        using IEnumerator<SyntaxToken> a = before.DescendantTokens().GetEnumerator();
        using IEnumerator<SyntaxToken> b = after.DescendantTokens().GetEnumerator();
        while (true)
        {
            bool moreA = a.MoveNext();
            if (moreA != b.MoveNext())
            {
                return false;
            }

            if (!moreA)
            {
                return true;
            }

            if (a.Current.RawKind != b.Current.RawKind || a.Current.SpanStart - before.SpanStart != b.Current.SpanStart - after.SpanStart ||
                !string.Equals(a.Current.Text, b.Current.Text, StringComparison.Ordinal))
            {
                return false;
            }
        }
    }

    private string? Key(IMethodSymbol callee, ImmutableDictionary<AccessPath, bool> entry)
    {
        if (Id(callee) is not string id)
        {
            return null;
        }

        var facts = new List<string>(entry.Count);
        foreach (KeyValuePair<AccessPath, bool> fact in entry)
        {
            if (Portable(callee, fact.Key) is not PortablePath path)
            {
                return null;
            }

            facts.Add(path.ToString() + (fact.Value ? "=1" : "=0"));
        }

        facts.Sort(StringComparer.Ordinal);
        return id + "|" + string.Join(";", facts);
    }

    private PortableSummary? Portable(IMethodSymbol callee, Summary summary)
    {
        var exits = ImmutableArray.CreateBuilder<PortableExit>(summary.Exits.Length);
        foreach (AbstractState exit in summary.Exits)
        {
            var facts = ImmutableArray.CreateBuilder<(PortablePath, bool)>();
            foreach (KeyValuePair<AccessPath, bool> fact in exit.Facts)
            {
                if (fact.Key.Kind is PathRoot.Local or PathRoot.Allocation)
                {
                    // The callee's own locals: a caller never maps them back (FlowRun.MapBack).
                    continue;
                }

                if (Portable(callee, fact.Key) is not PortablePath path)
                {
                    return null;
                }

                facts.Add((path, fact.Value));
            }

            if (exit.Evidence is not null && Portable(exit.Evidence) is null)
            {
                return null;
            }

            exits.Add(new PortableExit(exit.Flushed, exit.ReturnValue, facts.ToImmutable(), exit.Evidence is null ? null : Portable(exit.Evidence), exit.Trace));
        }

        var written = ImmutableArray.CreateBuilder<string>(summary.WrittenMembers.Length);
        foreach (ISymbol member in summary.WrittenMembers)
        {
            if (Id(member) is not string id)
            {
                return null;
            }

            written.Add(id);
        }

        return new PortableSummary(exits.MoveToImmutable(), written.MoveToImmutable());
    }

    private PortablePath? Portable(IMethodSymbol callee, AccessPath path)
    {
        int ordinal = -1;
        switch (path.Kind)
        {
            case PathRoot.Parameter when path.Root is IParameterSymbol parameter &&
                SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, callee):
                ordinal = parameter.Ordinal;
                break;
            case PathRoot.This:
            case PathRoot.Static:
                break;
            default:
                return null;
        }

        var members = new string[path.Members.Length];
        for (int i = 0; i < members.Length; i++)
        {
            if (Id(path.Members[i]) is not string id)
            {
                return null;
            }

            members[i] = id;
        }

        return new PortablePath(path.Kind, ordinal, members);
    }

    private PortableEvidence? Portable(FlushEvidence evidence)
    {
        PortableEvidence? inner = null;
        if (evidence.Inner is not null && (inner = Portable(evidence.Inner)) is null)
        {
            return null;
        }

        return Id(evidence.Target) is string target
            ? new PortableEvidence(evidence.Source, evidence.Call, evidence.CallText, target, evidence.Detail, inner)
            : null;
    }

    private Summary? Translate(IMethodSymbol callee, Entry stored, Dictionary<SyntaxTree, List<Move>> moves)
    {
        PortableSummary portable = stored.Summary;
        var exits = ImmutableArray.CreateBuilder<AbstractState>(portable.Exits.Length);
        foreach (PortableExit exit in portable.Exits)
        {
            var facts = ImmutableDictionary.CreateBuilder<AccessPath, bool>();
            foreach ((PortablePath path, bool value) in exit.Facts)
            {
                if (Translate(callee, path) is not AccessPath translated)
                {
                    return null;
                }

                facts[translated] = value;
            }

            FlushEvidence? evidence = null;
            if (exit.Evidence is not null && (evidence = Translate(exit.Evidence, moves)) is null)
            {
                return null;
            }

            Trace? trace = exit.Trace;
            if (moves.Count > 0 && exit.Trace is Trace earlier && (trace = Translate(earlier, moves)) is null)
            {
                return null;
            }

            exits.Add(AbstractState.ForExit(exit.Flushed, facts.ToImmutable(), exit.ReturnValue, trace, evidence));
        }

        var written = ImmutableArray.CreateBuilder<ISymbol>(portable.WrittenMembers.Length);
        foreach (string id in portable.WrittenMembers)
        {
            if (Symbol(id) is not ISymbol member)
            {
                return null;
            }

            written.Add(member);
        }

        var reads = ImmutableArray.CreateBuilder<SyntaxNode>(stored.Reads.Length);
        foreach (Read read in stored.Reads)
        {
            if (!read.Tree.TryGetTarget(out SyntaxTree? old))
            {
                return null;
            }

            SyntaxTree now = moves.TryGetValue(old, out List<Move>? moved) ? moved[0].Tree : old;
            if (Outline.Of(now).At(read.Index) is not SyntaxNode node)
            {
                return null;
            }

            reads.Add(node);
        }

        return new Summary(exits.MoveToImmutable(), written.MoveToImmutable()) { Reads = reads.MoveToImmutable() };
    }

    /// <summary>A location in this compilation: where it was, or, in a body that moved with an edit elsewhere in its file, where it is now.</summary>
    private static Location? Translate(Location location, Dictionary<SyntaxTree, List<Move>> moves)
    {
        if (location.SourceTree is not SyntaxTree tree || !moves.TryGetValue(tree, out List<Move>? moved))
        {
            return location;
        }

        foreach (Move move in moved)
        {
            if (move.Span.Contains(location.SourceSpan))
            {
                return Location.Create(move.Tree, new TextSpan(location.SourceSpan.Start + move.Delta, location.SourceSpan.Length));
            }
        }

        // In the earlier tree but outside every body read: nothing says where it is now.
        return null;
    }

    private static Trace? Translate(Trace trace, Dictionary<SyntaxTree, List<Move>> moves)
    {
        var events = new List<TraceEvent>();
        for (Trace? t = trace; t is not null; t = t.Previous)
        {
            events.Add(t.Last);
        }

        Trace? result = null;
        for (int i = events.Count - 1; i >= 0; i--)
        {
            if (Translate(events[i], moves) is not TraceEvent translated)
            {
                return null;
            }

            result = Trace.Add(result, translated);
        }

        return result;
    }

    private static TraceEvent? Translate(TraceEvent step, Dictionary<SyntaxTree, List<Move>> moves)
    {
        TraceEvent? inner = null;
        if ((step.Inner is not null && (inner = Translate(step.Inner, moves)) is null) ||
            Translate(step.Location, moves) is not Location location)
        {
            return null;
        }

        return step with { Location = location, Inner = inner };
    }

    private AccessPath? Translate(IMethodSymbol callee, PortablePath path)
    {
        AccessPath? result;
        int first = 0;
        switch (path.Kind)
        {
            case PathRoot.Parameter when path.Ordinal < callee.Parameters.Length:
                result = AccessPath.ForParameter(callee.Parameters[path.Ordinal]);
                break;
            case PathRoot.This:
                result = AccessPath.ForThis(callee.ContainingType);
                break;
            case PathRoot.Static when path.Members.Length > 0 && Symbol(path.Members[0]) is ISymbol root:
                result = AccessPath.ForStatic(root);
                first = 1;
                break;
            default:
                return null;
        }

        for (int i = first; i < path.Members.Length && result is not null; i++)
        {
            result = Symbol(path.Members[i]) is ISymbol member ? result.Append(member) : null;
        }

        return result;
    }

    private FlushEvidence? Translate(PortableEvidence evidence, Dictionary<SyntaxTree, List<Move>> moves)
    {
        FlushEvidence? inner = null;
        if ((evidence.Inner is not null && (inner = Translate(evidence.Inner, moves)) is null) ||
            Translate(evidence.Call, moves) is not Location call)
        {
            return null;
        }

        return Symbol(evidence.Target) is IMethodSymbol target
            ? new FlushEvidence(evidence.Source, call, evidence.CallText, target, evidence.Detail, inner)
            : null;
    }

    /// <summary>
    /// An id of a symbol that is found again by it in this compilation, or null: the documentation id of a definition,
    /// or, for a field or property of a constructed type (<c>Nullable&lt;T&gt;.HasValue</c>), the type's reference id and
    /// the member's name.
    /// </summary>
    private string? Id(ISymbol symbol) => _ids.GetOrAdd(symbol, s =>
    {
        string? id = null;
        if (SymbolEqualityComparer.Default.Equals(s, s.OriginalDefinition))
        {
            id = DocumentationCommentId.CreateDeclarationId(s);
        }
        else if (s is IFieldSymbol or IPropertySymbol { IsIndexer: false } && s.ContainingType is INamedTypeSymbol type)
        {
            id = MemberOfConstructed + DocumentationCommentId.CreateReferenceId(type) + "#" + s.Name;
        }

        return id is not null && SymbolEqualityComparer.Default.Equals(Symbol(id), s) ? id : null;
    });

    private ISymbol? Symbol(string id) => _symbols.GetOrAdd(id, i =>
    {
        if (i.StartsWith(MemberOfConstructed, StringComparison.Ordinal))
        {
            int hash = i.LastIndexOf('#');
            if (hash < 0 ||
                DocumentationCommentId.GetSymbolsForReferenceId(i.Substring(MemberOfConstructed.Length, hash - MemberOfConstructed.Length), _compilation) is not { Length: 1 } types ||
                types[0] is not INamedTypeSymbol type)
            {
                return null;
            }

            ISymbol[] members = type.GetMembers(i.Substring(hash + 1)).Where(m => m is IFieldSymbol or IPropertySymbol { IsIndexer: false }).ToArray();
            return members.Length == 1 ? members[0] : null;
        }

        // Only an id naming exactly one symbol: overloads that differ in what ids leave out would be ambiguous.
        ImmutableArray<ISymbol> found = DocumentationCommentId.GetSymbolsForDeclarationId(i, _compilation);
        return found.Length == 1 ? found[0] : null;
    });

    private sealed record Entry(Environment Environment, Read[] Reads, PortableSummary Summary);

    /// <summary>A body a summary read: its tree (weakly), its place in the tree's <see cref="Outline"/>, and its span there.</summary>
    private sealed record Read(WeakReference<SyntaxTree> Tree, int Index, TextSpan Span);

    /// <summary>A body read in an earlier version of a file, found unchanged in this compilation's version, moved by <c>Delta</c>.</summary>
    private sealed record Move(TextSpan Span, SyntaxTree Tree, int Delta);

    /// <summary>
    /// A file's declarations in order, down to the code blocks the engine reads (methods, accessors, expression bodies,
    /// initializers) and not into them. Two versions of a file with equal shapes have the same outline, so a body keeps
    /// its index in it across an edit of another body. Computed once per tree.
    /// </summary>
    private sealed class Outline
    {
        private static readonly ConditionalWeakTable<SyntaxTree, Outline> _outlines = new();

        private readonly SyntaxNode[] _nodes;
        private readonly Dictionary<SyntaxNode, int> _index;

        private Outline(SyntaxTree tree)
        {
            _nodes = tree.GetRoot().DescendantNodesAndSelf(node => !IsCodeBlock(node)).ToArray();
            _index = new Dictionary<SyntaxNode, int>(_nodes.Length);
            for (int i = 0; i < _nodes.Length; i++)
            {
                _index[_nodes[i]] = i;
            }
        }

        public static Outline Of(SyntaxTree tree) => _outlines.GetValue(tree, t => new Outline(t));

        public int IndexOf(SyntaxNode node) => _index.TryGetValue(node, out int index) ? index : -1;

        public SyntaxNode? At(int index) => index >= 0 && index < _nodes.Length ? _nodes[index] : null;

        private static bool IsCodeBlock(SyntaxNode node) =>
            node is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or ArrowExpressionClauseSyntax or EqualsValueClauseSyntax or GlobalStatementSyntax;
    }

    private sealed record PortableSummary(ImmutableArray<PortableExit> Exits, ImmutableArray<string> WrittenMembers);

    private sealed record PortableExit(Tri Flushed, Tri ReturnValue, ImmutableArray<(PortablePath Path, bool Value)> Facts, PortableEvidence? Evidence, Trace? Trace);

    private sealed record PortableEvidence(FlushSource Source, Location Call, string CallText, string Target, string? Detail, PortableEvidence? Inner);

    private sealed class PortablePath(PathRoot kind, int ordinal, string[] members)
    {
        public PathRoot Kind { get; } = kind;

        public int Ordinal { get; } = ordinal;

        public string[] Members { get; } = members;

        public override string ToString() => (Kind switch
        {
            PathRoot.Parameter => "p" + Ordinal.ToString(System.Globalization.CultureInfo.InvariantCulture),
            PathRoot.This => "t",
            _ => "s",
        }) + "/" + string.Join("/", Members);
    }

    /// <summary>
    /// What every body of a compilation binds against: its references, options, configuration and the declarations of
    /// its files (<see cref="Shape"/>).
    /// </summary>
    private sealed class Environment : IEquatable<Environment>
    {
        private readonly CompilationOptions _options;
        private readonly ImmutableArray<MetadataReference> _references;
        private readonly ParseOptions[] _parseOptions;
        private readonly EngineOptions _engineOptions;
        private readonly ulong _high;
        private readonly ulong _low;
        private readonly int _trees;

        private Environment(Compilation compilation, EngineOptions engineOptions, ulong high, ulong low)
        {
            _options = compilation.Options;
            _references = compilation.References.ToImmutableArray();
            _parseOptions = compilation.SyntaxTrees.Select(t => t.Options).Distinct().ToArray();
            _engineOptions = engineOptions;
            _high = high;
            _low = low;
            _trees = compilation.SyntaxTrees.Count();
        }

        public static Environment Of(Compilation compilation, EngineOptions engineOptions)
        {
            ulong high = 14695981039346656037UL;
            ulong low = 0x9E3779B97F4A7C15UL;
            foreach (SyntaxTree tree in compilation.SyntaxTrees)
            {
                Shape shape = _shapes.GetValue(tree, Shape.Of);
                high = Shape.Mix(Shape.Mix(high, shape.High), (ulong)StringComparer.Ordinal.GetHashCode(tree.FilePath));
                low = Shape.Mix(low ^ shape.Low, shape.High);
            }

            return new Environment(compilation, engineOptions, high, low);
        }

        public bool Equals(Environment? other) =>
            other is not null &&
            _high == other._high && _low == other._low && _trees == other._trees &&
            _engineOptions.Equals(other._engineOptions) &&
            _options.Equals(other._options) &&
            _references.Length == other._references.Length &&
            _references.Zip(other._references, ReferenceEquals).All(same => same) &&
            _parseOptions.Length == other._parseOptions.Length &&
            _parseOptions.All(other._parseOptions.Contains);

        public override bool Equals(object? obj) => Equals(obj as Environment);

        public override int GetHashCode() => (int)_high;
    }

    /// <summary>
    /// A file's declarations: two 64-bit hashes of its tokens and their kinds, leaving out the bodies of methods,
    /// constructors, operators, accessors and local functions, and expression bodies, and of its preprocessor
    /// directives. Computed once per tree.
    /// </summary>
    private sealed class Shape(ulong high, ulong low)
    {
        public ulong High { get; } = high;

        public ulong Low { get; } = low;

        public static Shape Of(SyntaxTree tree)
        {
            ulong high = 14695981039346656037UL;
            ulong low = 0x9E3779B97F4A7C15UL;
            foreach (SyntaxToken token in tree.GetRoot().DescendantTokens(node => !IsBody(node)))
            {
                if (IsBody(token.Parent))
                {
                    continue;
                }

                high = Mix(high, (ulong)token.RawKind);
                low = (low ^ (ulong)token.RawKind) * 0x100000001B3UL;
                string text = token.Text;
                for (int i = 0; i < text.Length; i++)
                {
                    high = (high ^ text[i]) * 1099511628211UL;
                    low = Mix(low, text[i]);
                }

                high = (high ^ 0xFF) * 1099511628211UL;
            }

            // Directives live in trivia, outside the tokens: #define, #if, #nullable and the like change how bodies bind.
            if (tree.GetRoot() is CSharpSyntaxNode root)
            {
                for (DirectiveTriviaSyntax? directive = root.GetFirstDirective(); directive is not null; directive = directive.GetNextDirective())
                {
                    string text = directive.ToString();
                    for (int i = 0; i < text.Length; i++)
                    {
                        high = (high ^ text[i]) * 1099511628211UL;
                        low = Mix(low, text[i]);
                    }
                }
            }

            return new Shape(high, low);
        }

        public static ulong Mix(ulong hash, ulong value)
        {
            hash ^= value + 0x9E3779B97F4A7C15UL + (hash << 6) + (hash >> 2);
            hash ^= hash >> 33;
            hash *= 0xFF51AFD7ED558CCDUL;
            hash ^= hash >> 33;
            return hash;
        }

        private static bool IsBody(SyntaxNode? node) => node switch
        {
            BlockSyntax { Parent: BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax } => true,
            ArrowExpressionClauseSyntax => true,
            _ => false,
        };
    }
}
