using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace ShutdownGuard.IntegrationTests.Runtime;

/// <summary>
/// A built app running under Kestrel on a free loopback port, as its own process (<c>dotnet App.dll</c>, no
/// <c>dotnet run</c> in between), so that a signal sent to it reaches the app itself. Disposing kills it if it still runs.
/// </summary>
public sealed class RunningApp : IAsyncDisposable
{
    private const int SigTerm = 15;

    // Settings the test runner's environment could hold; the app's own code and files must decide them.
    private static readonly string[] HostSettingSuffixes = ["SHUTDOWNTIMEOUTSECONDS", "URLS", "HTTP_PORTS", "HTTPS_PORTS", "ENVIRONMENT"];

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private RunningApp(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>What the app wrote to standard output and standard error so far.</summary>
    public IEnumerable<string> Output => _output;

    /// <param name="arguments">Command-line arguments for the app, after the listen address.</param>
    public static RunningApp Start(BuiltApp app, IEnumerable<string> arguments)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{FreeLoopbackPort()}");
        var startInfo = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { app.AssemblyPath, "--urls", baseAddress.ToString().TrimEnd('/') },
            // The content root, where appsettings.json is found.
            WorkingDirectory = app.OutputDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var name in startInfo.Environment.Keys
            .Where(name => HostSettingSuffixes.Any(suffix => name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)))
            .ToList())
        {
            startInfo.Environment.Remove(name);
        }

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("dotnet could not be started.");
        var running = new RunningApp(process, baseAddress);
        process.OutputDataReceived += (_, line) => running.Record(line.Data);
        process.ErrorDataReceived += (_, line) => running.Record(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return running;
    }

    /// <summary>Waits until <paramref name="path"/> answers 200; fails when the app exits or the time runs out first.</summary>
    public async Task WaitUntilAnsweringAsync(RequestSampler sampler, string path, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (!deadline.IsCancellationRequested)
        {
            if (_process.HasExited)
            {
                Assert.Fail($"The app exited with code {_process.ExitCode} before it answered {path}:\n{string.Join('\n', _output)}");
            }

            if ((await sampler.SendAsync(new Uri(BaseAddress, path))).StatusCode == 200)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), CancellationToken.None);
        }

        Assert.Fail($"The app did not answer {path} with 200 within {timeout}:\n{string.Join('\n', _output)}");
    }

    /// <summary>Sends SIGTERM, as the kubelet does to the container's PID 1.</summary>
    public void Terminate()
    {
        if (Kill(_process.Id, SigTerm) != 0)
        {
            throw new InvalidOperationException($"kill({_process.Id}, SIGTERM) failed with errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    /// <returns>The exit code, or null when the app still ran after <paramref name="timeout"/>.</returns>
    public async Task<int?> WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await WaitForExitAsync(TimeSpan.FromSeconds(30));
        }

        _process.Dispose();
    }

    private void Record(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }

    // Free when asked; should another process take it before the app binds it, the app exits and the start reports it.
    private static int FreeLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int processId, int signal);
}
