namespace KernelModel.Audit.Tests;

/// <summary>Colour only on a terminal, and never when NO_COLOR is set.</summary>
public sealed class ColourTests
{
    [Theory]
    [InlineData(false, null, true)]
    [InlineData(false, "", true)]
    [InlineData(false, "1", false)]
    [InlineData(true, null, false)]
    [InlineData(true, "1", false)]
    public void ColourNeedsATerminalAndNoNoColor(bool redirected, string? noColor, bool allowed) =>
        Assert.Equal(allowed, AuditConsole.ColourAllowed(redirected, noColor));
}
