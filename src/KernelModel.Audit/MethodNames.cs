using Microsoft.CodeAnalysis;

namespace KernelModel.Audit;

/// <summary>How the report names the method a site is in: its name, a local function's name, or the lambda's owner.</summary>
internal static class MethodNames
{
    /// <summary>The reader's name for <paramref name="method"/>.</summary>
    /// <param name="method">A method, accessor, constructor, local function or lambda.</param>
    /// <returns>The name.</returns>
    public static string Of(IMethodSymbol method) => method.MethodKind switch
    {
        MethodKind.AnonymousFunction => "lambda in " + (method.ContainingSymbol is IMethodSymbol owner ? Of(owner) : method.ContainingSymbol?.Name),
        MethodKind.LocalFunction => (method.ContainingSymbol is IMethodSymbol owner ? Of(owner) + "." : string.Empty) + method.Name,
        MethodKind.Constructor or MethodKind.StaticConstructor => method.ContainingType.Name,
        MethodKind.PropertyGet or MethodKind.PropertySet => (method.AssociatedSymbol?.Name ?? method.Name) + (method.MethodKind == MethodKind.PropertyGet ? ".get" : ".set"),
        _ => method.Name,
    };
}
