using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using KernelModel.AnalyzerShare;

// Usage (see docs/performance.md):
//   KernelModel.AnalyzerShare folder PATH --analyzers DIR [--name NAME] [--runs N] [--no-references] [--no-empty] [--define SYMBOL]...
//   KernelModel.AnalyzerShare keystroke SAMPLE-KERNEL --analyzers DIR [--edits N] [--memory-edits N] [--option KEY=VALUE]...
const string Usage =
    "usage: KernelModel.AnalyzerShare folder PATH --analyzers DIR [--name NAME] [--runs N] [--no-references] [--no-empty] [--define SYMBOL]\n" +
    "       KernelModel.AnalyzerShare keystroke SAMPLE-KERNEL --analyzers DIR [--edits N] [--memory-edits N] [--option KEY=VALUE]";

if (args.Length < 2)
{
    Console.Error.WriteLine(Usage);
    return 2;
}

string mode = args[0];
string path = Path.GetFullPath(args[1]);
string? analyzers = null;
string? name = null;
int runs = 4;
int edits = 40;
int memoryEdits = 0;
bool references = true;
bool empties = true;
var defines = new List<string>();
var options = new Dictionary<string, string>();
for (int i = 2; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
    switch (args[i])
    {
        case "--analyzers": analyzers = Next(); break;
        case "--name": name = Next(); break;
        case "--runs": runs = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--edits": edits = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--memory-edits": memoryEdits = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--no-references": references = false; break;
        case "--no-empty": empties = false; break;
        case "--define": defines.Add(Next()); break;
        case "--option":
            string[] pair = Next().Split('=', 2);
            options[pair[0]] = pair.Length == 2 ? pair[1] : "";
            break;
        default:
            Console.Error.WriteLine(Usage);
            return 2;
    }
}

if (analyzers is null)
{
    Console.Error.WriteLine(Usage);
    return 2;
}

var product = ProductAnalyzers.Load(Path.GetFullPath(analyzers));
switch (mode)
{
    case "folder":
        new FolderShare(product, path, name ?? Path.GetFileName(path), references, defines, Math.Max(runs, 2), empties).Run();
        return 0;
    case "keystroke":
        // SampleKernel.globalconfig's setting, unless the command line gives another.
        options.TryAdd("tlb_analysis.max_states", "32");
        new Keystrokes(product, path, edits, memoryEdits, ConfigOptions.Analyzer(options)).Run();
        return 0;
    default:
        Console.Error.WriteLine(Usage);
        return 2;
}
