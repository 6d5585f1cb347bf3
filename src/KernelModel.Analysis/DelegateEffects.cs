using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace KernelModel.Analysis;

/// <summary>
/// What the delegates created in one body may change when they run (SPEC §5, lambdas and delegates): the variables
/// their lambdas (and local functions converted to delegates) capture, whether they capture <c>this</c>, the members
/// they write, and whether they call anything (which may write statics). A call that invokes a delegate or receives
/// one — or any call once a delegate has left the body's locals, since whatever holds it may run it — makes unknown
/// every fact these reach, before and after the call.
/// </summary>
internal sealed class DelegateEffects
{
    /// <summary>A body that creates no delegate that could change anything.</summary>
    public static readonly DelegateEffects None = new(ImmutableHashSet<ISymbol>.Empty, false, false, ImmutableHashSet<ISymbol>.Empty, ImmutableArray<SyntaxNode>.Empty);

    private readonly ImmutableHashSet<ISymbol> _captured;
    private readonly bool _capturesThis;
    private readonly bool _touchesStatics;
    private readonly ImmutableHashSet<ISymbol> _written;

    private readonly ImmutableArray<SyntaxNode> _escapes;

    private DelegateEffects(ImmutableHashSet<ISymbol> captured, bool capturesThis, bool touchesStatics, ImmutableHashSet<ISymbol> written, ImmutableArray<SyntaxNode> escapes)
    {
        _captured = captured;
        _capturesThis = capturesThis;
        _touchesStatics = touchesStatics;
        _written = written;
        _escapes = escapes;
    }

    /// <summary>Whether no delegate of the body can change a tracked fact.</summary>
    public bool IsEmpty => _captured.IsEmpty && !_capturesThis && !_touchesStatics && _written.IsEmpty;

    /// <summary>
    /// Whether a delegate of the body may have left its locals (passed, stored, returned, subscribed) before
    /// <paramref name="call"/> runs: an escape earlier in the text, or one in a loop around the call. In a local function
    /// or lambda of the body (<paramref name="nested"/>), which may run at any time, any escape counts.
    /// </summary>
    /// <param name="call">The call's syntax.</param>
    /// <param name="nested">Whether the call is in a local function or lambda of the body.</param>
    /// <returns>True when whatever holds the delegate might run it during the call.</returns>
    public bool EscapedBefore(SyntaxNode call, bool nested)
    {
        if (_escapes.IsEmpty)
        {
            return false;
        }

        if (nested)
        {
            return true;
        }

        foreach (SyntaxNode escape in _escapes)
        {
            if (escape.SpanStart < call.SpanStart)
            {
                return true;
            }

            for (SyntaxNode? loop = call.Parent; loop is not null; loop = loop.Parent)
            {
                if (IsLoop(loop) && loop.Span.Contains(escape.Span))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsLoop(SyntaxNode node) =>
        node.RawKind is (int)Microsoft.CodeAnalysis.CSharp.SyntaxKind.ForStatement or (int)Microsoft.CodeAnalysis.CSharp.SyntaxKind.ForEachStatement or
            (int)Microsoft.CodeAnalysis.CSharp.SyntaxKind.ForEachVariableStatement or (int)Microsoft.CodeAnalysis.CSharp.SyntaxKind.WhileStatement or
            (int)Microsoft.CodeAnalysis.CSharp.SyntaxKind.DoStatement or (int)Microsoft.CodeAnalysis.CSharp.SyntaxKind.LabeledStatement;

    /// <summary>Computes the effects of the delegates created in <paramref name="root"/>.</summary>
    /// <param name="root">A body's whole operation tree.</param>
    /// <returns>The effects.</returns>
    public static DelegateEffects Of(IOperation root)
    {
        var converted = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        var bodies = new List<IOperation>();
        var escapes = ImmutableArray.CreateBuilder<SyntaxNode>();
        foreach (IOperation operation in root.DescendantsAndSelf())
        {
            switch (operation)
            {
                case IAnonymousFunctionOperation lambda:
                    bodies.Add(lambda);
                    break;
                case IMethodReferenceOperation { Method.MethodKind: MethodKind.LocalFunction } reference:
                    converted.Add(reference.Method.OriginalDefinition);
                    break;
                case IArgumentOperation argument when IsDelegate(argument.Value.Type):
                case IReturnOperation { ReturnedValue: { } returned } when IsDelegate(returned.Type):
                case IEventAssignmentOperation:
                case IAssignmentOperation assignment when IsDelegate(assignment.Value.Type) && assignment.Target is not ILocalReferenceOperation:
                case IDelegateCreationOperation creation when !StaysLocal(creation):
                case IConversionOperation conversion when IsDelegate(conversion.Operand.Type) && !IsDelegate(conversion.Type):
                    escapes.Add(operation.Syntax);
                    break;
            }
        }

        if (bodies.Count == 0 && converted.Count == 0)
        {
            return None;
        }

        foreach (IOperation operation in root.DescendantsAndSelf())
        {
            if (operation is ILocalFunctionOperation local && converted.Contains(local.Symbol.OriginalDefinition))
            {
                bodies.Add(local);
            }
        }

        var captured = ImmutableHashSet.CreateBuilder<ISymbol>(SymbolEqualityComparer.Default);
        var written = ImmutableHashSet.CreateBuilder<ISymbol>(SymbolEqualityComparer.Default);
        bool capturesThis = false;
        bool touchesStatics = false;
        foreach (IOperation body in bodies)
        {
            Microsoft.CodeAnalysis.Text.TextSpan span = body.Syntax.Span;
            foreach (IOperation operation in body.DescendantsAndSelf())
            {
                switch (operation)
                {
                    case ILocalReferenceOperation local when DeclaredOutside(local.Local, span):
                        captured.Add(local.Local);
                        break;
                    case IParameterReferenceOperation parameter when DeclaredOutside(parameter.Parameter, span):
                        captured.Add(parameter.Parameter);
                        break;
                    case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance }:
                        capturesThis = true;
                        break;
                    case IInvocationOperation:
                    case IObjectCreationOperation:
                        touchesStatics = true;
                        break;
                    case IAssignmentOperation { Target: IMemberReferenceOperation member }:
                        written.Add(member.Member);
                        touchesStatics |= member.Member.IsStatic;
                        break;
                    case IIncrementOrDecrementOperation { Target: IMemberReferenceOperation member }:
                        written.Add(member.Member);
                        touchesStatics |= member.Member.IsStatic;
                        break;
                }
            }
        }

        return new DelegateEffects(captured.ToImmutable(), capturesThis, touchesStatics, written.ToImmutable(), escapes.ToImmutable());
    }

    /// <summary>Whether a delegate run may change <paramref name="fact"/>.</summary>
    /// <param name="fact">A tracked path.</param>
    /// <returns>True when some delegate captures its root, writes one of its members, or may write statics.</returns>
    public bool Touches(AccessPath fact)
    {
        switch (fact.Kind)
        {
            case PathRoot.Local:
            case PathRoot.Parameter:
                if (fact.Root is not null && _captured.Contains(fact.Root))
                {
                    return true;
                }

                break;
            case PathRoot.This:
                if (_capturesThis)
                {
                    return true;
                }

                break;
            case PathRoot.Static:
                if (_touchesStatics)
                {
                    return true;
                }

                break;
        }

        foreach (ISymbol member in _written)
        {
            if (Aliasing.ContainsMemberOnCompatible(fact, member, member.ContainingType))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The state with what the body's delegates may change forgotten.</summary>
    /// <param name="state">The state.</param>
    /// <returns>The new state.</returns>
    public AbstractState Apply(AbstractState state)
    {
        // Reference copies the delegates may reassign (or whose copied variable they may) stop standing for it.
        state = FlowRun.Dissolve(state, (copy, referent) => _captured.Contains(copy) || referent.Kind == PathRoot.Static || referent.Members.Length > 0 ||
            (referent.Root is not null && _captured.Contains(referent.Root)));
        state = state.Forget(Touches);
        foreach (ISymbol symbol in _captured)
        {
            // A captured variable may have been made to hold another object.
            if (state.Fresh.ContainsKey(symbol))
            {
                state = state.WithFresh(symbol, symbol is IParameterSymbol ? -1 : 0);
            }
        }

        return state.Unbind(referent => referent.Members.Length > 0 && referent.Root is not null && _captured.Contains(referent.Root));
    }

    /// <summary>Whether a call that receives or invokes a value of this type hands a delegate over.</summary>
    /// <param name="type">The type.</param>
    /// <returns>True for delegate types, <c>System.Delegate</c>, <c>object</c> and type parameters.</returns>
    public static bool IsDelegate(ITypeSymbol? type) =>
        type is not null && (type.TypeKind is TypeKind.Delegate or TypeKind.TypeParameter ||
            type.SpecialType is SpecialType.System_Delegate or SpecialType.System_MulticastDelegate);

    private static bool StaysLocal(IDelegateCreationOperation creation)
    {
        IOperation? parent = creation.Parent;
        while (parent is IConversionOperation or IParenthesizedOperation)
        {
            parent = parent.Parent;
        }

        return parent is IVariableInitializerOperation or ISimpleAssignmentOperation { Target: ILocalReferenceOperation } or IInvocationOperation { Instance: not null };
    }

    private static bool DeclaredOutside(ISymbol symbol, Microsoft.CodeAnalysis.Text.TextSpan span) =>
        symbol.DeclaringSyntaxReferences.Any(reference => !span.Contains(reference.Span));
}
