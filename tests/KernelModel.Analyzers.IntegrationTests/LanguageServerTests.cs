using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using KernelModel.Analyzers.Tests;

namespace KernelModel.Analyzers.IntegrationTests;

/// <summary>
/// The squiggle: the csharp-ls language server (the repository's local tool, <c>.config/dotnet-tools.json</c>)
/// loads a consumer project that references the package, shows TLB001 on the violating call of an open file,
/// and clears it once an edit inserts the flush; with TLB008 at suggestion, the sync then shows its proof. It offers
/// none of the package's code fixes, as the README says (if a later csharp-ls does, that assertion fails and the
/// README must change). csharp-ls 0.28 pushes diagnostics
/// (<c>textDocument/publishDiagnostics</c>) to a client that does not announce pull diagnostics, and runs
/// analyzers only when the client's <c>csharp</c> configuration section says <c>analyzersEnabled: true</c>.
/// </summary>
[Collection(PackageConsumers.Name)]
public sealed class LanguageServerTests
{
    private const string PublishDiagnostics = "textDocument/publishDiagnostics";

    /// <summary>The language server loads and analyses the project on a busy 2-core machine: be patient.</summary>
    private static readonly TimeSpan _patience = TimeSpan.FromMinutes(3);

    private readonly PackageFeed _feed;
    private readonly ITestOutputHelper _output;

    public LanguageServerTests(PackageFeed feed, ITestOutputHelper output)
    {
        _feed = feed;
        _output = output;
    }

    [Fact]
    public async Task Csharp_ls_shows_TLB001_on_the_violating_call_and_clears_it_when_the_flush_is_inserted()
    {
        ConsumerProject project = ConsumerProject.Create(_feed, "Ide", "net10.0")
            .Write("Tlb.cs", ConsumerSources.Tlb)
            .Write("Khugepaged.cs", ConsumerSources.Khugepaged)
            .Write(".editorconfig", "root = true\n\n[*.cs]\ndotnet_diagnostic.TLB008.severity = suggestion\n");
        Directory.CreateDirectory(project.PathOf(".config"));
        File.Copy(RepositoryRoot.Combine(".config/dotnet-tools.json"), project.PathOf(".config/dotnet-tools.json"));
        ProcessResult restore = project.Dotnet("restore", project.ProjectFile);
        Assert.True(restore.ExitCode == 0, restore.ToString());
        // The tool goes to the user's package cache like any local tool; only the package under test is isolated.
        ProcessResult toolRestore = DotnetCommand.Run(project.Folder, ["tool", "restore"]);
        Assert.True(toolRestore.ExitCode == 0, toolRestore.ToString());

        string uri = new Uri(project.PathOf("Khugepaged.cs")).AbsoluteUri;
        (int line, int column) = SourceMarker.Find(ConsumerSources.Khugepaged, ConsumerSources.ReportedLine, "TlbRemoveTableSyncOne");
        var clock = Stopwatch.StartNew();
        await using LanguageServerClient server = LanguageServerClient.Start(
            DotnetCommand.StartInfo(project.Folder, ["tool", "run", "csharp-ls"]), AnswerServer);
        using var patience = new CancellationTokenSource(_patience);

        try
        {
            await server.RequestAsync("initialize", Initialize(project.Folder), patience.Token);
            await server.NotifyAsync("initialized", new JsonObject());
            await server.NotifyAsync("textDocument/didOpen", new JsonObject
            {
                ["textDocument"] = new JsonObject
                {
                    ["uri"] = uri,
                    ["languageId"] = "csharp",
                    ["version"] = 1,
                    ["text"] = ConsumerSources.Khugepaged,
                },
            });
            JsonObject reported = await server.WaitForNotificationAsync(
                PublishDiagnostics, published => IsFor(published, uri) && Tlb001(published) is not null, patience.Token);
            TimeSpan firstSquiggle = clock.Elapsed;

            JsonNode diagnostic = Tlb001(reported)!;
            Assert.Equal(
                (line - 1, column - 1, line - 1, column - 1 + "TlbRemoveTableSyncOne()".Length),
                ((int)diagnostic["range"]!["start"]!["line"]!, (int)diagnostic["range"]!["start"]!["character"]!,
                 (int)diagnostic["range"]!["end"]!["line"]!, (int)diagnostic["range"]!["end"]!["character"]!));
            Assert.Equal(2, (int)diagnostic["severity"]!); // DiagnosticSeverity.Warning

            JsonNode? actions = await server.RequestAsync("textDocument/codeAction", new JsonObject
            {
                ["textDocument"] = new JsonObject { ["uri"] = uri },
                ["range"] = diagnostic["range"]!.DeepClone(),
                ["context"] = new JsonObject { ["diagnostics"] = new JsonArray(diagnostic.DeepClone()) },
            }, patience.Token);
            string[] titles = [.. (actions as JsonArray ?? []).Select(action => (string?)action?["title"] ?? "")];
            _output.WriteLine($"csharp-ls code actions on TLB001: {string.Join("; ", titles)}");
            Assert.DoesNotContain(titles, title => title.StartsWith("Insert a TLB flush", StringComparison.Ordinal) ||
                                                   title.StartsWith("Require callers", StringComparison.Ordinal));

            var edit = Stopwatch.StartNew();
            await server.NotifyAsync("textDocument/didChange", InsertFlush(uri, line - 1, column - 1));
            JsonObject cleared = await server.WaitForNotificationAsync(
                PublishDiagnostics, published => IsFor(published, uri) && Tlb001(published) is null && Rule(published, "TLB008") is not null, patience.Token);

            // With TLB008 at suggestion, the now safe sync shows its proof on hover: the flush just inserted.
            JsonNode proof = Rule(cleared, "TLB008")!;
            Assert.Equal(line, (int)proof["range"]!["start"]!["line"]!);
            Assert.Equal(3, (int)proof["severity"]!); // DiagnosticSeverity.Information
            Assert.Equal(
                $"'TlbRemoveTableSyncOne' is safe: flushed by FlushTlbMm at :{line} -> FlushTlbMmRange(..., freedTables: true)",
                (string?)proof["message"]);

            _output.WriteLine($"csharp-ls: first TLB001 squiggle {firstSquiggle.TotalSeconds:F1} s after server start " +
                              $"(project load included); cleared {edit.Elapsed.TotalSeconds:F1} s after the edit");
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"csharp-ls did not publish the expected diagnostics within {_patience}. Its log:\n{server.Log}");
        }
    }

    /// <summary>The client side of <c>initialize</c>: configuration requests on, push diagnostics, one folder.</summary>
    private static JsonObject Initialize(string folder)
    {
        string root = new Uri(folder).AbsoluteUri;
        return new JsonObject
        {
            ["processId"] = Environment.ProcessId,
            ["rootUri"] = root,
            ["capabilities"] = new JsonObject
            {
                ["workspace"] = new JsonObject { ["configuration"] = true },
                ["textDocument"] = new JsonObject
                {
                    ["synchronization"] = new JsonObject { ["didSave"] = true },
                    ["publishDiagnostics"] = new JsonObject { ["relatedInformation"] = true },
                    ["codeAction"] = new JsonObject
                    {
                        ["codeActionLiteralSupport"] = new JsonObject
                        {
                            ["codeActionKind"] = new JsonObject { ["valueSet"] = new JsonArray("quickfix", "refactor") },
                        },
                    },
                },
            },
            ["workspaceFolders"] = new JsonArray(new JsonObject { ["uri"] = root, ["name"] = Path.GetFileName(folder) }),
        };
    }

    /// <summary>
    /// Answers the server's requests: the <c>csharp</c> configuration section turns analyzers on (csharp-ls runs
    /// none otherwise); everything else, such as progress or capability registration, gets a null result.
    /// </summary>
    private static JsonNode? AnswerServer(string method, JsonNode? parameters)
    {
        if (method != "workspace/configuration")
        {
            return null;
        }

        var sections = new JsonArray();
        foreach (JsonNode? item in parameters?["items"]?.AsArray() ?? [])
        {
            sections.Add((string?)item?["section"] == "csharp" ? new JsonObject { ["analyzersEnabled"] = true } : null);
        }

        return sections;
    }

    /// <summary>The edit the TLB001 fix makes: <c>FlushTlbMm(mm);</c> on its own line before the sync.</summary>
    private static JsonObject InsertFlush(string uri, int line, int character)
    {
        var position = new JsonObject { ["line"] = line, ["character"] = character };
        return new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = uri, ["version"] = 2 },
            ["contentChanges"] = new JsonArray(new JsonObject
            {
                ["range"] = new JsonObject { ["start"] = position.DeepClone(), ["end"] = position.DeepClone() },
                ["text"] = "FlushTlbMm(mm);\n" + new string(' ', character),
            }),
        };
    }

    private static bool IsFor(JsonObject published, string uri) =>
        new Uri((string?)published["uri"] ?? "file:///").LocalPath == new Uri(uri).LocalPath;

    private static JsonNode? Tlb001(JsonObject published) => Rule(published, "TLB001");

    private static JsonNode? Rule(JsonObject published, string id) =>
        published["diagnostics"]?.AsArray().FirstOrDefault(diagnostic => (string?)diagnostic?["code"] == id);
}
