using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace KernelModel.Analyzers.Tests.Integration;

/// <summary>
/// The code fixes through the real tool (issues 4 and 13): a copy of the sample kernel in a temporary folder is
/// broken the way a careless patch would break it — the flush removed at two guarded sites, the doc comments of
/// two contract-carrying helpers deleted, the old caller-side broadcast check put back — with every TLB rule
/// raised to a warning. Neither <c>dotnet format analyzers --diagnostics TLB001</c> nor the everyday plain
/// <c>dotnet format</c> may insert a flush (SPEC §8: that fix changes behaviour and is offered per site only);
/// the fixes that change no behaviour — the contract, the documentation, the removed check — still apply in bulk,
/// and the rebuild still fails on the missing flush instead of hiding it.
/// </summary>
public sealed class FormatFixesSampleKernelTests(ITestOutputHelper output) : IDisposable
{
    private static readonly Regex _flushCall = new(@"^(?!\s*///).*\bFlushTlb\w*\s*\(", RegexOptions.Multiline);

    /// <summary>The default configuration's project, relative to the copied sample-kernel/ folder.</summary>
    private const string Project = "Configurations/X86_64/X86_64.csproj";

    private readonly string _folder = Directory.CreateTempSubdirectory("tlb-format-").FullName;

    [Fact]
    public void Dotnet_format_inserts_no_flush_and_applies_the_behaviour_preserving_fixes_in_bulk()
    {
        string kernel = CopySampleKernel();
        Break(kernel);
        Dictionary<string, int> flushesBefore = FlushCallsPerFile(kernel);
        Assert.True(Dotnet(kernel, "restore", Project).ExitCode == 0);

        ProcessResult tlb001 = Dotnet(kernel, "format", "analyzers", Project, "--diagnostics", "TLB001", "--no-restore");
        Assert.Equal(0, tlb001.ExitCode);
        Assert.Equal(flushesBefore, FlushCallsPerFile(kernel));
        string khugepaged = File.ReadAllText(Path.Combine(kernel, "Mm", "Khugepaged.cs"));
        Assert.Matches(new Regex(@"\[RequiresTableFlush\]\s+public static ScanResult CollapseHugePage\("), khugepaged);
        Assert.Matches(new Regex(@"\[RequiresTableFlush\]\s+public static ScanResult TryCollapsePteMappedThp\("), khugepaged);

        // Now the scenario that calls CollapseHugePage with an mm in scope has a TLB001 where a flush could go.
        ProcessResult plain = Dotnet(kernel, "format", Project, "--no-restore");
        Assert.Equal(0, plain.ExitCode);
        Assert.Equal(flushesBefore, FlushCallsPerFile(kernel));
        string tlb = File.ReadAllText(Path.Combine(kernel, "Include", "AsmGeneric", "Tlb.cs"));
        Assert.DoesNotContain("if (!TlbTableFlushImpliesIpiBroadcast())", tlb, StringComparison.Ordinal);
        Assert.Contains("TlbRemoveTableSyncOne();", tlb, StringComparison.Ordinal);
        string pgtable = File.ReadAllText(Path.Combine(kernel, "Include", "Linux", "Pgtable.cs"));
        Assert.Matches(new Regex(@"/// Callers must have performed a TLB flush[^\[]*\[RequiresTableFlush\][\s\S]*?public static void PmdpGetLocklessSync"), pgtable);

        ProcessResult build = Dotnet(kernel, "build", Project, "--no-restore");
        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains("TLB001", build.Output, StringComparison.Ordinal);
    }

    /// <summary>How many lines of code (not doc comments) call a <c>FlushTlb…</c> method, per file.</summary>
    private static Dictionary<string, int> FlushCallsPerFile(string kernel) =>
        Directory.EnumerateFiles(kernel, "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToDictionary(file => Path.GetRelativePath(kernel, file), file => _flushCall.Matches(File.ReadAllText(file)).Count);

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
        Edit(kernel, "Include/AsmGeneric/Tlb.cs",
            ("            TlbRemoveTableSyncOne();\n            tlb.FullyUnsharedTables = false;",
             "            if (!TlbTableFlushImpliesIpiBroadcast())\n            {\n                TlbRemoveTableSyncOne();\n            }\n\n            tlb.FullyUnsharedTables = false;"));
        DeleteDocumentation(kernel, "Include/Linux/Pgtable.cs", "    public static void PmdpGetLocklessSync()");
        DeleteDocumentation(kernel, "Mm/MmuGather.cs", "    public static void TlbRemoveTableOne(Ptdesc table)");
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

    /// <summary>
    /// Removes the <c>///</c> lines above <paramref name="declaration"/> and its attributes (which may sit in
    /// <c>#if</c> branches).
    /// </summary>
    private static void DeleteDocumentation(string kernel, string file, string declaration)
    {
        string path = Path.Combine(kernel, file);
        var lines = File.ReadAllLines(path).ToList();
        int at = lines.FindIndex(line => line.StartsWith(declaration, StringComparison.Ordinal));
        Assert.True(at > 0, $"{file} no longer declares {declaration.Trim()}");
        while (at > 0 && (lines[at - 1].StartsWith('#') || lines[at - 1].TrimStart().StartsWith('[')))
        {
            at--;
        }

        int top = at;
        while (top > 0 && lines[top - 1].TrimStart().StartsWith("///", StringComparison.Ordinal))
        {
            top--;
        }

        Assert.True(top < at, $"{declaration.Trim()} in {file} has no doc comment to delete");
        lines.RemoveRange(top, at - top);
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
    }
}
