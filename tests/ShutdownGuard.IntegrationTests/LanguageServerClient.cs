using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;

namespace ShutdownGuard.IntegrationTests;

/// <summary>
/// A minimal Language Server Protocol client: JSON-RPC 2.0 over the server's stdin and stdout with Content-Length
/// framing. It answers the server's <c>workspace/configuration</c> requests from a fixed settings object and every
/// other server request with null, and keeps the server's log for failure messages.
/// </summary>
public sealed class LanguageServerClient : IAsyncDisposable
{
    private readonly Process _process;
    private readonly JsonObject _settings;
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonNode?>> _pending = new();
    private readonly ConcurrentQueue<string> _log = new();
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly Task _readLoop;
    private int _lastId;

    private LanguageServerClient(Process process, JsonObject settings)
    {
        _process = process;
        _settings = settings;
        _readLoop = Task.Run(ReadLoopAsync);
        _ = Task.Run(async () =>
        {
            while (await process.StandardError.ReadLineAsync() is { } line)
            {
                _log.Enqueue("stderr: " + line);
            }
        });
    }

    /// <summary>The server's log so far, to explain a failure.</summary>
    public string Log => string.Join("\n", _log);

    /// <param name="settings">What <c>workspace/configuration</c> answers: one object per section, e.g. { "csharp": { … } }.</param>
    public static LanguageServerClient Start(ProcessStartInfo startInfo, JsonObject settings)
    {
        startInfo.RedirectStandardInput = true;
        var process = Process.Start(startInfo) ?? throw new InvalidOperationException(startInfo.FileName + " could not be started.");
        return new LanguageServerClient(process, settings);
    }

    public async Task<JsonNode?> RequestAsync(string method, JsonNode parameters, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _lastId);
        var response = new TaskCompletionSource<JsonNode?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = response;
        await WriteAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method, ["params"] = parameters });
        var message = await response.Task.WaitAsync(cancellationToken);
        if (message?["error"] is { } error)
        {
            throw new InvalidOperationException($"{method} failed: {error.ToJsonString()}");
        }

        return message?["result"];
    }

    public Task NotifyAsync(string method, JsonNode parameters) =>
        WriteAsync(new JsonObject { ["jsonrpc"] = "2.0", ["method"] = method, ["params"] = parameters });

    /// <summary>Asks the server to shut down and exit, then kills it if it is still running.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await RequestAsync("shutdown", new JsonObject(), timeout.Token);
            await NotifyAsync("exit", new JsonObject());
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or InvalidOperationException)
        {
            // A server that does not stop in time, or has already gone, is killed below.
        }
        finally
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.Dispose();
        }

        await _readLoop.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task WriteAsync(JsonObject message)
    {
        var body = Encoding.UTF8.GetBytes(message.ToJsonString());
        var header = Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n");
        await _writeGate.WaitAsync();
        try
        {
            var stream = _process.StandardInput.BaseStream;
            await stream.WriteAsync(header);
            await stream.WriteAsync(body);
            await stream.FlushAsync();
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private async Task ReadLoopAsync()
    {
        var stream = _process.StandardOutput.BaseStream;
        while (await ReadMessageAsync(stream) is { } message)
        {
            if (message["method"]?.GetValue<string>() is { } method)
            {
                if (message["id"] is { } id)
                {
                    await WriteAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id.DeepClone(), ["result"] = Answer(method, message["params"]) });
                }
                else if (method is "window/logMessage" or "window/showMessage")
                {
                    _log.Enqueue(message["params"]?["message"]?.GetValue<string>() ?? "");
                }
            }
            else if (message["id"]?.GetValue<int>() is { } responseId && _pending.TryRemove(responseId, out var response))
            {
                response.TrySetResult(message);
            }
        }

        foreach (var response in _pending.Values)
        {
            response.TrySetException(new IOException("The language server closed its output.\n" + Log));
        }
    }

    private JsonNode? Answer(string method, JsonNode? parameters) => method == "workspace/configuration"
        ? new JsonArray(parameters!["items"]!.AsArray()
            .Select(item => item?["section"]?.GetValue<string>() is { } section ? _settings[section]?.DeepClone() : null)
            .ToArray())
        : null;

    /// <summary>One message: headers up to an empty line, then Content-Length bytes of JSON; null at the end of the stream.</summary>
    private static async Task<JsonNode?> ReadMessageAsync(Stream stream)
    {
        var contentLength = -1;
        while (await ReadHeaderLineAsync(stream) is { } line)
        {
            if (line.Length == 0)
            {
                var body = new byte[contentLength];
                await stream.ReadExactlyAsync(body);
                return JsonNode.Parse(body);
            }

            var separator = line.IndexOf(':');
            if (separator > 0 && line[..separator].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                contentLength = int.Parse(line[(separator + 1)..].Trim());
            }
        }

        return null;
    }

    private static async Task<string?> ReadHeaderLineAsync(Stream stream)
    {
        var line = new StringBuilder();
        var buffer = new byte[1];
        while (await stream.ReadAsync(buffer) == 1)
        {
            if (buffer[0] == '\n')
            {
                return line.ToString().TrimEnd('\r');
            }

            line.Append((char)buffer[0]);
        }

        return null;
    }
}
