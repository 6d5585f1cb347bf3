namespace KernelModel.CorpusGenerator;

/// <summary>One source file of a generated corpus.</summary>
/// <param name="Path">Its path relative to the corpus project, with forward slashes.</param>
/// <param name="Text">Its text.</param>
public sealed record CorpusFile(string Path, string Text);
