using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text;

namespace ShutdownGuard.Build;

public sealed record ToolResult(int ExitCode, string StandardOutput, string StandardError, bool TimedOut);

/// <summary>Runs a rendering tool directly (no shell), capturing both output streams, within a time limit.</summary>
public static class ToolRunner
{
    public static ToolResult Run(string path, IReadOnlyList<string> arguments, string workingDirectory, TimeSpan timeout)
    {
        var startInfo = new ProcessStartInfo(path, CommandLine.Join(arguments))
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            CreateNoWindow = true,
        };
        // Helm loads no plugin, whatever the user has installed.
        startInfo.Environment["HELM_NO_PLUGINS"] = "1";

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException(path + " did not start.");
        process.StandardInput.Close();
        var standardOutput = process.StandardOutput.ReadToEndAsync();
        var standardError = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit((int)Math.Min(int.MaxValue, timeout.TotalMilliseconds)))
        {
            KillProcessTree(process);
            process.WaitForExit();
            return new ToolResult(-1, "", standardError.Result, TimedOut: true);
        }

        // The parameterless wait also waits for the redirected streams to reach their end.
        process.WaitForExit();
        return new ToolResult(process.ExitCode, standardOutput.Result, standardError.Result, TimedOut: false);
    }

    // Process.Kill(bool entireProcessTree) exists on .NET Core, where MSBuild runs in dotnet build, but not in
    // netstandard2.0; Visual Studio's MSBuild on .NET Framework kills the tool alone.
    private static void KillProcessTree(Process process)
    {
        try
        {
            var killTree = typeof(Process).GetMethod(nameof(Process.Kill), [typeof(bool)]);
            if (killTree is not null)
            {
                killTree.Invoke(process, [true]);
            }
            else
            {
                process.Kill();
            }
        }
        catch (Exception exception) when (exception is InvalidOperationException || exception.InnerException is InvalidOperationException)
        {
            // It exited meanwhile.
        }
    }
}
