using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace KernelModel.Analyzers.Tests;

/// <summary>
/// The broken code an analyzer meets in the IDE: a file typed up to some point (a prefix), or a file with one
/// token missing or one token too many. All are deterministic, so a failure names a variant that can be replayed.
/// </summary>
public static class SourceDamage
{
    /// <summary>The file cut at <paramref name="count"/> evenly spaced points, from empty up to almost whole.</summary>
    /// <param name="text">The file.</param>
    /// <param name="count">How many prefixes.</param>
    /// <returns>The prefixes.</returns>
    public static IEnumerable<SourceVariant> Prefixes(string text, int count) =>
        Enumerable.Range(0, count)
            .Select(i => (int)((long)text.Length * i / count))
            .Distinct()
            .Select(cut => new SourceVariant($"prefix of {cut} of {text.Length} characters", text[..cut]));

    /// <summary>
    /// The file with one token deleted, <paramref name="count"/> times, each token picked at random among the
    /// non-empty tokens Roslyn's lexer found in it.
    /// </summary>
    /// <param name="tree">The parsed file.</param>
    /// <param name="count">How many variants.</param>
    /// <param name="seed">Seeds the choice; the same seed gives the same variants.</param>
    /// <returns>The variants.</returns>
    public static IEnumerable<SourceVariant> TokenDeletions(SyntaxTree tree, int count, int seed)
    {
        string text = tree.GetText().ToString();
        SyntaxToken[] tokens = tree.GetRoot().DescendantTokens().Where(token => token.Span.Length > 0).ToArray();
        if (tokens.Length == 0)
        {
            yield break;
        }

        var random = new Random(seed);
        for (int i = 0; i < count; i++)
        {
            SyntaxToken token = tokens[random.Next(tokens.Length)];
            int line = token.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
            yield return new SourceVariant(
                $"'{token.Text}' deleted at line {line} (seed {seed}, deletion {i})",
                text.Remove(token.SpanStart, token.Span.Length));
        }
    }

    /// <summary>
    /// The file with one token inserted, <paramref name="count"/> times: a token picked at random among the file's
    /// own tokens, put in front of another one picked at random, as a misplaced paste or a half-typed word would.
    /// </summary>
    /// <param name="tree">The parsed file.</param>
    /// <param name="count">How many variants.</param>
    /// <param name="seed">Seeds the choice; the same seed gives the same variants.</param>
    /// <returns>The variants.</returns>
    public static IEnumerable<SourceVariant> TokenInsertions(SyntaxTree tree, int count, int seed)
    {
        string text = tree.GetText().ToString();
        SyntaxToken[] tokens = tree.GetRoot().DescendantTokens().Where(token => token.Span.Length > 0).ToArray();
        if (tokens.Length == 0)
        {
            yield break;
        }

        var random = new Random(seed);
        for (int i = 0; i < count; i++)
        {
            SyntaxToken inserted = tokens[random.Next(tokens.Length)];
            SyntaxToken before = tokens[random.Next(tokens.Length)];
            int line = before.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
            yield return new SourceVariant(
                $"'{inserted.Text}' inserted before '{before.Text}' at line {line} (seed {seed}, insertion {i})",
                text.Insert(before.SpanStart, inserted.Text + " "));
        }
    }

    /// <summary>A seed that depends only on the file's path, stable across runs and machines (FNV-1a).</summary>
    /// <param name="path">The file's path.</param>
    /// <returns>The seed.</returns>
    public static int SeedFor(string path)
    {
        uint hash = 2166136261;
        foreach (char c in path)
        {
            hash = (hash ^ c) * 16777619;
        }

        return (int)(hash & int.MaxValue);
    }
}
