namespace KernelModel.Analyzers.Tests;

/// <summary>A damaged version of one file, as met while typing: what was done to it, and the resulting text.</summary>
/// <param name="Description">Enough to reproduce it, for example <c>prefix of 1234 characters</c>.</param>
/// <param name="Text">The damaged text.</param>
public sealed record SourceVariant(string Description, string Text);
