using System;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace KernelModel.Analysis;

/// <summary>Which requirement a witness explains the failure of.</summary>
public enum Requirement
{
    /// <summary>A prior table flush (TLB001).</summary>
    Flush,

    /// <summary>A condition at a call (TLB002).</summary>
    Condition,

    /// <summary>A flush on every normal return (TLB005).</summary>
    FlushBeforeReturn,
}

/// <summary>One concrete path on which a requirement fails, in words, with the locations it mentions.</summary>
/// <param name="Sentence">The explanation, to follow "but" in a message.</param>
/// <param name="Locations">The locations the sentence mentions, most relevant first.</param>
/// <param name="Steps">The path's recorded steps, oldest first (for reports).</param>
public sealed record Witness(string Sentence, ImmutableArray<Location> Locations, ImmutableArray<TraceEvent> Steps)
{
    /// <summary>Explains why <paramref name="state"/> fails <paramref name="requirement"/> at <paramref name="site"/>.</summary>
    /// <param name="state">The failing state.</param>
    /// <param name="requirement">The requirement.</param>
    /// <param name="site">Where the requirement is checked; line numbers in other files name the file.</param>
    /// <param name="conditionTruth">For a condition, its value in the state.</param>
    /// <param name="projectDirectory">
    /// The project's directory, to name other files by their path below it; when unknown, below the deepest directory
    /// they share with the site's file.
    /// </param>
    /// <returns>The witness.</returns>
    public static Witness Explain(AbstractState state, Requirement requirement, Location site, Tri conditionTruth = Tri.Unknown, string? projectDirectory = null)
    {
        var steps = ImmutableArray.CreateBuilder<TraceEvent>();
        foreach (TraceEvent step in Trace.Recent(state.Trace))
        {
            steps.Insert(0, step);
        }

        if (requirement != Requirement.Condition)
        {
            DropUnrelatedFlagWrites(steps);
        }

        // The most recent step that explains the failure; a flush that did not qualify (or a call that might
        // have flushed) explains a missing flush better than the branch that led past it.
        TraceEvent? reason = null;
        TraceEvent? branch = null;
        for (int i = steps.Count - 1; i >= 0 && reason is null; i--)
        {
            TraceEvent step = steps[i];
            if (step.Kind == TraceKind.Branch)
            {
                branch ??= step;
                continue;
            }

            bool relevant = requirement == Requirement.Condition
                ? step.Kind is TraceKind.FlagWritten or TraceKind.UnknownCall
                : step.Kind is TraceKind.NonQualifyingFlush or TraceKind.UnknownCall or TraceKind.CalleeDidNotFlush or TraceKind.ConditionalFlush;
            if (relevant)
            {
                reason = step;
            }
        }

        reason ??= branch;

        var locations = ImmutableArray.CreateBuilder<Location>();
        var lines = new Lines(site, projectDirectory, locations, requirement);
        string sentence = requirement switch
        {
            Requirement.Condition => ConditionSentence(reason, lines, conditionTruth),
            _ => FlushSentence(reason, lines, requirement),
        };

        if (steps.FirstOrDefault(s => s.Kind == TraceKind.Construction) is TraceEvent construction)
        {
            // A field or property initializer: the path starts in the constructor that runs it.
            sentence += $", {construction.Detail} '{construction.Text}'" +
                (construction.Location.IsInSource ? $" at {lines.At(construction.Location)}" : string.Empty);
        }

        if (locations.Count == 0 && EntryLocation(site) is Location entry)
        {
            // Nothing on the path explains it: the path starts where the body does.
            locations.Add(entry);
        }

        return new Witness(sentence, locations.ToImmutable(), steps.ToImmutable());
    }

    /// <summary>
    /// Drops the flag writes that cannot explain a missing flush: a write matters only when a later step of the path
    /// reads the flag it wrote (a flush passing it, a branch on it). A write to another gather's flag, or to one
    /// nothing read afterwards, is noise in the path a reviewer reads.
    /// </summary>
    private static void DropUnrelatedFlagWrites(ImmutableArray<TraceEvent>.Builder steps)
    {
        for (int i = steps.Count - 1; i >= 0; i--)
        {
            if (steps[i].Kind != TraceKind.FlagWritten)
            {
                continue;
            }

            string written = steps[i].Text;
            bool read = false;
            for (int j = i + 1; j < steps.Count && !read; j++)
            {
                read = steps[j].Kind != TraceKind.FlagWritten && Mentions(steps[j], written);
            }

            if (!read)
            {
                steps.RemoveAt(i);
            }
        }
    }

    private static bool Mentions(TraceEvent step, string path) =>
        MentionsPath(step.Text, path) || MentionsPath(step.Detail, path) || (step.Inner is not null && Mentions(step.Inner, path));

    /// <summary>Whether <paramref name="text"/> names <paramref name="path"/> itself, not a longer path ending in it (<c>tlb.FreedTables</c> in <c>b.FreedTables</c>).</summary>
    private static bool MentionsPath(string? text, string path)
    {
        if (text is null)
        {
            return false;
        }

        for (int at = text.IndexOf(path, StringComparison.Ordinal); at >= 0; at = text.IndexOf(path, at + 1, StringComparison.Ordinal))
        {
            bool startsName = at == 0 || !(char.IsLetterOrDigit(text[at - 1]) || text[at - 1] is '_' or '.' or '@');
            int end = at + path.Length;
            bool endsName = end == text.Length || !(char.IsLetterOrDigit(text[end]) || text[end] == '_');
            if (startsName && endsName)
            {
                return true;
            }
        }

        return false;
    }

    private static string FlushSentence(TraceEvent? reason, Lines lines, Requirement requirement)
    {
        if (reason is null)
        {
            return requirement == Requirement.FlushBeforeReturn ? "a path returns without one" : "no flush precedes it";
        }

        return Describe(reason, lines) + (reason.Kind == TraceKind.Branch ? " has none" : string.Empty);
    }

    private static string ConditionSentence(TraceEvent? reason, Lines lines, Tri truth)
    {
        string head = truth == Tri.False ? "it is false here" : "it is not known to hold here";
        if (reason is null)
        {
            return head;
        }

        return head + reason.Kind switch
        {
            TraceKind.Branch => ", on " + Describe(reason, lines),
            TraceKind.FlagWritten => $": '{reason.Text}' is set to {reason.Detail} at {lines.At(reason.Location)}",
            _ => ", after " + Describe(reason, lines),
        };
    }

    private static string Describe(TraceEvent step, Lines lines)
    {
        string at = lines.At(step.Location);
        return step.Kind switch
        {
            TraceKind.Branch => $"the path taken when '{step.Text}' is {(step.Taken ? "true" : "false")} at {at}",
            TraceKind.NonQualifyingFlush => $"the flush at {at} passes {step.Detail}",
            TraceKind.UnknownCall when lines.Requirement == Requirement.Condition && step.Detail is string assembly && assembly.StartsWith(UnseenPrefix, StringComparison.Ordinal) =>
                $"the call '{step.Text}' at {at}, which cannot be seen into ({assembly}) and may change what it receives",
            TraceKind.UnknownCall when step.Detail is string assembly && assembly.StartsWith(UnseenPrefix, StringComparison.Ordinal) =>
                $"the call '{step.Text}' at {at} cannot be seen into ({assembly}): mark the method " +
                "[EnsuresTableFlush] in its project (or [EnsuresTableFlush(When = \"...\")] when it flushes only for some arguments) " +
                "so that its flush counts here",
            TraceKind.UnknownCall => $"the call '{step.Text}' at {at} is not known to flush and may change what it receives",
            TraceKind.ConditionalFlush => $"'{step.Text}' at {at} promises its flush only when {step.Detail}",
            TraceKind.CalleeDidNotFlush when step.Inner is { Kind: TraceKind.NonQualifyingFlush } flush =>
                $"'{step.Text}' at {at} flushes the TLB but frees/unshares no page tables: {Describe(flush, lines)}",
            TraceKind.CalleeDidNotFlush => $"'{step.Text}' at {at} does not flush on this path" +
                (step.Inner is null ? string.Empty : ": " + Describe(step.Inner, lines) + (step.Inner.Kind == TraceKind.Branch ? " has none" : string.Empty)),
            _ => $"'{step.Text}' at {at}",
        };
    }

    /// <summary>
    /// How an unknown call's detail says that the callee is compiled in another assembly, followed by where: the
    /// engine records it so, and the witness then says what would make the call count.
    /// </summary>
    public const string UnseenPrefix = "compiled in ";

    /// <summary>Where the body containing <paramref name="site"/> starts: its name, or a lambda's arrow.</summary>
    private static Location? EntryLocation(Location site)
    {
        SyntaxNode? node = site.SourceTree?.GetRoot().FindNode(site.SourceSpan, getInnermostNodeForTie: true);
        for (; node is not null; node = node.Parent)
        {
            switch (node)
            {
                case LocalFunctionStatementSyntax local:
                    return local.Identifier.GetLocation();
                case LambdaExpressionSyntax lambda:
                    return lambda.ArrowToken.GetLocation();
                case AnonymousMethodExpressionSyntax anonymous:
                    return anonymous.DelegateKeyword.GetLocation();
                case MethodDeclarationSyntax method:
                    return method.Identifier.GetLocation();
                case ConstructorDeclarationSyntax constructor:
                    return constructor.Identifier.GetLocation();
                case AccessorDeclarationSyntax accessor:
                    return accessor.Keyword.GetLocation();
                case PropertyDeclarationSyntax property:
                    return property.Identifier.GetLocation();
                case BaseMethodDeclarationSyntax other:
                    return other.GetFirstToken().GetLocation();
            }
        }

        return null;
    }

    /// <summary>Names the lines a witness mentions, relative to the site, and collects them as additional locations.</summary>
    private sealed class Lines(Location site, string? projectDirectory, ImmutableArray<Location>.Builder locations, Requirement requirement)
    {
        public Requirement Requirement { get; } = requirement;

        public string At(Location location)
        {
            FileLinePositionSpan span = location.GetLineSpan();
            string line = "line " + (span.StartLinePosition.Line + 1).ToString(CultureInfo.InvariantCulture);
            if (location.IsInSource && !locations.Contains(location))
            {
                locations.Add(location);
            }

            if (location.SourceTree is not null && location.SourceTree == site.SourceTree)
            {
                return line;
            }

            return $"{line} of {RelativePath(span.Path, site.GetLineSpan().Path, projectDirectory)}";
        }
    }

    /// <summary>
    /// <paramref name="path"/> below <paramref name="projectDirectory"/> when it lies there, else below the deepest
    /// directory it shares with <paramref name="sitePath"/> (so <c>Arch/X86/Mm/Tlb.cs</c>, not the ambiguous <c>Tlb.cs</c>).
    /// </summary>
    /// <param name="path">The file to name.</param>
    /// <param name="sitePath">The file the diagnostic is in.</param>
    /// <param name="projectDirectory">The project's directory, when known.</param>
    /// <returns>The path, with forward slashes.</returns>
    public static string RelativePath(string? path, string? sitePath, string? projectDirectory)
    {
        if (string.IsNullOrEmpty(path))
        {
            return string.Empty;
        }

        string normalized = path!.Replace('\\', '/');
        string? root = projectDirectory?.Replace('\\', '/').TrimEnd('/');
        if (string.IsNullOrEmpty(root) || !normalized.StartsWith(root + "/", StringComparison.OrdinalIgnoreCase))
        {
            root = CommonDirectory(normalized, (sitePath ?? string.Empty).Replace('\\', '/'));
        }

        return string.IsNullOrEmpty(root) ? normalized : normalized.Substring(root!.Length + 1);
    }

    private static string? CommonDirectory(string a, string b)
    {
        int shared = -1;
        for (int i = 0; i < a.Length && i < b.Length && a[i] == b[i]; i++)
        {
            if (a[i] == '/')
            {
                shared = i;
            }
        }

        return shared < 0 ? null : a.Substring(0, shared);
    }
}
