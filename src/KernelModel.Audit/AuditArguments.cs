using System;
using System.Collections.Generic;
using System.Collections.Immutable;

namespace KernelModel.Audit;

/// <summary>The command line (see <see cref="Usage"/>).</summary>
internal sealed record AuditArguments
{
    /// <summary>The usage text of <c>--help</c>.</summary>
    public const string Usage = """
        Usage: tlb-audit [PATH...] [--matrix] [--format text|markdown|json|sarif|html] [--output FILE]
                         [--violations-only] [--path TEXT] [--baseline FILE] [--names kernel|csharp|both]
                         [--all-projects]

        Prints, for every guarded call site (sync methods, [RequiresTableFlush] and [RequiresCondition]
        methods), the proof that it is safe or the path on which it is not.

          PATH               a .sln, .csproj or folder (default: the solution or project in the current
                             folder, as dotnet build finds it); several paths audit several projects
          --matrix, -m       one table of every guarded site against every configuration (project) that
                             shares its source: proved and by what, not compiled, or violated; with a
                             folder, every .csproj under it is a configuration
          --format, -f       text (default), markdown, json, sarif or html
          --output, -o FILE  write the report to FILE instead of standard output
          --violations-only  show only sites that are not proved
          --path TEXT        show only sites whose file path contains TEXT (repeatable)
          --baseline FILE    show only sites whose verdict is new or changed since FILE, an earlier
                             SARIF report of this tool
          --names NAMES      name functions as the kernel does (kernel), as the C# port does (csharp), or
                             both (default)
          --all-projects     audit every project, not only those that use the KernelModel analyzers
          --version          print the version
          --help, -h         show this help

        Exit codes: 0 every site proved, 1 a site is not proved, 2 bad input (nothing could be audited),
        130 interrupted.
        """;

    /// <summary>The .sln, .csproj or folder paths; empty for the current folder.</summary>
    public ImmutableArray<string> Paths { get; init; } = ImmutableArray<string>.Empty;

    /// <summary>The output format.</summary>
    public ReportFormat Format { get; init; } = ReportFormat.Text;

    /// <summary>The file to write the report to, or null for stdout.</summary>
    public string? Output { get; init; }

    /// <summary>Whether help was asked for.</summary>
    public bool Help { get; init; }

    /// <summary>Whether the version was asked for.</summary>
    public bool Version { get; init; }

    /// <summary>Whether to print the site × configuration matrix.</summary>
    public bool Matrix { get; init; }

    /// <summary>Whether to audit projects that do not use the analyzers too.</summary>
    public bool AllProjects { get; init; }

    /// <summary>Which sites to show.</summary>
    public SiteFilter Filter { get; init; } = SiteFilter.None;

    /// <summary>The SARIF report to compare with, or null.</summary>
    public string? Baseline { get; init; }

    /// <summary>How functions are named.</summary>
    public NameStyle Names { get; init; } = NameStyle.Both;

    /// <summary>Parses the command line.</summary>
    /// <param name="args">The arguments.</param>
    /// <returns>The parsed arguments.</returns>
    /// <exception cref="AuditInputException">An unknown option or a missing or bad value.</exception>
    public static AuditArguments Parse(IReadOnlyList<string> args)
    {
        var result = new AuditArguments();
        var paths = ImmutableArray.CreateBuilder<string>();
        var pathFilters = ImmutableArray.CreateBuilder<string>();
        bool violationsOnly = false;
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            string? inline = null;
            int equals = arg.IndexOf('=');
            if (arg.StartsWith("--", StringComparison.Ordinal) && equals > 0)
            {
                inline = arg.Substring(equals + 1);
                arg = arg.Substring(0, equals);
            }

            switch (arg)
            {
                case "--help" or "-h" or "-?":
                    result = result with { Help = true };
                    break;
                case "--version":
                    result = result with { Version = true };
                    break;
                case "--matrix" or "-m":
                    result = result with { Matrix = true };
                    break;
                case "--all-projects":
                    result = result with { AllProjects = true };
                    break;
                case "--violations-only":
                    violationsOnly = true;
                    break;
                case "--path":
                    pathFilters.Add(inline ?? Value(args, ref i, arg));
                    break;
                case "--baseline":
                    result = result with { Baseline = inline ?? Value(args, ref i, arg) };
                    break;
                case "--names":
                    result = result with { Names = ParseNames(inline ?? Value(args, ref i, arg)) };
                    break;
                case "--format" or "-f":
                    result = result with { Format = ParseFormat(inline ?? Value(args, ref i, arg)) };
                    break;
                case "--output" or "-o":
                    result = result with { Output = inline ?? Value(args, ref i, arg) };
                    break;
                default:
                    if (arg.StartsWith('-') && arg.Length > 1)
                    {
                        throw new AuditInputException($"unknown option '{args[i]}' (see --help)");
                    }

                    paths.Add(arg);
                    break;
            }
        }

        return result with { Paths = paths.ToImmutable(), Filter = new SiteFilter(violationsOnly, pathFilters.ToImmutable()) };
    }

    private static string Value(IReadOnlyList<string> args, ref int i, string option)
    {
        if (i + 1 >= args.Count || string.IsNullOrWhiteSpace(args[i + 1]))
        {
            throw new AuditInputException($"{option} needs a value");
        }

        return args[++i];
    }

    private static ReportFormat ParseFormat(string value) => value.ToLowerInvariant() switch
    {
        "text" => ReportFormat.Text,
        "markdown" or "md" => ReportFormat.Markdown,
        "json" => ReportFormat.Json,
        "sarif" => ReportFormat.Sarif,
        "html" => ReportFormat.Html,
        _ => throw new AuditInputException($"unknown format '{value}': expected text, markdown, json, sarif or html"),
    };

    private static NameStyle ParseNames(string value) => value.ToLowerInvariant() switch
    {
        "kernel" => NameStyle.Kernel,
        "csharp" or "c#" => NameStyle.CSharp,
        "both" => NameStyle.Both,
        _ => throw new AuditInputException($"unknown --names '{value}': expected kernel, csharp or both"),
    };
}
