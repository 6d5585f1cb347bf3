namespace KernelModel.Audit;

/// <summary>How a report is rendered.</summary>
/// <param name="Colour">Whether text may use ANSI colour.</param>
/// <param name="Names">How functions are named.</param>
/// <param name="Matrix">Whether to print the site × configuration table first.</param>
internal sealed record RenderOptions(bool Colour = false, NameStyle Names = NameStyle.Both, bool Matrix = false)
{
    /// <summary>Plain text, both names, no matrix.</summary>
    public static RenderOptions Default { get; } = new();
}
