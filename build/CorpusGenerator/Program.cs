using System;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using KernelModel.CorpusGenerator;

// Usage: KernelModel.CorpusGenerator --out DIR --analyzers DIR [--files N] [--guarded-share X]
//        [--violation-share X] [--seed S] [--no-guarded]
// Writes the corpus project to DIR (see CorpusProject) and prints one summary line.
const string Usage =
    "usage: KernelModel.CorpusGenerator --out DIR --analyzers DIR [--files N] [--guarded-share 0..1] " +
    "[--violation-share 0..1] [--seed S] [--no-guarded]";

var options = new CorpusOptions();
string? output = null;
string? analyzers = null;
try
{
    for (int i = 0; i < args.Length; i++)
    {
        string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
        switch (args[i])
        {
            case "--files":
                options = options with { Files = int.Parse(Next(), CultureInfo.InvariantCulture) };
                break;
            case "--guarded-share":
                options = options with { GuardedShare = double.Parse(Next(), CultureInfo.InvariantCulture) };
                break;
            case "--violation-share":
                options = options with { ViolationShare = double.Parse(Next(), CultureInfo.InvariantCulture) };
                break;
            case "--seed":
                options = options with { Seed = int.Parse(Next(), CultureInfo.InvariantCulture) };
                break;
            case "--no-guarded":
                options = options with { GuardedShare = 0 };
                break;
            case "--out":
                output = Next();
                break;
            case "--analyzers":
                analyzers = Next();
                break;
            default:
                throw new ArgumentException($"unknown argument '{args[i]}'");
        }
    }

    if (output is null || analyzers is null)
    {
        throw new ArgumentException("--out and --analyzers are required");
    }

    if (!File.Exists(Path.Combine(analyzers, "KernelModel.Analyzers.dll")))
    {
        throw new ArgumentException($"{analyzers} holds no KernelModel.Analyzers.dll; build analyzers/KernelModel.Analyzers first");
    }

    options = options.Validated();
}
catch (Exception exception) when (exception is ArgumentException or FormatException or OverflowException)
{
    Console.Error.WriteLine($"error: {exception.Message}");
    Console.Error.WriteLine(Usage);
    return 2;
}

ImmutableArray<CorpusFile> files = KernelModelCorpus.Generate(options);
CorpusProject.Write(output, files, analyzers);
int lines = files.Sum(file => file.Text.Count(c => c == '\n'));
int expected = KernelModelCorpus.Expectations(files).Length;
Console.WriteLine(string.Create(
    CultureInfo.InvariantCulture,
    $"{files.Length} files, {lines} lines, {expected} seeded violations -> {Path.GetFullPath(output)}"));
return 0;
