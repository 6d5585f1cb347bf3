using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace KernelModel.Analyzers.CodeFixes;

/// <summary>
/// TLB001 "Require callers to flush": <c>[RequiresTableFlush]</c> on the enclosing method, with documentation
/// saying so, which moves the obligation to its callers. Not offered inside lambdas, local functions or
/// accessors, in a sync method itself, or on a method that already has the contract.
/// </summary>
internal sealed class RequireCallersToFlushFix : TextFix
{
    /// <inheritdoc />
    public override string EquivalenceKey => "TLB001.RequireCallersToFlush";

    /// <inheritdoc />
    public override Task<TextFixEdit?> ComputeAsync(FixDocument document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        InvocationExpressionSyntax? call = GuardedInvocation.At(document, diagnostic);
        BaseMethodDeclarationSyntax? declaration = call is null ? null : ContractAttributeEdit.Target(call);
        if (call is null || declaration is null ||
            document.Model.GetDeclaredSymbol(declaration, cancellationToken) is not IMethodSymbol method ||
            document.Model.GetSymbolInfo(call, cancellationToken).Symbol is not IMethodSymbol callee ||
            document.Session.Options.IsSyncMethod(method.Name) ||
            document.Session.Contracts.For(method).RequiresTableFlush)
        {
            return Task.FromResult<TextFixEdit?>(null);
        }

        string summary = $"Calls <c>{callee.Name}</c>, which relies on a preceding TLB flush that frees or unshares page tables.";
        string remarks = "Callers must have performed a TLB flush with freedTables or unsharedTables set before calling: " +
                         $"<c>{callee.Name}</c> relies on that flush having reached every CPU that may walk the page tables.";
        TextChange? documentation = DocumentationEdit.Add(document, declaration, summary, remarks);
        List<TextChange>? changes = ContractAttributeEdit.Add(document, declaration, "RequiresTableFlush", null, documentation);
        return Task.FromResult(changes is null
            ? null
            : new TextFixEdit($"Require callers of '{method.Name}' to flush", changes.ToImmutableArray()));
    }
}
