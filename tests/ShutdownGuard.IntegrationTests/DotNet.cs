using System.Diagnostics;

namespace ShutdownGuard.IntegrationTests;

public sealed record ProcessResult(int ExitCode, string Output);

/// <summary>Runs the dotnet CLI as a child process.</summary>
public static class DotNet
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    public static Task<ProcessResult> RunAsync(
        string workingDirectory,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string>? environment = null) =>
        RunProgramAsync("dotnet", workingDirectory, arguments, environment);

    /// <summary>Runs another program the tests need (helm) the same way.</summary>
    public static async Task<ProcessResult> RunProgramAsync(
        string fileName,
        string workingDirectory,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var startInfo = StartInfo(fileName, workingDirectory, arguments, environment);
        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException(fileName + " could not be started.");
        var standardOutput = process.StandardOutput.ReadToEndAsync();
        var standardError = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', startInfo.ArgumentList)} ran longer than {Timeout}.");
        }

        return new ProcessResult(process.ExitCode, await standardOutput + await standardError);
    }

    /// <summary>A child process of the .NET SDK (dotnet, or a .NET tool that loads MSBuild) with redirected output.</summary>
    public static ProcessStartInfo StartInfo(
        string fileName,
        string workingDirectory,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string>? environment)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // `dotnet test` hands its own MSBuild location to the test host; a child build must find its own.
        foreach (var name in startInfo.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            startInfo.Environment.Remove(name);
        }
        startInfo.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        startInfo.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }

        return startInfo;
    }
}
