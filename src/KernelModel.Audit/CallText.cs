using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;

namespace KernelModel.Audit;

/// <summary>A call as the report shows it: its source text on one line, shortened only when very long.</summary>
internal static class CallText
{
    private const int MaxLength = 120;

    /// <summary>The text of the call at <paramref name="location"/>.</summary>
    /// <param name="location">The call's location.</param>
    /// <param name="fallback">The engine's text, used when the source is not at hand.</param>
    /// <returns>The text.</returns>
    public static string Of(Location location, string fallback)
    {
        string text = location.SourceTree?.GetText().ToString(location.SourceSpan) ?? fallback;
        text = Regex.Replace(text, @"\s+", " ");
        return text.Length > MaxLength ? text.Substring(0, MaxLength - 3) + "..." : text;
    }
}
