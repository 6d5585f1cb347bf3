using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace KernelModel.Analyzers;

/// <summary>
/// What the three analyzers share about one compilation: the sessions (configuration, contracts, callee graphs and
/// summaries), the gate's decision, the per-file identifier scan and the <c>GeneratedCode</c> attribute. The driver
/// hands every analyzer the same compilation object, so each piece is computed once whichever analyzer asks first.
/// </summary>
internal sealed class TlbCompilation
{
    private static readonly ConditionalWeakTable<Compilation, TlbCompilation> _shared = new();

    private readonly Lazy<bool> _open;
    private readonly Lazy<INamedTypeSymbol?> _generatedCode;

    private TlbCompilation(Compilation compilation, AnalyzerConfigOptionsProvider options)
    {
        ConfigOptions = options;
        Sessions = new SessionProvider(compilation, options);
        Filter = new CallNameFilter(compilation);
        Promises = new RuleSwitch(Descriptors.UnpromisedFlush, compilation, options);
        Proofs = new RuleSwitch(Descriptors.GuardedCallProof, compilation, options);
        _open = new Lazy<bool>(() => CompilationGate.IsOpen(
            compilation, Sessions.Configurations(), () => compilation.SyntaxTrees.Any(tree => Promises.IsOn(tree, default))));

        // Looked up only once something is to be reported: the lookup searches every referenced assembly.
        _generatedCode = new Lazy<INamedTypeSymbol?>(() => compilation.GetTypeByMetadataName("System.CodeDom.Compiler.GeneratedCodeAttribute"));
    }

    /// <summary>The configuration the sessions were read from.</summary>
    public AnalyzerConfigOptionsProvider ConfigOptions { get; }

    /// <summary>The sessions, one per distinct configuration.</summary>
    public SessionProvider Sessions { get; }

    /// <summary>The per-file identifier scan.</summary>
    public CallNameFilter Filter { get; }

    /// <summary>Whether TLB007 is switched on for a file.</summary>
    public RuleSwitch Promises { get; }

    /// <summary>Whether TLB008 (off by default) is switched on for a file; nothing is computed for it where it is not.</summary>
    public RuleSwitch Proofs { get; }

    /// <summary>Whether any rule may report (<see cref="CompilationGate"/>).</summary>
    public bool IsOpen => _open.Value;

    /// <summary><c>System.CodeDom.Compiler.GeneratedCodeAttribute</c>, or null when the compilation has none.</summary>
    public INamedTypeSymbol? GeneratedCodeAttribute => _generatedCode.Value;

    /// <summary>The shared state of a compilation being started.</summary>
    /// <param name="compilation">The compilation.</param>
    /// <param name="options">The analyzer options of the run.</param>
    /// <returns>The state, shared with the other analyzers of the same run.</returns>
    public static TlbCompilation Of(Compilation compilation, AnalyzerOptions options)
    {
        AnalyzerConfigOptionsProvider provider = options.AnalyzerConfigOptionsProvider;
        TlbCompilation shared = _shared.GetValue(compilation, c => new TlbCompilation(c, provider));
        return ReferenceEquals(shared.ConfigOptions, provider) ? shared : new TlbCompilation(compilation, provider);
    }

    /// <summary>
    /// The members of <paramref name="root"/> that contain a name of <paramref name="kind"/> (every member when syntax
    /// cannot tell): the code blocks a code-block action would see, each with the method that owns it, and the field and
    /// property initializers.
    /// </summary>
    /// <param name="root">A file's root.</param>
    /// <param name="hits">The file's names.</param>
    /// <param name="kind">The kinds of names that make a member a candidate.</param>
    /// <returns>The members, in file order, without repeats.</returns>
    public IEnumerable<SyntaxNode> Members(SyntaxNode root, TreeHits hits, NameKind kind)
    {
        if (Filter.Everything)
        {
            bool topLevel = false;
            foreach (SyntaxNode node in root.DescendantNodes(DescendIntoDeclarations))
            {
                if (node is GlobalStatementSyntax)
                {
                    topLevel = true;
                }
                else if (IsMember(node))
                {
                    yield return node;
                }
            }

            if (topLevel)
            {
                yield return root;
            }

            yield break;
        }

        SyntaxNode? last = null;
        bool program = false;
        foreach (int position in hits.Positions(kind))
        {
            if (last is not null && last.Span.Contains(position))
            {
                continue;
            }

            for (SyntaxNode? node = root.FindToken(position).Parent; node is not null; node = node.Parent)
            {
                if (IsMember(node))
                {
                    last = node;
                    yield return node;
                    break;
                }

                // Top-level statements are one code block, the compilation unit's (the synthesized entry point).
                if (node is GlobalStatementSyntax)
                {
                    if (!program)
                    {
                        program = true;
                        yield return root;
                    }

                    break;
                }
            }
        }
    }

    /// <summary>The span of a member's declaration before its body: attributes, modifiers, type, name.</summary>
    /// <param name="member">A member from <see cref="Members"/>.</param>
    /// <returns>The span.</returns>
    public static TextSpan Header(SyntaxNode member) => member switch
    {
        BaseMethodDeclarationSyntax method => TextSpan.FromBounds(method.SpanStart, method.ParameterList.SpanStart),
        AccessorDeclarationSyntax accessor => TextSpan.FromBounds(accessor.SpanStart, accessor.Keyword.Span.End),
        _ => new TextSpan(member.SpanStart, 0),
    };

    private static bool DescendIntoDeclarations(SyntaxNode node) =>
        node is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax or BasePropertyDeclarationSyntax or AccessorListSyntax or
            FieldDeclarationSyntax or VariableDeclarationSyntax or VariableDeclaratorSyntax;

    /// <summary>
    /// A code block of its own: a method, constructor, operator or destructor; an accessor; the expression body of a
    /// property or indexer; a type with a primary constructor's base arguments; a field's or property's initializer
    /// (<see cref="IsInitializer"/>). Local functions and lambdas belong to the member around them; top-level
    /// statements are the compilation unit's code block.
    /// </summary>
    private static bool IsMember(SyntaxNode node) => node switch
    {
        BaseMethodDeclarationSyntax or AccessorDeclarationSyntax => true,
        ArrowExpressionClauseSyntax { Parent: PropertyDeclarationSyntax or IndexerDeclarationSyntax } => true,
        PrimaryConstructorBaseTypeSyntax => true,
        _ => IsInitializer(node),
    };

    /// <summary>
    /// Whether <paramref name="node"/> is a field's or an auto-property's initializer: code that runs at the start of
    /// the type's constructors, not in a method of its own.
    /// </summary>
    /// <param name="node">A node from <see cref="Members"/>.</param>
    /// <returns>True for an initializer.</returns>
    public static bool IsInitializer(SyntaxNode node) =>
        node is EqualsValueClauseSyntax { Parent: PropertyDeclarationSyntax or VariableDeclaratorSyntax { Parent.Parent: FieldDeclarationSyntax } };
}
