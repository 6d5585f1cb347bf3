using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace KernelModel.Analyzers.IntegrationTests;

/// <summary>
/// A minimal Language Server Protocol client, as an editor is one: JSON-RPC 2.0 over the server's standard
/// streams with <c>Content-Length</c> framing. It sends requests and notifications, answers the server's own
/// requests through a callback (csharp-ls asks <c>workspace/configuration</c>), and queues the server's
/// notifications (such as <c>textDocument/publishDiagnostics</c>) for the test to wait on.
/// </summary>
public sealed class LanguageServerClient : IAsyncDisposable
{
    private const string HeaderName = "Content-Length:";

    private readonly Process _process;
    private readonly Stream _toServer;
    private readonly Stream _fromServer;
    private readonly Func<string, JsonNode?, JsonNode?> _answer;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonNode?>> _pending = new();
    private readonly Channel<JsonObject> _notifications = Channel.CreateUnbounded<JsonObject>();
    private readonly ConcurrentQueue<string> _log = new();
    private readonly Task _reader;
    private int _nextId;

    private LanguageServerClient(Process process, Func<string, JsonNode?, JsonNode?> answer)
    {
        _process = process;
        _toServer = process.StandardInput.BaseStream;
        _fromServer = process.StandardOutput.BaseStream;
        _answer = answer;
        process.ErrorDataReceived += (_, line) => Remember("stderr: " + line.Data);
        process.BeginErrorReadLine();
        _reader = Task.Run(ReadAsync);
    }

    /// <summary>The server's last log lines and standard error, for failure messages.</summary>
    public string Log => string.Join('\n', _log);

    /// <summary>Starts the server and begins reading what it sends.</summary>
    /// <param name="server">How to start the server, with redirected standard streams.</param>
    /// <param name="answer">Answers a request from the server: method and params in, result out.</param>
    /// <returns>The connected client.</returns>
    public static LanguageServerClient Start(ProcessStartInfo server, Func<string, JsonNode?, JsonNode?> answer)
    {
        Process process = Process.Start(server) ?? throw new InvalidOperationException($"Could not start {server.FileName}.");
        return new LanguageServerClient(process, answer);
    }

    /// <summary>Sends a request and waits for its result.</summary>
    /// <param name="method">The LSP method.</param>
    /// <param name="parameters">Its params.</param>
    /// <param name="cancellationToken">Gives up waiting.</param>
    /// <returns>The result; an error response throws.</returns>
    public async Task<JsonNode?> RequestAsync(string method, JsonNode? parameters, CancellationToken cancellationToken)
    {
        int id = Interlocked.Increment(ref _nextId);
        var response = new TaskCompletionSource<JsonNode?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = response;
        await SendAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method, ["params"] = parameters });
        return await response.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Sends a notification.</summary>
    /// <param name="method">The LSP method.</param>
    /// <param name="parameters">Its params.</param>
    /// <returns>When it is written.</returns>
    public Task NotifyAsync(string method, JsonNode? parameters) =>
        SendAsync(new JsonObject { ["jsonrpc"] = "2.0", ["method"] = method, ["params"] = parameters });

    /// <summary>Waits for the next notification of a method whose params match, skipping others.</summary>
    /// <param name="method">For example <c>textDocument/publishDiagnostics</c>.</param>
    /// <param name="match">Accepts the notification's params.</param>
    /// <param name="cancellationToken">Gives up waiting.</param>
    /// <returns>The matching notification's params.</returns>
    public async Task<JsonObject> WaitForNotificationAsync(
        string method, Func<JsonObject, bool> match, CancellationToken cancellationToken)
    {
        while (true)
        {
            JsonObject message = await _notifications.Reader.ReadAsync(cancellationToken);
            if ((string?)message["method"] == method && message["params"] is JsonObject parameters && match(parameters))
            {
                return parameters;
            }
        }
    }

    /// <summary>Asks the server to shut down and exit; kills it (and its children) if it does not.</summary>
    /// <returns>When the server is gone.</returns>
    public async ValueTask DisposeAsync()
    {
        try
        {
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await RequestAsync("shutdown", null, patience.Token);
            await NotifyAsync("exit", null);
            await _process.WaitForExitAsync(patience.Token);
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or InvalidOperationException)
        {
            // The server did not leave in time or its pipe is already closed: make sure it is gone below.
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        await _reader.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _process.Dispose();
        _writeLock.Dispose();
    }

    private async Task SendAsync(JsonObject message)
    {
        byte[] body = Encoding.UTF8.GetBytes(message.ToJsonString());
        byte[] header = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{HeaderName} {body.Length}\r\n\r\n"));
        await _writeLock.WaitAsync();
        try
        {
            await _toServer.WriteAsync(header);
            await _toServer.WriteAsync(body);
            await _toServer.FlushAsync();
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task ReadAsync()
    {
        try
        {
            while (await ReadMessageAsync() is { } message)
            {
                await DispatchAsync(message);
            }
        }
        catch (IOException exception)
        {
            Remember("connection closed: " + exception.Message);
        }
        finally
        {
            _notifications.Writer.TryComplete(new EndOfStreamException($"The language server closed its output.\n{Log}"));
            foreach (TaskCompletionSource<JsonNode?> pending in _pending.Values)
            {
                pending.TrySetException(new EndOfStreamException($"The language server closed its output.\n{Log}"));
            }
        }
    }

    private async Task DispatchAsync(JsonObject message)
    {
        string? method = (string?)message["method"];
        JsonNode? id = message["id"];
        if (method is null && id is not null)
        {
            if (_pending.TryRemove(id.GetValue<int>(), out TaskCompletionSource<JsonNode?>? response))
            {
                if (message["error"] is { } error)
                {
                    response.TrySetException(new InvalidOperationException($"The server answered with an error: {error.ToJsonString()}"));
                }
                else
                {
                    response.TrySetResult(message["result"]?.DeepClone());
                }
            }
        }
        else if (method is not null && id is not null)
        {
            JsonNode? result = _answer(method, message["params"]);
            await SendAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id.DeepClone(), ["result"] = result });
        }
        else if (method is not null)
        {
            if (method is "window/logMessage" or "$/logTrace")
            {
                Remember((string?)message["params"]?["message"] ?? "");
            }

            await _notifications.Writer.WriteAsync(message);
        }
    }

    /// <summary>Reads one framed message, or null at the end of the stream.</summary>
    private async Task<JsonObject?> ReadMessageAsync()
    {
        int length = -1;
        while (true)
        {
            string? line = await ReadHeaderLineAsync();
            if (line is null)
            {
                return null;
            }

            if (line.Length == 0)
            {
                break;
            }

            if (line.StartsWith(HeaderName, StringComparison.OrdinalIgnoreCase))
            {
                length = int.Parse(line[HeaderName.Length..].Trim(), CultureInfo.InvariantCulture);
            }
        }

        if (length < 0)
        {
            throw new IOException("A message from the language server had no Content-Length header.");
        }

        byte[] body = new byte[length];
        await _fromServer.ReadExactlyAsync(body);
        return JsonNode.Parse(body) as JsonObject ?? throw new IOException("A message from the language server was not a JSON object.");
    }

    /// <summary>One ASCII header line without its CR LF, or null at the end of the stream.</summary>
    private async Task<string?> ReadHeaderLineAsync()
    {
        var line = new List<byte>();
        byte[] one = new byte[1];
        while (true)
        {
            if (await _fromServer.ReadAsync(one) == 0)
            {
                return null;
            }

            if (one[0] == '\n')
            {
                return Encoding.ASCII.GetString(line.ToArray()).TrimEnd('\r');
            }

            line.Add(one[0]);
        }
    }

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }

        _log.Enqueue(line);
        while (_log.Count > 60 && _log.TryDequeue(out _))
        {
        }
    }
}
