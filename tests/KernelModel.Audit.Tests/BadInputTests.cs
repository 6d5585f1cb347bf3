using System.IO;
using System.Threading.Tasks;

namespace KernelModel.Audit.Tests;

/// <summary>Every kind of bad input ends with exit code 2 and one line on stderr that says what is wrong, never a stack trace.</summary>
public sealed class BadInputTests
{
    public static TheoryData<string, string[], string> Cases => new()
    {
        { "missing path", ["no-such-project"], "tlb-audit: no-such-project does not exist" },
        { "not a project", ["notes.txt"], "tlb-audit: notes.txt is not a .sln, .csproj or folder" },
        { "folder without a project", ["empty"], "tlb-audit: empty holds no .sln or .csproj file" },
        { "folder with two solutions", ["twins"], "tlb-audit: twins holds 2 solutions (A.sln, B.sln); name one" },
        { "unknown format", ["--format", "xml"], "tlb-audit: unknown format 'xml': expected text, markdown, json, sarif or html" },
        { "unknown names", ["--names", "linux"], "tlb-audit: unknown --names 'linux': expected kernel, csharp or both" },
        { "unknown option", ["--verbose"], "tlb-audit: unknown option '--verbose' (see --help)" },
        { "option without value", ["--output"], "tlb-audit: --output needs a value" },
        { "several paths, one missing", ["b.csproj", "empty"], "tlb-audit: b.csproj does not exist" },
        { "output in a missing folder", ["empty", "--output", "nowhere/report.json"], "tlb-audit: cannot write nowhere/report.json: its folder does not exist" },
        { "no argument in a folder without a project", [], "tlb-audit: the current folder (" },
        { "output is a folder", ["empty", "--output", "empty"], "tlb-audit: cannot write empty: it is a folder; name a file" },
        { "baseline missing", ["empty", "--baseline", "old.sarif"], "tlb-audit: cannot read the baseline " },
        { "baseline not SARIF", ["empty", "--baseline", "notes.txt"], "tlb-audit: cannot read the baseline " },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task BadInputExitsTwoWithOneLine(string name, string[] args, string message)
    {
        using var folder = Inputs();
        AuditRun run = await AuditRun.StartAsync(folder.Path, args);

        Assert.True(run.ExitCode == 2, $"{name}: exit code {run.ExitCode}");
        Assert.Equal(string.Empty, run.Out);
        Assert.StartsWith(message, run.Error);
        Assert.EndsWith("\n", run.Error);
        Assert.Single(run.Error.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public async Task AnUnloadableProjectNamesTheProjectAndMSBuildsReason()
    {
        using var folder = Inputs();
        folder.Write("broken/Broken.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup>\n");

        AuditRun run = await AuditRun.StartAsync(folder.Path, "broken/Broken.csproj");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(string.Empty, run.Out);
        Assert.StartsWith("tlb-audit: cannot load Broken.csproj: ", run.Error);
        Assert.Contains("'Broken.csproj'", run.Error);
        Assert.DoesNotContain(folder.Path, run.Error);
        Assert.Contains("could not be loaded", run.Error);
        Assert.Single(run.Error.TrimEnd('\n').Split('\n'));
        Assert.DoesNotContain("   at ", run.Error);
    }

    [Fact]
    public async Task HelpDescribesTheCommandAndExitsZero()
    {
        using var folder = Inputs();
        AuditRun run = await AuditRun.StartAsync(folder.Path, "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("Usage: tlb-audit [PATH...] [--matrix] [--format text|markdown|json|sarif|html] [--output FILE]", run.Out);
        Assert.All(run.Out.Split('\n'), line => Assert.True(line.Length <= 100, line));
    }

    [Fact]
    public async Task VersionPrintsTheToolsVersionAndExitsZero()
    {
        using var folder = Inputs();
        AuditRun run = await AuditRun.StartAsync(folder.Path, "--version");

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"^tlb-audit \d+\.\d+\.\d+\n$", run.Out);
        Assert.Equal(string.Empty, run.Error);
    }

    [Fact]
    public async Task AnOutputFolderIsRejectedBeforeTheAnalysis()
    {
        // The project does not load; had the analysis run first, that would be the error.
        using var folder = Inputs();
        folder.Write("broken/Broken.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\">\n");

        AuditRun run = await AuditRun.StartAsync(folder.Path, "broken/Broken.csproj", "-o", "empty");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("tlb-audit: cannot write empty: it is a folder; name a file\n", run.Error);
    }

    [Fact]
    public async Task CtrlCExits130NotBadInput()
    {
        using var folder = Inputs();
        folder.Write("one/One.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />\n");
        using var cancel = new System.Threading.CancellationTokenSource();
        cancel.Cancel();

        AuditRun run = await AuditRun.StartAsync(folder.Path, cancel.Token, "one/One.csproj");

        Assert.Equal(130, run.ExitCode);
        Assert.Equal("tlb-audit: interrupted\n", run.Error);
    }

    private static TemporaryFolder Inputs()
    {
        var folder = new TemporaryFolder();
        folder.Write("notes.txt", "not a project");
        Directory.CreateDirectory(folder.Combine("empty"));
        folder.Write("twins/A.sln", string.Empty);
        folder.Write("twins/B.sln", string.Empty);
        return folder;
    }
}
