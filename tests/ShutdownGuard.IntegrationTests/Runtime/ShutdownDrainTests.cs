using Xunit.Abstractions;

namespace ShutdownGuard.IntegrationTests.Runtime;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RuntimeCollection
{
    // Run alone: the timings must not compete with package builds for the processor.
    public const string Name = "Apps under a real SIGTERM";
}

/// <summary>Real Kestrel, a real SIGTERM: does the draining scaffolding drain, and does the broken app drop requests?</summary>
[Collection(RuntimeCollection.Name)]
public sealed class ShutdownDrainTests(ITestOutputHelper output)
{
    private static readonly TimeSpan ReadinessBound = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ExitSlack = TimeSpan.FromSeconds(2);

    [Theory]
    // Written by hand the way the draining scaffolding writes it, until the code fixes generate samples/FixedApp.
    [InlineData("tests/ShutdownGuard.IntegrationTests/TestData/DrainedApp", 25, 5)]
    public async Task Drained_app_serves_every_request_through_SIGTERM_and_exits_in_time(string appFolder, int shutdownTimeoutSeconds, int drainDelaySeconds)
    {
        using var app = await BuiltApp.BuildAsync(appFolder);

        var report = await ShutdownRun.RunAsync(app);

        output.WriteLine(report.Describe());
        // Traffic did go on after the signal, so that no failure means something.
        Assert.True(report.OrdersAfterTermination.Count() >= 20, "Too few requests after SIGTERM to judge the drain.");
        Assert.Empty(report.FailedOrders);
        Assert.NotNull(report.ReadinessFailedAfter);
        Assert.InRange(report.ReadinessFailedAfter.Value, TimeSpan.Zero, ReadinessBound);
        Assert.Equal(200, report.SlowRequest.StatusCode);
        Assert.Equal(0, report.ExitCode);
        Assert.InRange(
            report.ExitedAfter!.Value,
            TimeSpan.Zero,
            TimeSpan.FromSeconds(shutdownTimeoutSeconds + drainDelaySeconds) + ExitSlack);
    }

    [Fact]
    public async Task Broken_app_refuses_requests_as_soon_as_SIGTERM_arrives()
    {
        using var app = await BuiltApp.BuildAsync("samples/BrokenApp");

        var report = await ShutdownRun.RunAsync(app);

        output.WriteLine(report.Describe());
        Assert.DoesNotContain(report.FailedOrders, sample => sample.SentAt < report.TerminatedAt);
        Assert.Contains(report.OrdersAfterTermination, sample => !sample.Succeeded);
    }
}
