using Microsoft.CodeAnalysis;

namespace KernelModel.Analyzers.Tests;

/// <summary>One source file of the sample kernel, read and parsed once.</summary>
/// <param name="RelativePath">Its path below sample-kernel/, with forward slashes; also the tree's path.</param>
/// <param name="Text">Its text as in the working tree.</param>
/// <param name="Tree">Its syntax tree.</param>
public sealed record SampleKernelFile(string RelativePath, string Text, SyntaxTree Tree)
{
    /// <inheritdoc />
    public override string ToString() => RelativePath;
}
