using System;
using System.Linq;
using KernelModel.Analysis.Contracts;

namespace KernelModel.Audit;

/// <summary>Explains the flag argument that made a flush primitive's call a table flush.</summary>
internal static class FlagArgument
{
    /// <summary>Why the flag argument is true at the primitive's call.</summary>
    /// <param name="detail">The engine's detail: <c>freedTables: tlb.FreedTables</c>.</param>
    /// <param name="enclosing">The contracts of the method the site is in, which may assume the flag on entry.</param>
    /// <param name="enclosingName">That method's name.</param>
    /// <returns>The explanation, or null when there is no detail.</returns>
    public static string? Explain(string? detail, MethodContracts enclosing, string enclosingName)
    {
        if (detail is null)
        {
            return null;
        }

        int colon = detail.IndexOf(':');
        string argument = colon < 0 ? detail : detail.Substring(colon + 1).Trim();
        if (argument == "true")
        {
            return "the constant true";
        }

        RequiredCondition? assumed = enclosing.Conditions.FirstOrDefault(c =>
            c.Condition is PathCondition path && argument.IndexOf(path.LastIdentifier, StringComparison.Ordinal) >= 0);
        return assumed is null
            ? $"'{argument}' is true in every state that reaches this call"
            : $"'{argument}' is true because {enclosingName} requires [RequiresCondition(\"{assumed.Condition.Text}\")] of its callers";
    }
}
