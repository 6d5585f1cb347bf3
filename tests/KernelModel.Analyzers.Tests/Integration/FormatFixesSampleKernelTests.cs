using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace KernelModel.Analyzers.Tests.Integration;

/// <summary>
/// The code fixes through the real tool (issue 4): a copy of the sample kernel in a temporary folder is broken
/// the way a careless patch would break it — the flush removed at two guarded sites, the doc comments of two
/// contract-carrying helpers deleted, the old caller-side broadcast check put back — then
/// <c>dotnet format analyzers --diagnostics TLB001 TLB003 TLB004</c> repairs it, and <c>dotnet build</c>, with every
/// TLB rule raised to a warning and warnings as errors, must succeed with the inserted flushes compiled as real calls.
/// </summary>
public sealed class FormatFixesSampleKernelTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tlb-format-").FullName;

    [Fact]
    public void Dotnet_format_repairs_a_broken_sample_kernel_which_then_builds_without_TLB_diagnostics()
    {
        string kernel = CopySampleKernel();
        Break(kernel);

        ProcessResult broken = Dotnet(kernel, "build", "SampleKernel.csproj");
        Assert.NotEqual(0, broken.ExitCode);
        Assert.Contains("TLB001", broken.Output, StringComparison.Ordinal);

        ProcessResult format = Dotnet(
            kernel, "format", "analyzers", "SampleKernel.csproj", "--diagnostics", "TLB001", "TLB003", "TLB004", "--severity", "info", "--no-restore");
        Assert.Equal(0, format.ExitCode);

        string khugepaged = File.ReadAllText(Path.Combine(kernel, "Mm", "Khugepaged.cs"));
        Assert.Matches(new Regex(@"FlushTlbMm\(mm\);\s+TlbRemoveTableSyncOne\(\);"), khugepaged);
        Assert.Matches(new Regex(@"FlushTlbMm\(mm\);\s+PmdpGetLocklessSync\(\);"), khugepaged);
        string mmuGather = File.ReadAllText(Path.Combine(kernel, "Mm", "MmuGather.cs"));
        Assert.DoesNotContain("if (!TlbTableFlushImpliesIpiBroadcast())", mmuGather, StringComparison.Ordinal);
        Assert.Contains("TlbRemoveTableSyncOne();", mmuGather, StringComparison.Ordinal);
        string pgtable = File.ReadAllText(Path.Combine(kernel, "Include", "Linux", "Pgtable.cs"));
        Assert.Matches(new Regex(@"/// Callers must have performed a TLB flush[^\[]*\[RequiresTableFlush\]\s+public static void PmdpGetLocklessSync"), pgtable);

        ProcessResult build = Dotnet(kernel, "build", "SampleKernel.csproj", "--no-restore");
        Assert.Equal(0, build.ExitCode);
        Assert.DoesNotContain("TLB0", build.Output, StringComparison.Ordinal);
    }

    /// <summary>Runs dotnet in the kernel's folder with the test folder's own package cache, and logs the transcript.</summary>
    private ProcessResult Dotnet(string folder, params string[] arguments)
    {
        ProcessResult result = DotnetCommand.Run(folder, arguments, new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(_folder, ".nuget-packages") });
        output.WriteLine(result.ToString());
        return result;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A build server may still hold a file for a moment; the folder is in the temp area either way.
        }
    }

    /// <summary>
    /// Copies the repository's build settings and the sample kernel, with the built analyzer, engine and code
    /// fix assemblies (next to this test) as its analyzers, as the package would supply them.
    /// </summary>
    private string CopySampleKernel()
    {
        foreach (string file in new[] { "Directory.Build.props", "Directory.Packages.props", "global.json", ".editorconfig" })
        {
            File.Copy(RepositoryRoot.Combine(file), Path.Combine(_folder, file));
        }

        // Every TLB rule as a warning, so that warnings-as-errors turns any remaining one into a failed build.
        File.AppendAllText(Path.Combine(_folder, ".editorconfig"),
            "\n[*.cs]\n" + string.Concat(Enumerable.Range(0, 7).Select(i => $"dotnet_diagnostic.TLB00{i}.severity = warning\n")));

        string source = RepositoryRoot.Combine(SampleKernelSources.Folder);
        string target = Path.Combine(_folder, SampleKernelSources.Folder);
        foreach (string file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(source, file);
            string first = relative.Split(Path.DirectorySeparatorChar)[0];
            if (first is "Run" or "Linux70TlbFlush" or "bin" or "obj")
            {
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(target, relative))!);
            File.Copy(file, Path.Combine(target, relative));
        }

        string analyzers = string.Concat(
            new[] { "KernelModel.Analysis.dll", "KernelModel.Analyzers.dll", "KernelModel.Analyzers.CodeFixes.dll" }
                .Select(dll => $"    <Analyzer Include=\"{Path.Combine(AppContext.BaseDirectory, dll)}\" />\n"));
        string props = Path.Combine(target, "SampleKernel.props");
        string text = File.ReadAllText(props);
        int start = text.IndexOf("  <ItemGroup>", text.IndexOf("ProjectReference", StringComparison.Ordinal) - 200, StringComparison.Ordinal);
        int end = text.IndexOf("</ItemGroup>", start, StringComparison.Ordinal) + "</ItemGroup>".Length;
        File.WriteAllText(props, text[..start] + "  <ItemGroup>\n" + analyzers + "  </ItemGroup>" + text[end..]);
        return target;
    }

    /// <summary>The careless patch.</summary>
    private static void Break(string kernel)
    {
        Edit(kernel, "Mm/Khugepaged.cs",
            ("Pmd oldPmd = PmdpCollapseFlush(vma!, address, pmd);", "Pmd oldPmd = pmd.Get();\n        pmd.Set(Pmd.None);"),
            ("pgtPmd = PmdpCollapseFlush(vma, haddr, pmd);", "pgtPmd = pmd.Get();\n        pmd.Set(Pmd.None);"));
        Edit(kernel, "Mm/MmuGather.cs",
            ("        TlbRemoveTableSyncOne();\n        if (KernelConfig.TableFreeSyncRcu)",
             "        if (!TlbTableFlushImpliesIpiBroadcast())\n        {\n            TlbRemoveTableSyncOne();\n        }\n\n        if (KernelConfig.TableFreeSyncRcu)"));
        DeleteDocumentation(kernel, "Include/Linux/Pgtable.cs", "    [RequiresTableFlush]\n    public static void PmdpGetLocklessSync()");
        DeleteDocumentation(kernel, "Mm/MmuGather.cs", "    [RequiresTableFlush]\n    public static void TlbRemoveTableOne(Ptdesc table)");
    }

    private static void Edit(string kernel, string file, params (string Old, string New)[] edits)
    {
        string path = Path.Combine(kernel, file);
        string text = File.ReadAllText(path);
        foreach ((string old, string replacement) in edits)
        {
            Assert.True(text.Contains(old, StringComparison.Ordinal), $"{file} no longer contains the code this test breaks: {old}");
            text = text.Replace(old, replacement, StringComparison.Ordinal);
        }

        File.WriteAllText(path, text);
    }

    /// <summary>Removes the <c>///</c> lines right above <paramref name="declaration"/>.</summary>
    private static void DeleteDocumentation(string kernel, string file, string declaration)
    {
        string path = Path.Combine(kernel, file);
        var lines = File.ReadAllLines(path).ToList();
        string firstLine = declaration.Split('\n')[0];
        string secondLine = declaration.Split('\n')[1];
        int at = -1;
        for (int i = 0; i + 1 < lines.Count; i++)
        {
            if (lines[i] == firstLine && lines[i + 1].StartsWith(secondLine, StringComparison.Ordinal))
            {
                at = i;
                break;
            }
        }

        Assert.True(at > 0, $"{file} no longer declares {secondLine.Trim()}");
        int top = at;
        while (top > 0 && lines[top - 1].TrimStart().StartsWith("///", StringComparison.Ordinal))
        {
            top--;
        }

        Assert.True(top < at, $"{secondLine.Trim()} in {file} has no doc comment to delete");
        lines.RemoveRange(top, at - top);
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
    }
}
