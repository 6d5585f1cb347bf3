using System.IO;

namespace KernelModel.Audit.Tests;

/// <summary>Progress is for a person at a terminal: one line that rewrites itself, and nothing at all on a pipe.</summary>
public sealed class ProgressTests
{
    [Fact]
    public void OnAPipeProgressWritesNothingButWarningsStill()
    {
        using var error = new StringWriter { NewLine = "\n" };
        var progress = new ProgressLine(error, enabled: false);
        progress.Show("[1/2] SampleKernel: 3/40 documents, 0 sites so far");
        progress.Clear();
        Assert.Equal(string.Empty, error.ToString());

        progress.Warn("not audited: Broken/Broken.csproj: no");
        Assert.Equal("tlb-audit: warning: not audited: Broken/Broken.csproj: no\n", error.ToString());
    }

    [Fact]
    public void OnATerminalTheLineRewritesItselfAndIsErasedAtTheEnd()
    {
        using var error = new StringWriter { NewLine = "\n" };
        var progress = new ProgressLine(error, enabled: true);
        const string First = "[1/2] SampleKernel: 3/40 documents, 0 sites so far";
        const string Second = "[2/2] Other: 1/2 documents, 17 sites so far";
        progress.Show(First);
        progress.Show(Second);
        Assert.Equal("\r" + First + "\r" + Second.PadRight(First.Length), error.ToString());
        progress.Clear();
        Assert.EndsWith("\r" + new string(' ', Second.Length) + "\r", error.ToString());
    }
}
