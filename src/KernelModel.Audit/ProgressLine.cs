using System.IO;

namespace KernelModel.Audit;

/// <summary>
/// One self-overwriting status line on stderr while loading and analysing, shown only when stderr is a
/// terminal; warnings are always written, on their own lines.
/// </summary>
/// <param name="error">Standard error.</param>
/// <param name="enabled">Whether stderr is a terminal.</param>
internal sealed class ProgressLine(TextWriter error, bool enabled)
{
    private int _width;

    /// <summary>Shows a step.</summary>
    /// <param name="text">The step.</param>
    public void Show(string text)
    {
        if (!enabled)
        {
            return;
        }

        string line = text.Length > 100 ? text.Substring(0, 97) + "..." : text;
        error.Write("\r" + line.PadRight(_width));
        _width = line.Length;
        error.Flush();
    }

    /// <summary>Writes a warning on its own line.</summary>
    /// <param name="text">The warning.</param>
    public void Warn(string text)
    {
        Clear();
        error.WriteLine("tlb-audit: warning: " + text);
    }

    /// <summary>Removes the status line.</summary>
    public void Clear()
    {
        if (enabled && _width > 0)
        {
            error.Write("\r" + new string(' ', _width) + "\r");
            error.Flush();
            _width = 0;
        }
    }
}
