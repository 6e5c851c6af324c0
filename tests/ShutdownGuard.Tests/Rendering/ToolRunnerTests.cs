using System.Diagnostics;
using ShutdownGuard.Build;

namespace ShutdownGuard.Tests.Rendering;

public sealed class ToolRunnerTests
{
    [Fact]
    public void Both_streams_are_captured_apart()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var result = ToolRunner.Run("/bin/sh", ["-c", "echo out; echo err >&2; exit 3"], Path.GetTempPath(), TimeSpan.FromSeconds(30));

        Assert.Equal((3, "out\n", "err\n", false), (result.ExitCode, result.StandardOutput, result.StandardError, result.TimedOut));
    }

    [Fact]
    public void A_tool_past_its_time_limit_is_killed_with_its_children()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var marker = Path.Combine(Path.GetTempPath(), "shutdownguard-child-" + Guid.NewGuid().ToString("N"));
        var stopwatch = Stopwatch.StartNew();

        // The child writes the marker only if it outlives the kill of its parent.
        var result = ToolRunner.Run("/bin/sh", ["-c", $"(sleep 3; touch '{marker}') & wait"], Path.GetTempPath(), TimeSpan.FromSeconds(1));

        Assert.True(result.TimedOut);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(3), stopwatch.Elapsed.ToString());
        Thread.Sleep(TimeSpan.FromSeconds(3));
        Assert.False(File.Exists(marker));
    }
}
