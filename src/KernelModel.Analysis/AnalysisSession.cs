using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using KernelModel.Analysis.Contracts;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace KernelModel.Analysis;

/// <summary>
/// Everything the engine shares while analysing one compilation under one configuration: the contract
/// cache, the callee control-flow graphs and the summary cache. It lives as long as the compilation and holds
/// no static state, so that nothing outlives it; all of it is safe to use from several threads.
/// </summary>
/// <param name="compilation">The compilation.</param>
/// <param name="options">The configuration.</param>
public sealed class AnalysisSession(Compilation compilation, EngineOptions options)
{
    private readonly ConcurrentDictionary<IMethodSymbol, ControlFlowGraph?> _graphs = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, ImmutableHashSet<IParameterSymbol>> _assigned = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, ImmutableHashSet<IParameterSymbol>> _reassigned = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IOperation, DelegateEffects> _delegateEffects = new();
    private readonly ConcurrentDictionary<IMethodSymbol, Tri> _constants = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, ImmutableArray<IMethodSymbol>> _broadcastChecks = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<SyntaxTree, SemanticModel> _models = new();
    private readonly ConcurrentDictionary<(INamedTypeSymbol Type, bool IsStatic), ImmutableArray<ControlFlowGraph>> _initializers = new(InitializerKeyComparer.Instance);
    private readonly ConcurrentDictionary<IMethodSymbol, ImmutableArray<SyntaxNode>> _constantReads = new(SymbolEqualityComparer.Default);
    private readonly Lazy<SummaryStore?> _store = new(() => SummaryStore.For(compilation, options));

    /// <summary>The compilation.</summary>
    public Compilation Compilation { get; } = compilation;

    /// <summary>The configuration.</summary>
    public EngineOptions Options { get; } = options;

    /// <summary>
    /// The project's directory, when known (<c>build_property.ProjectDir</c>): a witness names lines in other files by
    /// their path below it.
    /// </summary>
    public string? ProjectDirectory { get; init; }

    /// <summary>The contracts of methods.</summary>
    public ContractReader Contracts { get; } = new(compilation);

    /// <summary>Memoised callee summaries.</summary>
    public SummaryCache Summaries { get; } = new();

    /// <summary>Summaries kept across compilations, when this compilation is an editor's next snapshot; else null.</summary>
    internal SummaryStore? Store => _store.Value;

    /// <summary>
    /// Whether summaries record the bodies they read: only where the store keeps them for later compilations (an
    /// editor's), so that a build pays nothing for it.
    /// </summary>
    internal bool TracksReads => _store.Value is not null;

    /// <summary>How many summaries this session took from an earlier compilation (for tests and benchmarks).</summary>
    public int SummariesReused => _store.IsValueCreated ? _store.Value?.Reused ?? 0 : 0;

    /// <summary>Whether a call to <paramref name="method"/> is guarded: a sync method, or <c>[RequiresTableFlush]</c>.</summary>
    /// <param name="method">The called method.</param>
    /// <returns>True when the call needs a prior flush.</returns>
    public bool IsGuarded(IMethodSymbol method) =>
        (method.MethodKind == MethodKind.Ordinary && Options.IsSyncMethod(method.Name)) || Contracts.For(method).RequiresTableFlush;

    /// <summary>Whether a call to <paramref name="method"/> is checked at its site: guarded (TLB001), or with a required condition (TLB002).</summary>
    /// <param name="method">The called method.</param>
    /// <returns>True when the call site is checked.</returns>
    public bool IsChecked(IMethodSymbol method) => IsGuarded(method) || !Contracts.For(method).Conditions.IsEmpty;

    /// <summary>Whether <paramref name="body"/> contains a call that is checked at its site, so that the body needs the engine.</summary>
    /// <param name="body">A body's operation tree.</param>
    /// <returns>True when some invocation in it, or some object creation through a constructor with a contract, is checked.</returns>
    public bool HasCheckedCall(IOperation body) =>
        body.Descendants().Any(operation => operation switch
        {
            IInvocationOperation call => IsChecked(call.TargetMethod),
            IObjectCreationOperation { Constructor: IMethodSymbol constructor } => IsChecked(constructor),
            _ => false,
        });

    /// <summary>
    /// The control-flow graph of a method with source in this compilation, or null when it has none (metadata,
    /// abstract, extern, or a body that cannot be bound).
    /// </summary>
    /// <param name="method">The method.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The graph, or null.</returns>
    public ControlFlowGraph? GraphOf(IMethodSymbol method, CancellationToken cancellationToken)
    {
        method = method.PartialImplementationPart ?? method;
        if (_graphs.TryGetValue(method, out ControlFlowGraph? cached))
        {
            return cached;
        }

        ControlFlowGraph? graph = Build(method, cancellationToken);
        return _graphs.GetOrAdd(method, graph);
    }

    /// <summary>
    /// The field and property initializers that run at the start of a constructor (SPEC §5), in declaration order:
    /// the instance ones for an instance constructor that does not chain with <c>: this(...)</c>, the static ones for
    /// the static constructor; empty otherwise. They are the same graphs for every constructor of the type (<see
    /// cref="InitializersOf(INamedTypeSymbol, bool, CancellationToken)"/>).
    /// </summary>
    /// <param name="constructor">The constructor.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The initializers' graphs, in the order they run.</returns>
    public ImmutableArray<ControlFlowGraph> InitializersOf(IMethodSymbol constructor, CancellationToken cancellationToken)
    {
        if (constructor.MethodKind is not (MethodKind.Constructor or MethodKind.StaticConstructor) || ChainsToThis(constructor, cancellationToken))
        {
            return ImmutableArray<ControlFlowGraph>.Empty;
        }

        return InitializersOf(constructor.ContainingType, constructor.IsStatic, cancellationToken);
    }

    /// <summary>
    /// A type's field and property initializers, instance or static, in the order they run (declaration order, part by
    /// part). Built once per session, so that every run over them — under each constructor that runs them — meets the
    /// same operations and a <see cref="Recorder"/> merges their states.
    /// </summary>
    /// <param name="type">The type.</param>
    /// <param name="isStatic">The static initializers rather than the instance ones.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The initializers' graphs.</returns>
    public ImmutableArray<ControlFlowGraph> InitializersOf(INamedTypeSymbol type, bool isStatic, CancellationToken cancellationToken) =>
        _initializers.GetOrAdd((type.OriginalDefinition, isStatic), key => BuildInitializers(key.Type, key.IsStatic, cancellationToken));

    /// <summary>Whether a constructor chains with <c>: this(...)</c>, so that its type's initializers do not run in it.</summary>
    /// <param name="constructor">The constructor.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>True when it does.</returns>
    public static bool ChainsToThis(IMethodSymbol constructor, CancellationToken cancellationToken)
    {
        foreach (SyntaxReference reference in constructor.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is ConstructorDeclarationSyntax { Initializer: { } chain } && chain.ThisOrBaseKeyword.Text == "this")
            {
                return true;
            }
        }

        return false;
    }

    private ImmutableArray<ControlFlowGraph> BuildInitializers(INamedTypeSymbol containingType, bool isStatic, CancellationToken cancellationToken)
    {
        var graphs = ImmutableArray.CreateBuilder<ControlFlowGraph>();
        foreach (SyntaxReference part in containingType.DeclaringSyntaxReferences)
        {
            SyntaxNode type = part.GetSyntax(cancellationToken);
            if (!Compilation.ContainsSyntaxTree(type.SyntaxTree))
            {
                continue;
            }

#pragma warning disable RS1030 // Interprocedural analysis needs the initializers' semantic model; it is cached per compilation.
            SemanticModel model = _models.TryGetValue(type.SyntaxTree, out SemanticModel? lent) ? lent : Compilation.GetSemanticModel(type.SyntaxTree);
#pragma warning restore RS1030
            foreach (SyntaxNode member in type.ChildNodes())
            {
                EqualsValueClauseSyntax?[] initializers = member switch
                {
                    FieldDeclarationSyntax field when field.Modifiers.Any(m => m.Text is "static" or "const") == isStatic && !field.Modifiers.Any(m => m.Text == "const") =>
                        field.Declaration.Variables.Select(v => v.Initializer).ToArray(),
                    PropertyDeclarationSyntax property when property.Modifiers.Any(m => m.Text == "static") == isStatic => new[] { property.Initializer },
                    _ => System.Array.Empty<EqualsValueClauseSyntax?>(),
                };
                foreach (EqualsValueClauseSyntax? initializer in initializers)
                {
                    switch (initializer is null ? null : model.GetOperation(initializer, cancellationToken))
                    {
                        case IFieldInitializerOperation field:
                            graphs.Add(ControlFlowGraph.Create(field, cancellationToken));
                            break;
                        case IPropertyInitializerOperation property:
                            graphs.Add(ControlFlowGraph.Create(property, cancellationToken));
                            break;
                    }
                }
            }
        }

        return graphs.ToImmutable();
    }

    private ControlFlowGraph? Build(IMethodSymbol method, CancellationToken cancellationToken)
    {
        foreach (SyntaxReference reference in method.DeclaringSyntaxReferences)
        {
            SyntaxNode node = reference.GetSyntax(cancellationToken);
            if (node is not (BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or ArrowExpressionClauseSyntax))
            {
                continue;
            }

            if (!Compilation.ContainsSyntaxTree(node.SyntaxTree))
            {
                continue;
            }

#pragma warning disable RS1030 // Interprocedural analysis needs the callee's semantic model; it is cached per compilation.
            SemanticModel model = _models.TryGetValue(node.SyntaxTree, out SemanticModel? lent) ? lent : Compilation.GetSemanticModel(node.SyntaxTree);
#pragma warning restore RS1030
            IOperation? operation = model.GetOperation(node, cancellationToken);
            switch (operation)
            {
                case IMethodBodyOperation body when body.BlockBody is not null || body.ExpressionBody is not null:
                    return ControlFlowGraph.Create(body, cancellationToken);
                case IConstructorBodyOperation constructor:
                    return ControlFlowGraph.Create(constructor, cancellationToken);
                case IBlockOperation block when node is ArrowExpressionClauseSyntax:
                    return ControlFlowGraph.Create(block, cancellationToken);
            }
        }

        return null;
    }

    /// <summary>
    /// Lends the engine the semantic model an analyzer action was given for a file, so that callee graphs built from
    /// that file while the action runs reuse the compiler's bound trees instead of binding the bodies again in a
    /// model of their own. Returned with <see cref="ReturnModel"/>.
    /// </summary>
    /// <param name="model">The action's model.</param>
    /// <returns>True when lent; false when another action's model of the same file is already lent.</returns>
    public bool LendModel(SemanticModel model) => _models.TryAdd(model.SyntaxTree, model);

    /// <summary>Ends a loan of <see cref="LendModel"/>.</summary>
    /// <param name="model">The model lent.</param>
    public void ReturnModel(SemanticModel model) =>
        ((ICollection<KeyValuePair<SyntaxTree, SemanticModel>>)_models).Remove(new KeyValuePair<SyntaxTree, SemanticModel>(model.SyntaxTree, model));

    /// <summary>Whether <paramref name="method"/> has a body of its own in this compilation (found from syntax, without binding).</summary>
    /// <param name="method">An original definition.</param>
    /// <returns>True when one of its declarations here has a body.</returns>
    public bool HasBody(IMethodSymbol method)
    {
        method = method.PartialImplementationPart ?? method;
        foreach (SyntaxReference reference in method.DeclaringSyntaxReferences)
        {
            bool body = reference.GetSyntax() switch
            {
                BaseMethodDeclarationSyntax declaration => declaration.Body is not null || declaration.ExpressionBody is not null,
                AccessorDeclarationSyntax accessor => accessor.Body is not null || accessor.ExpressionBody is not null,
                ArrowExpressionClauseSyntax => true,
                _ => false,
            };
            if (body && Compilation.ContainsSyntaxTree(reference.SyntaxTree))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The parameters a method's body may assign to, found from its syntax without binding: any assignment, increment,
    /// deconstruction, <c>ref</c> or <c>out</c> argument naming one, anywhere in the body (lambdas included). A name
    /// that a lambda's own parameter or local shadows counts too, which only makes the answer larger (safer).
    /// </summary>
    /// <param name="method">An original definition with source here.</param>
    /// <returns>The parameters (by value) it may reassign.</returns>
    public ImmutableHashSet<IParameterSymbol> ParametersReassigned(IMethodSymbol method) =>
        _reassigned.GetOrAdd(method, m =>
        {
            var names = new HashSet<string>(System.StringComparer.Ordinal);
            foreach (SyntaxReference reference in (m.PartialImplementationPart ?? m).DeclaringSyntaxReferences)
            {
                foreach (SyntaxNode node in reference.GetSyntax().DescendantNodes())
                {
                    switch (node)
                    {
                        case AssignmentExpressionSyntax assignment:
                            AddTargets(assignment.Left, names);
                            break;
                        case PrefixUnaryExpressionSyntax { Operand: IdentifierNameSyntax name } prefix when
                            prefix.IsKind(SyntaxKind.PreIncrementExpression) || prefix.IsKind(SyntaxKind.PreDecrementExpression):
                            names.Add(name.Identifier.ValueText);
                            break;
                        case PostfixUnaryExpressionSyntax { Operand: IdentifierNameSyntax name } postfix when
                            postfix.IsKind(SyntaxKind.PostIncrementExpression) || postfix.IsKind(SyntaxKind.PostDecrementExpression):
                            names.Add(name.Identifier.ValueText);
                            break;
                        case ArgumentSyntax { RefKindKeyword.RawKind: not 0, Expression: IdentifierNameSyntax name }:
                            names.Add(name.Identifier.ValueText);
                            break;
                    }
                }
            }

            return m.Parameters.Where(p => p.RefKind == RefKind.None && names.Contains(p.Name)).ToImmutableHashSet<IParameterSymbol>(SymbolEqualityComparer.Default);
        });

    /// <summary>The variables an assignment's left side names itself (<c>p = …</c>, <c>(p, q) = …</c>), not those whose members it writes.</summary>
    private static void AddTargets(ExpressionSyntax target, HashSet<string> names)
    {
        switch (target)
        {
            case IdentifierNameSyntax name:
                names.Add(name.Identifier.ValueText);
                break;
            case ParenthesizedExpressionSyntax parenthesized:
                AddTargets(parenthesized.Expression, names);
                break;
            case TupleExpressionSyntax tuple:
                foreach (ArgumentSyntax element in tuple.Arguments)
                {
                    AddTargets(element.Expression, names);
                }

                break;
        }
    }

    /// <summary>The parameters a method's body assigns to (after which they no longer denote the caller's object).</summary>
    /// <param name="method">The method.</param>
    /// <param name="graph">Its control-flow graph.</param>
    /// <returns>The assigned parameters.</returns>
    public ImmutableHashSet<IParameterSymbol> ParametersAssigned(IMethodSymbol method, ControlFlowGraph? graph)
    {
        if (graph is null)
        {
            return ImmutableHashSet<IParameterSymbol>.Empty;
        }

        return _assigned.GetOrAdd(method, _ =>
        {
            var assigned = ImmutableHashSet.CreateBuilder<IParameterSymbol>(SymbolEqualityComparer.Default);
            foreach (BasicBlock block in graph.Blocks)
            {
                foreach (IOperation operation in block.Operations.Concat(block.BranchValue is null ? Enumerable.Empty<IOperation>() : new[] { block.BranchValue }))
                {
                    foreach (IOperation node in operation.DescendantsAndSelf())
                    {
                        IOperation? target = node switch
                        {
                            IAssignmentOperation assignment => assignment.Target,
                            IIncrementOrDecrementOperation increment => increment.Target,
                            _ => null,
                        };
                        if (target is IParameterReferenceOperation { Parameter.RefKind: RefKind.None } parameter)
                        {
                            assigned.Add(parameter.Parameter);
                        }
                    }
                }
            }

            return assigned.ToImmutable();
        });
    }

    /// <summary>
    /// What a parameterless method returns whatever its caller knows: the constant every normal return of its body
    /// returns (from a state knowing nothing), else unknown — also for a method without source here or that never
    /// returns. Memoised.
    /// </summary>
    /// <param name="method">A parameterless method.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The constant, or unknown.</returns>
    public Tri ConstantResult(IMethodSymbol method, CancellationToken cancellationToken)
    {
        method = method.OriginalDefinition;
        if (_constants.TryGetValue(method, out Tri known))
        {
            return known;
        }

        Tri result = Tri.Unknown;
        ImmutableArray<SyntaxNode> reads = ImmutableArray<SyntaxNode>.Empty;
        if (method.Parameters.IsEmpty && GraphOf(method, cancellationToken) is ControlFlowGraph graph)
        {
            var stack = new CallStack();
            stack.Push(method);
            var run = new FlowRun(this, graph, method, stack, recorder: null, cancellationToken);
            ImmutableArray<AbstractState> exits = run.Run(new StateSet(AbstractState.Initial));
            if (!exits.IsEmpty && exits.All(exit => exit.ReturnValue == exits[0].ReturnValue))
            {
                result = exits[0].ReturnValue;
            }

            if (TracksReads)
            {
                run.Reads.Add(graph.OriginalOperation.Syntax);
                reads = run.Reads.ToImmutableArray();
            }
        }

        _constantReads.TryAdd(method, reads);
        return _constants.GetOrAdd(method, result);
    }

    /// <summary>The bodies <see cref="ConstantResult"/> read for <paramref name="method"/> (after it was asked).</summary>
    /// <param name="method">A method whose constant result was asked.</param>
    /// <returns>The declarations read.</returns>
    internal ImmutableArray<SyntaxNode> ReadsOfConstantResult(IMethodSymbol method) =>
        _constantReads.TryGetValue(method.OriginalDefinition, out ImmutableArray<SyntaxNode> reads) ? reads : ImmutableArray<SyntaxNode>.Empty;

    /// <summary>
    /// The broadcast checks of a sync method's own contract (SPEC §4): for each configured name, the parameterless static
    /// bool method that an unqualified call written inside the sync method's body binds to. Empty for a method without
    /// source here, or when no configured check is in scope there (the requirement is then unconditional).
    /// </summary>
    /// <param name="sync">A sync method.</param>
    /// <returns>The checks.</returns>
    public ImmutableArray<IMethodSymbol> BroadcastChecksOf(IMethodSymbol sync) =>
        Options.BroadcastChecks.IsEmpty
            ? ImmutableArray<IMethodSymbol>.Empty
            : _broadcastChecks.GetOrAdd(sync.OriginalDefinition, FindBroadcastChecks);

    /// <summary>
    /// The broadcast check that is definitely false for a call to <paramref name="target"/>, when the target is a sync
    /// method and one of its checks is: the sync then sends its own IPI and needs no prior flush (SPEC §4).
    /// </summary>
    /// <param name="target">The called method.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The check that is always false in this compilation, or null.</returns>
    public IMethodSymbol? SendsOwnIpi(IMethodSymbol target, CancellationToken cancellationToken)
    {
        if (target.MethodKind != MethodKind.Ordinary || !Options.IsSyncMethod(target.Name))
        {
            return null;
        }

        foreach (IMethodSymbol check in BroadcastChecksOf(target))
        {
            if (ConstantResult(check, cancellationToken) == Tri.False)
            {
                return check;
            }
        }

        return null;
    }

    private ImmutableArray<IMethodSymbol> FindBroadcastChecks(IMethodSymbol sync)
    {
        if (ConditionParser.BodyPosition(sync, Compilation) is not (SemanticModel model, int position))
        {
            return ImmutableArray<IMethodSymbol>.Empty;
        }

        // Every name in scope at that point, as the call would see it (own type, enclosing types, using static).
        var found = ImmutableArray.CreateBuilder<IMethodSymbol>();
        foreach (IGrouping<string, IMethodSymbol> named in model.LookupSymbols(position)
            .OfType<IMethodSymbol>()
            .Where(m => Options.IsBroadcastCheck(m.Name) && ConditionParser.IsParameterlessStaticBool(m))
            .Distinct<IMethodSymbol>(SymbolEqualityComparer.Default)
            .GroupBy(m => Names.Normalize(m.Name)))
        {
            // Spellings that differ only in case or underscores: the innermost scope wins, as it would for one spelling;
            // two candidates in the same scope would make the call ambiguous, so then there is no such method.
            var ranked = named.Select(m => (Method: m, Distance: ScopeDistance(sync.ContainingType, m.ContainingType))).OrderBy(c => c.Distance).ToArray();
            if (ranked.Length == 1 || ranked[0].Distance < ranked[1].Distance)
            {
                found.Add(ranked[0].Method);
            }
        }

        return found.ToImmutable();
    }

    /// <summary>How far out <paramref name="declaring"/> is from <paramref name="scope"/>: 0 for the type itself or a base, one more per enclosing type, and beyond every type for an import.</summary>
    private static int ScopeDistance(INamedTypeSymbol? scope, INamedTypeSymbol? declaring)
    {
        int distance = 0;
        for (INamedTypeSymbol? type = scope; type is not null; type = type.ContainingType, distance++)
        {
            for (INamedTypeSymbol? current = type; current is not null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, declaring?.OriginalDefinition))
                {
                    return distance;
                }
            }
        }

        return int.MaxValue;
    }

    /// <summary>What the delegates created in the body <paramref name="graph"/> belongs to may change (memoised per body).</summary>
    /// <param name="graph">A graph of the body, or of a local function or lambda in it.</param>
    /// <returns>The effects.</returns>
    internal DelegateEffects DelegateEffectsOf(ControlFlowGraph graph)
    {
        while (graph.Parent is not null)
        {
            graph = graph.Parent;
        }

        return _delegateEffects.GetOrAdd(graph.OriginalOperation, DelegateEffects.Of);
    }

    /// <summary>Whether the method (or type) has a body (a declaration) in this compilation.</summary>
    /// <param name="symbol">The method or type.</param>
    /// <returns>True when it has source here.</returns>
    public bool HasSource(ISymbol symbol) =>
        symbol.DeclaringSyntaxReferences.Any(r => Compilation.ContainsSyntaxTree(r.SyntaxTree));

    private sealed class InitializerKeyComparer : IEqualityComparer<(INamedTypeSymbol Type, bool IsStatic)>
    {
        public static InitializerKeyComparer Instance { get; } = new();

        public bool Equals((INamedTypeSymbol Type, bool IsStatic) x, (INamedTypeSymbol Type, bool IsStatic) y) =>
            x.IsStatic == y.IsStatic && SymbolEqualityComparer.Default.Equals(x.Type, y.Type);

        public int GetHashCode((INamedTypeSymbol Type, bool IsStatic) key) =>
            (SymbolEqualityComparer.Default.GetHashCode(key.Type) * 2) + (key.IsStatic ? 1 : 0);
    }
}
