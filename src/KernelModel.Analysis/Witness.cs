using System.Collections.Immutable;
using System.Globalization;
using System.IO;
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
    /// <returns>The witness.</returns>
    public static Witness Explain(AbstractState state, Requirement requirement, Location site, Tri conditionTruth = Tri.Unknown)
    {
        var steps = ImmutableArray.CreateBuilder<TraceEvent>();
        foreach (TraceEvent step in Trace.Recent(state.Trace))
        {
            steps.Insert(0, step);
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
                : step.Kind is TraceKind.NonQualifyingFlush or TraceKind.UnknownCall or TraceKind.CalleeDidNotFlush;
            if (relevant)
            {
                reason = step;
            }
        }

        reason ??= branch;

        var locations = ImmutableArray.CreateBuilder<Location>();
        string sentence = requirement switch
        {
            Requirement.Condition => ConditionSentence(reason, site, conditionTruth, locations),
            _ => FlushSentence(reason, site, requirement, locations),
        };

        if (locations.Count == 0 && EntryLocation(site) is Location entry)
        {
            // Nothing on the path explains it: the path starts where the body does.
            locations.Add(entry);
        }

        return new Witness(sentence, locations.ToImmutable(), steps.ToImmutable());
    }

    private static string FlushSentence(TraceEvent? reason, Location site, Requirement requirement, ImmutableArray<Location>.Builder locations)
    {
        if (reason is null)
        {
            return requirement == Requirement.FlushBeforeReturn ? "a path returns without one" : "no flush precedes it";
        }

        return Describe(reason, site, locations) + (reason.Kind == TraceKind.Branch ? " has none" : string.Empty);
    }

    private static string ConditionSentence(TraceEvent? reason, Location site, Tri truth, ImmutableArray<Location>.Builder locations)
    {
        string head = truth == Tri.False ? "it is false here" : "it is not known to hold here";
        if (reason is null)
        {
            return head;
        }

        return head + reason.Kind switch
        {
            TraceKind.Branch => ", on " + Describe(reason, site, locations),
            TraceKind.FlagWritten => $": '{reason.Text}' is set to {reason.Detail} at {Line(reason.Location, site, locations)}",
            _ => ", after " + Describe(reason, site, locations),
        };
    }

    private static string Describe(TraceEvent step, Location site, ImmutableArray<Location>.Builder locations)
    {
        string at = Line(step.Location, site, locations);
        return step.Kind switch
        {
            TraceKind.Branch => $"the path taken when '{step.Text}' is {(step.Taken ? "true" : "false")} at {at}",
            TraceKind.NonQualifyingFlush => $"the flush at {at} passes {step.Detail}",
            TraceKind.UnknownCall => $"the call '{step.Text}' at {at} is not known to flush and may change what it receives",
            TraceKind.CalleeDidNotFlush => $"'{step.Text}' at {at} does not flush on this path" +
                (step.Inner is null ? string.Empty : ": " + Describe(step.Inner, site, locations) + (step.Inner.Kind == TraceKind.Branch ? " has none" : string.Empty)),
            _ => $"'{step.Text}' at {at}",
        };
    }

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

    private static string Line(Location location, Location site, ImmutableArray<Location>.Builder locations)
    {
        FileLinePositionSpan span = location.GetLineSpan();
        string line = (span.StartLinePosition.Line + 1).ToString(CultureInfo.InvariantCulture);
        if (location.SourceTree is not null && location.SourceTree == site.SourceTree)
        {
            if (!locations.Contains(location))
            {
                locations.Add(location);
            }

            return "line " + line;
        }

        return $"line {line} of {Path.GetFileName(span.Path)}";
    }
}
