using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace KernelModel.Analyzers.CodeFixes;

/// <summary>What one fix does to a document for one diagnostic: a title and text changes.</summary>
/// <param name="Title">The code action's title.</param>
/// <param name="Changes">The text changes, none overlapping.</param>
internal sealed record TextFixEdit(string Title, ImmutableArray<TextChange> Changes);

/// <summary>
/// One kind of fix, computed as text changes rather than syntax rewrites: the rest of the file — line endings,
/// indentation, comments — stays byte for byte as it was, and the changes of many diagnostics merge for Fix All.
/// </summary>
internal abstract class TextFix
{
    /// <summary>The equivalence key: the same for every diagnostic, so Fix All applies this fix everywhere.</summary>
    public abstract string EquivalenceKey { get; }

    /// <summary>
    /// Whether the fix changes what the code does at run time (SPEC §8). Such a fix is offered per site only, never
    /// in Fix All, so that no bulk tool applies it unseen.
    /// </summary>
    public virtual bool ChangesBehaviour => false;

    /// <summary>The edit for one diagnostic, or null when the fix does not apply to it.</summary>
    /// <param name="document">The document.</param>
    /// <param name="diagnostic">The diagnostic.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The edit, or null.</returns>
    public abstract Task<TextFixEdit?> ComputeAsync(FixDocument document, Diagnostic diagnostic, CancellationToken cancellationToken);
}
