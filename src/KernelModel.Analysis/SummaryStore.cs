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
/// every keystroke (docs/design.md, "Across compilations"). Without it, each keystroke binds and analyses again the
/// bodies of every callee that the edited file's checked methods reach.
/// </summary>
/// <remarks>
/// <para>
/// A summary depends on the bodies it read (its callee's and, through nested summaries, initializers and condition
/// methods, theirs) and on everything those bodies bind against: the declarations of every file, the references, the
/// options and the analyzer configuration. It is reused in a later compilation only when that compilation's
/// <see cref="Environment"/> is equal — the same references (objects), options and configuration, and every file the
/// same outside member bodies (a 128-bit hash of its tokens without method, accessor and expression bodies, plus its
/// directives) — and every body it read is there unchanged: at the same place in its file's <see cref="Outline"/>
/// (which equal environments make the same), with the same tokens at the same offsets. An edit inside one body
/// therefore invalidates only the summaries that read that body.
/// </para>
/// <para>
/// Summaries hold symbols and locations of the compilation they were computed in, so they are kept in a form that
/// holds neither: the callee and members by documentation id (a member of a constructed type by the type's reference
/// id and its name), access paths by root kind and parameter ordinal, a location as an offset into one of the bodies
/// read. A summary whose symbols do not round-trip is not kept. The table is per project, one entry per callee and
/// input, so an edited project replaces entries rather than adding to them, and it is bounded.
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

    /// <summary>How many projects keep summaries at once; the one used longest ago is dropped first.</summary>
    private const int MaxProjects = 8;

    /// <summary>How many summaries a project keeps; past that its table starts afresh.</summary>
    private const int MaxEntriesPerProject = 20000;

    private static readonly ConcurrentDictionary<string, Project> _projects = new(StringComparer.Ordinal);
    private static readonly ConditionalWeakTable<SyntaxTree, Shape> _shapes = new();
    private static readonly ConcurrentDictionary<string, WeakReference<SyntaxTree>[]> _previous = new(StringComparer.Ordinal);
    private static long _clock;

    private readonly Compilation _compilation;
    private readonly Environment _environment;
    private readonly Project _project;
    private readonly ConcurrentDictionary<string, ISymbol?> _symbols = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<ISymbol, string?> _ids = new(SymbolEqualityComparer.Default);
    private Dictionary<string, SyntaxTree?>? _byPath;
    private int _reused;

    private SummaryStore(Compilation compilation, Environment environment, Project project)
    {
        _compilation = compilation;
        _environment = environment;
        _project = project;
    }

    /// <summary>How many summaries this compilation took from an earlier one (for tests and benchmarks).</summary>
    public int Reused => _reused;

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
        Project project = _projects.GetOrAdd(assembly, _ => new Project());
        project.LastUsed = System.Threading.Interlocked.Increment(ref _clock);
        if (_projects.Count > MaxProjects)
        {
            foreach (KeyValuePair<string, Project> stale in _projects.OrderBy(p => p.Value.LastUsed).Take(_projects.Count - MaxProjects))
            {
                _projects.TryRemove(stale.Key, out _);
            }
        }

        return new SummaryStore(compilation, environment, project);
    }

    /// <summary>A summary an earlier compilation computed for the same callee and input, translated into this one.</summary>
    /// <param name="callee">The callee (an original definition with source in this compilation).</param>
    /// <param name="entry">The facts it starts with.</param>
    /// <param name="summary">The summary.</param>
    /// <returns>True when one was found and is still valid here.</returns>
    public bool TryGet(IMethodSymbol callee, ImmutableDictionary<AccessPath, bool> entry, out Summary summary)
    {
        summary = null!;
        if (Key(callee, entry) is not string key ||
            !_project.Entries.TryGetValue(key, out Entry? stored) ||
            !(ReferenceEquals(stored.Environment, _environment) || stored.Environment.Equals(_environment)) ||
            Bodies(stored.Reads) is not SyntaxNode[] bodies ||
            Translate(callee, stored.Summary, bodies) is not Summary translated)
        {
            return false;
        }

        System.Threading.Interlocked.Increment(ref _reused);
        summary = translated;
        return true;
    }

    /// <summary>Keeps a summary computed here for later compilations, when it can be put in symbol-free form.</summary>
    /// <param name="callee">The callee.</param>
    /// <param name="entry">The facts it started with.</param>
    /// <param name="summary">The summary, with every declaration whose body it read.</param>
    public void Store(IMethodSymbol callee, ImmutableDictionary<AccessPath, bool> entry, Summary summary)
    {
        var reads = new Read[summary.Reads.Length];
        for (int i = 0; i < reads.Length; i++)
        {
            SyntaxNode node = summary.Reads[i];
            Outline outline = Outline.Of(node.SyntaxTree);
            int index = outline.IndexOf(node);
            if (index < 0)
            {
                return;
            }

            reads[i] = new Read(node.SyntaxTree.FilePath, index, outline.HashOf(index));
        }

        if (Key(callee, entry) is not string key || Portable(callee, summary, summary.Reads) is not PortableSummary portable)
        {
            return;
        }

        if (_project.Entries.Count >= MaxEntriesPerProject)
        {
            _project.Entries.Clear();
        }

        _project.Entries[key] = new Entry(_environment, reads, portable);
    }

    /// <summary>
    /// The bodies read, in this compilation, or null when one is not here unchanged: the file's tree here, the declaration
    /// at the same place in its outline (the same, since the environments are equal), with exactly the same tokens at the
    /// same offsets from its start.
    /// </summary>
    private SyntaxNode[]? Bodies(Read[] reads)
    {
        var bodies = new SyntaxNode[reads.Length];
        for (int i = 0; i < reads.Length; i++)
        {
            Read read = reads[i];
            if (Current(read.Path) is not SyntaxTree tree)
            {
                return null;
            }

            Outline outline = Outline.Of(tree);
            if (outline.At(read.Index) is not SyntaxNode body || outline.HashOf(read.Index) != read.Tokens)
            {
                return null;
            }

            bodies[i] = body;
        }

        return bodies;
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

    private PortableSummary? Portable(IMethodSymbol callee, Summary summary, ImmutableArray<SyntaxNode> reads)
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

            PortableEvidence? evidence = null;
            if (exit.Evidence is not null && (evidence = Portable(exit.Evidence, reads)) is null)
            {
                return null;
            }

            var trace = new List<PortableEvent>();
            for (Trace? t = exit.Trace; t is not null; t = t.Previous)
            {
                if (Portable(t.Last, reads) is not PortableEvent step)
                {
                    return null;
                }

                trace.Add(step);
            }

            trace.Reverse();
            exits.Add(new PortableExit(exit.Flushed, exit.ReturnValue, facts.ToImmutable(), evidence, trace.ToArray()));
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

    private PortableEvidence? Portable(FlushEvidence evidence, ImmutableArray<SyntaxNode> reads)
    {
        PortableEvidence? inner = null;
        if ((evidence.Inner is not null && (inner = Portable(evidence.Inner, reads)) is null) ||
            Portable(evidence.Call, reads) is not PortableLocation call)
        {
            return null;
        }

        return Id(evidence.Target) is string target
            ? new PortableEvidence(evidence.Source, call, evidence.CallText, target, evidence.Detail, inner)
            : null;
    }

    private static PortableEvent? Portable(TraceEvent step, ImmutableArray<SyntaxNode> reads)
    {
        PortableEvent? inner = null;
        if ((step.Inner is not null && (inner = Portable(step.Inner, reads)) is null) ||
            Portable(step.Location, reads) is not PortableLocation location)
        {
            return null;
        }

        return new PortableEvent(step.Kind, location, step.Text, step.Taken, step.Detail, inner);
    }

    /// <summary>A location as an offset into one of the bodies read, or null when it is in none of them.</summary>
    private static PortableLocation? Portable(Location location, ImmutableArray<SyntaxNode> reads)
    {
        for (int i = 0; i < reads.Length; i++)
        {
            if (reads[i].SyntaxTree == location.SourceTree && reads[i].Span.Contains(location.SourceSpan))
            {
                return new PortableLocation(i, location.SourceSpan.Start - reads[i].SpanStart, location.SourceSpan.Length);
            }
        }

        return null;
    }

    private Summary? Translate(IMethodSymbol callee, PortableSummary portable, SyntaxNode[] bodies)
    {
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
            if (exit.Evidence is not null && (evidence = Translate(exit.Evidence, bodies)) is null)
            {
                return null;
            }

            Trace? trace = null;
            foreach (PortableEvent step in exit.Trace)
            {
                trace = Trace.Add(trace, Translate(step, bodies));
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

        return new Summary(exits.MoveToImmutable(), written.MoveToImmutable()) { Reads = bodies.ToImmutableArray() };
    }

    private static Location Translate(PortableLocation location, SyntaxNode[] bodies) =>
        Location.Create(bodies[location.Read].SyntaxTree, new TextSpan(bodies[location.Read].SpanStart + location.Offset, location.Length));

    private static TraceEvent Translate(PortableEvent step, SyntaxNode[] bodies) =>
        new(step.Kind, Translate(step.Location, bodies), step.Text, step.Taken, step.Detail, step.Inner is null ? null : Translate(step.Inner, bodies));

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

    private FlushEvidence? Translate(PortableEvidence evidence, SyntaxNode[] bodies)
    {
        FlushEvidence? inner = null;
        if (evidence.Inner is not null && (inner = Translate(evidence.Inner, bodies)) is null)
        {
            return null;
        }

        return Symbol(evidence.Target) is IMethodSymbol target
            ? new FlushEvidence(evidence.Source, Translate(evidence.Call, bodies), evidence.CallText, target, evidence.Detail, inner)
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

    /// <summary>A body a summary read: its file, its place in the file's <see cref="Outline"/>, and the hash of its tokens.</summary>
    private sealed record Read(string Path, int Index, (ulong, ulong) Tokens);

    /// <summary>A location, as an offset into the body <c>Read</c> of the summary's reads.</summary>
    private sealed record PortableLocation(int Read, int Offset, int Length);

    private sealed record PortableEvent(TraceKind Kind, PortableLocation Location, string Text, bool Taken, string? Detail, PortableEvent? Inner);

    /// <summary>One project's kept summaries, by callee and input.</summary>
    private sealed class Project
    {
        public ConcurrentDictionary<string, Entry> Entries { get; } = new(StringComparer.Ordinal);

        public long LastUsed { get; set; }
    }

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
        private readonly (ulong, ulong)?[] _hashes;

        private Outline(SyntaxTree tree)
        {
            _nodes = tree.GetRoot().DescendantNodesAndSelf(node => !IsCodeBlock(node)).ToArray();
            _index = new Dictionary<SyntaxNode, int>(_nodes.Length);
            for (int i = 0; i < _nodes.Length; i++)
            {
                _index[_nodes[i]] = i;
            }

            _hashes = new (ulong, ulong)?[_nodes.Length];
        }

        /// <summary>Two 64-bit hashes of the declaration's tokens: kind, text and offset from its start (computed once).</summary>
        public (ulong, ulong) HashOf(int index)
        {
            if (_hashes[index] is (ulong, ulong) known)
            {
                return known;
            }

            SyntaxNode node = _nodes[index];
            var hash = new Hash128((ulong)node.RawKind);
            foreach (SyntaxToken token in node.DescendantTokens())
            {
                hash.Add(((ulong)(uint)token.RawKind << 32) | (uint)(token.SpanStart - node.SpanStart));
                hash.Add(token.Text);
            }

            _hashes[index] = hash.Value;
            return hash.Value;
        }

        public static Outline Of(SyntaxTree tree) => _outlines.GetValue(tree, t => new Outline(t));

        public int IndexOf(SyntaxNode node) => _index.TryGetValue(node, out int index) ? index : -1;

        public SyntaxNode? At(int index) => index >= 0 && index < _nodes.Length ? _nodes[index] : null;

        private static bool IsCodeBlock(SyntaxNode node) =>
            node is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or ArrowExpressionClauseSyntax or EqualsValueClauseSyntax or GlobalStatementSyntax;
    }

    private sealed record PortableSummary(ImmutableArray<PortableExit> Exits, ImmutableArray<string> WrittenMembers);

    private sealed record PortableExit(Tri Flushed, Tri ReturnValue, ImmutableArray<(PortablePath Path, bool Value)> Facts, PortableEvidence? Evidence, PortableEvent[] Trace);

    private sealed record PortableEvidence(FlushSource Source, PortableLocation Call, string CallText, string Target, string? Detail, PortableEvidence? Inner);

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
        private readonly (ulong, ulong) _declarations;
        private readonly int _trees;

        private Environment(Compilation compilation, EngineOptions engineOptions, (ulong, ulong) shapes)
        {
            _options = compilation.Options;
            _references = compilation.References.ToImmutableArray();
            _parseOptions = compilation.SyntaxTrees.Select(t => t.Options).Distinct().ToArray();
            _engineOptions = engineOptions;
            _declarations = shapes;
            _trees = compilation.SyntaxTrees.Count();
        }

        public static Environment Of(Compilation compilation, EngineOptions engineOptions)
        {
            var hash = new Hash128(0);
            foreach (SyntaxTree tree in compilation.SyntaxTrees)
            {
                (ulong high, ulong low) = _shapes.GetValue(tree, Shape.Of).Value;
                hash.Add(high);
                hash.Add(low);
                hash.Add(tree.FilePath);
            }

            return new Environment(compilation, engineOptions, hash.Value);
        }

        public bool Equals(Environment? other) =>
            other is not null &&
            _declarations == other._declarations && _trees == other._trees &&
            _engineOptions.Equals(other._engineOptions) &&
            _options.Equals(other._options) &&
            _references.Length == other._references.Length &&
            _references.Zip(other._references, ReferenceEquals).All(same => same) &&
            _parseOptions.Length == other._parseOptions.Length &&
            _parseOptions.All(other._parseOptions.Contains);

        public override bool Equals(object? obj) => Equals(obj as Environment);

        public override int GetHashCode() => _declarations.GetHashCode();
    }

    /// <summary>
    /// A file's declarations: two 64-bit hashes of its tokens and their kinds, leaving out the bodies of methods,
    /// constructors, operators, accessors and local functions, and expression bodies, and of its preprocessor
    /// directives. Computed once per tree.
    /// </summary>
    private sealed class Shape((ulong, ulong) value)
    {
        public (ulong, ulong) Value { get; } = value;

        public static Shape Of(SyntaxTree tree)
        {
            var hash = new Hash128(0);
            foreach (SyntaxToken token in tree.GetRoot().DescendantTokens(node => !IsBody(node)))
            {
                hash.Add((ulong)token.RawKind);
                hash.Add(token.Text);
            }

            // Directives live in trivia, outside the tokens: #define, #if, #nullable and the like change how bodies bind.
            if (tree.GetRoot() is CSharpSyntaxNode root)
            {
                for (DirectiveTriviaSyntax? directive = root.GetFirstDirective(); directive is not null; directive = directive.GetNextDirective())
                {
                    hash.Add(directive.ToString());
                }
            }

            return new Shape(hash.Value);
        }

        private static bool IsBody(SyntaxNode? node) => node switch
        {
            BlockSyntax { Parent: BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax } => true,
            ArrowExpressionClauseSyntax => true,
            _ => false,
        };
    }

    /// <summary>Two independent 64-bit hashes (FNV-1a and a multiply-xorshift mix) of a sequence of values and strings.</summary>
    private struct Hash128(ulong seed)
    {
        private ulong _high = 14695981039346656037UL ^ seed;
        private ulong _low = 0x9E3779B97F4A7C15UL ^ seed;

        public readonly (ulong, ulong) Value => (_high, _low);

        public void Add(ulong value)
        {
            _high = Mix(_high, value);
            _low = (_low ^ value) * 0x100000001B3UL;
        }

        /// <summary>Adds a string's characters and its end, so that "ab","c" and "a","bc" differ.</summary>
        public void Add(string text)
        {
            for (int i = 0; i < text.Length; i++)
            {
                _high = (_high ^ text[i]) * 1099511628211UL;
                _low = Mix(_low, text[i]);
            }

            Add(0xFFFF_FFFF_FFFFUL);
        }

        private static ulong Mix(ulong hash, ulong value)
        {
            hash ^= value + 0x9E3779B97F4A7C15UL + (hash << 6) + (hash >> 2);
            hash ^= hash >> 33;
            hash *= 0xFF51AFD7ED558CCDUL;
            hash ^= hash >> 33;
            return hash;
        }
    }
}
