using System;
using System.Collections.Generic;

namespace KernelModel.Audit;

/// <summary>The command line: <c>tlb-audit [PATH] [--format text|markdown|json|sarif] [--output FILE]</c>.</summary>
/// <param name="Path">The .sln, .csproj or folder, or null for the sample kernel.</param>
/// <param name="Format">The output format.</param>
/// <param name="Output">The file to write the report to, or null for stdout.</param>
/// <param name="Help">Whether help was asked for.</param>
internal sealed record AuditArguments(string? Path, ReportFormat Format, string? Output, bool Help)
{
    /// <summary>The usage text of <c>--help</c>.</summary>
    public const string Usage = """
        Usage: tlb-audit [PATH] [--format text|markdown|json|sarif] [--output FILE]

        Prints, for every guarded call site (sync methods, [RequiresTableFlush] and [RequiresCondition]
        methods), the proof that it is safe or the path on which it is not.

          PATH               a .sln, .csproj or folder (default: the repository's sample-kernel/SampleKernel.csproj)
          --format, -f       text (default), markdown, json or sarif
          --output, -o FILE  write the report to FILE instead of standard output
          --help, -h         show this help

        Exit codes: 0 every site proved, 1 a site is not proved, 2 bad input.
        """;

    /// <summary>Parses the command line.</summary>
    /// <param name="args">The arguments.</param>
    /// <returns>The parsed arguments.</returns>
    /// <exception cref="AuditInputException">An unknown option, a missing or bad value, or a second path.</exception>
    public static AuditArguments Parse(IReadOnlyList<string> args)
    {
        string? path = null;
        string? output = null;
        ReportFormat format = ReportFormat.Text;
        bool help = false;
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
                    help = true;
                    break;
                case "--format" or "-f":
                    format = ParseFormat(inline ?? Value(args, ref i, arg));
                    break;
                case "--output" or "-o":
                    output = inline ?? Value(args, ref i, arg);
                    break;
                default:
                    if (arg.StartsWith('-') && arg.Length > 1)
                    {
                        throw new AuditInputException($"unknown option '{args[i]}' (see --help)");
                    }

                    if (path is not null)
                    {
                        throw new AuditInputException($"one path expected, got '{path}' and '{arg}'");
                    }

                    path = arg;
                    break;
            }
        }

        return new AuditArguments(path, format, output, help);
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
        _ => throw new AuditInputException($"unknown format '{value}': expected text, markdown, json or sarif"),
    };
}
