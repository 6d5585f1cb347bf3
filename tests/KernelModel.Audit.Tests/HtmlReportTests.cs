using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Xunit.Abstractions;

namespace KernelModel.Audit.Tests;

/// <summary>
/// The HTML report as a browser shows it: headless Chromium loads the single file, the test keeps its screenshot
/// (the path is in the test's output) and asserts on the text Chromium rendered. Chromium is required, never
/// skipped: .ci/run installs it.
/// </summary>
[Collection(RepositoryWorkspace.Name)]
public sealed class HtmlReportTests(ConfigurationProjects projects, ITestOutputHelper output)
{
    [Fact]
    public async Task ChromiumRendersTheMatrixTheProofsAndTheGraphs()
    {
        string html = projects.Render(ReportFormat.Html);
        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", string.Empty));

        string folder = Path.Combine(AppContext.BaseDirectory, "html-report");
        Directory.CreateDirectory(folder);
        string page = Path.Combine(folder, "report.html");
        File.WriteAllText(page, html);
        string screenshot = Path.Combine(folder, "report.png");
        File.Delete(screenshot);

        string chromium = Chromium();
        string[] common = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1280,1400"];
        ProcessRun shot = await ProcessRun.RunAsync(chromium, [.. common, "--screenshot=" + screenshot, new Uri(page).AbsoluteUri], folder, new Dictionary<string, string>());
        Assert.True(File.Exists(screenshot), shot.ToString());
        output.WriteLine("screenshot of the HTML report: " + screenshot);
        byte[] png = File.ReadAllBytes(screenshot);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png.Take(4));
        Assert.True(png.Length > 20_000, $"a {png.Length}-byte screenshot is too small to show the report");

        ProcessRun dom = await ProcessRun.RunAsync(chromium, [.. common, "--dump-dom", new Uri(page).AbsoluteUri], folder, new Dictionary<string, string>());
        Assert.True(dom.ExitCode == 0, dom.ToString());
        Assert.Contains("2 sites in 5 projects: 1 proved, 1 violation", dom.Out);
        Assert.Contains("<table id=\"matrix\">", dom.Out);
        Assert.Contains("<td class=\"not-compiled\">not compiled</td>", dom.Out);
        Assert.Contains("<td class=\"violated\">violated: ", dom.Out);
        Assert.Contains("<td class=\"proved\">safe: the sync sends its own IPI", dom.Out);

        // One drawn proof graph per verdict shown, the site's own box in it.
        int verdicts = projects.Report.Sites.Sum(s => s.Verdicts.Length);
        Assert.Equal(verdicts, dom.Out.Split("aria-label=\"proof graph\"").Length - 1);
        Assert.Contains("CollapseHugePage (collapse_huge_page): TlbRemoveTableSyncOne (tlb_remove_table_sync_one)", dom.Out);
    }

    private static string Chromium()
    {
        foreach (string name in new[] { "chromium", "chromium-browser", "google-chrome" })
        {
            foreach (string folder in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
            {
                string candidate = Path.Combine(folder, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new InvalidOperationException("headless Chromium is needed to check the HTML report: apt-get install -y chromium (.ci/run does)");
    }
}
