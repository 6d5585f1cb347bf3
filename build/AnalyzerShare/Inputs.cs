using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace KernelModel.AnalyzerShare;

/// <summary>Parsed sources and fresh compilations of them: no bound state carries over from one measurement to the next.</summary>
internal sealed class Inputs
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> _references = new(() =>
    {
        string runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        string packs = Path.GetFullPath(Path.Combine(runtime, "..", "..", "..", "packs", "Microsoft.NETCore.App.Ref"));
        string pack = Directory.GetDirectories(packs)
            .Where(folder => Path.GetFileName(folder).StartsWith($"{Environment.Version.Major}.", StringComparison.Ordinal))
            .OrderBy(folder => Version.TryParse(Path.GetFileName(folder).Split('-')[0], out Version? version) ? version : new Version())
            .Last();
        return Directory.GetFiles(Path.Combine(pack, "ref", $"net{Environment.Version.Major}.0"), "*.dll")
            .Select(file => (MetadataReference)MetadataReference.CreateFromFile(file))
            .ToImmutableArray();
    });

    private readonly ImmutableArray<MetadataReference> _metadata;
    private readonly ImmutableArray<ISourceGenerator> _generators;
    private readonly CSharpCompilationOptions _options;

    public Inputs(string folder, bool references, IEnumerable<string> defines, ImmutableArray<ISourceGenerator> generators, IEnumerable<string>? excluded = null, params string[] suppressed)
    {
        ParseOptions = new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.Parse, SourceCodeKind.Regular, defines);
        var skip = new HashSet<string>(excluded ?? [], StringComparer.Ordinal) { "bin", "obj" };
        Trees = Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(folder, file).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(relative => !relative.Split('/').Any(skip.Contains))
            .OrderBy(relative => relative, StringComparer.Ordinal)
            .Select(relative => CSharpSyntaxTree.ParseText(File.ReadAllText(Path.Combine(folder, relative)), ParseOptions, relative))
            .ToImmutableArray();
        Lines = Trees.Sum(tree => tree.GetText().Lines.Count);
        _metadata = references ? _references.Value : [];
        _generators = generators;
        _options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary)
            .WithConcurrentBuild(false)
            .WithAllowUnsafe(true)
            .WithNullableContextOptions(NullableContextOptions.Enable)
            .WithSpecificDiagnosticOptions(suppressed.ToDictionary(id => id, _ => ReportDiagnostic.Suppress));
    }

    public CSharpParseOptions ParseOptions { get; }

    public ImmutableArray<SyntaxTree> Trees { get; }

    public int Lines { get; }

    /// <summary>The same files parsed again into new trees (from the texts already read).</summary>
    public ImmutableArray<SyntaxTree> Reparsed() =>
        Trees.Select(tree => CSharpSyntaxTree.ParseText(tree.GetText(), ParseOptions, tree.FilePath)).ToImmutableArray();

    /// <summary>A new compilation of the trees (parsing is not repeated), with the generators' output added.</summary>
    public Compilation Fresh(IEnumerable<SyntaxTree>? trees = null)
    {
        Compilation compilation = CSharpCompilation.Create("Measured", trees ?? Trees, _metadata, _options);
        if (_generators.IsEmpty)
        {
            return compilation;
        }

        CSharpGeneratorDriver.Create(_generators, parseOptions: ParseOptions)
            .RunGeneratorsAndUpdateCompilation(compilation, out Compilation generated, out _);
        return generated;
    }
}

/// <summary>
/// Process CPU time, as the runtime reports it and as the kernel's process clock does (nanosecond resolution), and wall
/// time of one piece of work. The process clock is the figure other processes on a shared machine inflate least:
/// the driver's tasks run on pool threads, so no single thread's time would do.
/// </summary>
internal readonly record struct Cost(double CpuMs, double WallMs, double ClockMs)
{
    public static Cost Of(Action work)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var process = Process.GetCurrentProcess();
        TimeSpan cpu = process.TotalProcessorTime;
        double clock = ProcessClockMs();
        var wall = Stopwatch.StartNew();
        work();
        wall.Stop();
        clock = ProcessClockMs() - clock;
        process.Refresh();
        return new Cost((process.TotalProcessorTime - cpu).TotalMilliseconds, wall.Elapsed.TotalMilliseconds, clock);
    }

    /// <summary>The process's CPU time by the kernel's process clock (Linux <c>CLOCK_PROCESS_CPUTIME_ID</c>); NaN elsewhere.</summary>
    private static double ProcessClockMs()
    {
        if (!OperatingSystem.IsLinux())
        {
            return double.NaN;
        }

        return clock_gettime(2, out TimeSpec now) == 0 ? (now.Seconds * 1000.0) + (now.Nanoseconds / 1e6) : double.NaN;
    }

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
#pragma warning disable SA1300, IDE1006 // The C library's name.
    private static extern int clock_gettime(int clock, out TimeSpec time);
#pragma warning restore SA1300, IDE1006

    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}

internal static class Statistics
{
    public static double Median(this IEnumerable<double> values)
    {
        double[] sorted = values.OrderBy(value => value).ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
