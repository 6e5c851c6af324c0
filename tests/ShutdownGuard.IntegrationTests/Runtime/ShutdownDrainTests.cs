using Xunit.Abstractions;

namespace ShutdownGuard.IntegrationTests.Runtime;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RuntimeCollection
{
    // Run alone: the timings must not compete with package builds for the processor.
    public const string Name = "Apps under a real SIGTERM";
}

/// <summary>samples/DelayPlacement, built once for every placement of its delay.</summary>
public sealed class DelayPlacementApp : IAsyncLifetime
{
    public BuiltApp App { get; private set; } = null!;

    public async Task InitializeAsync() => App = await BuiltApp.BuildAsync("samples/DelayPlacement");

    public Task DisposeAsync()
    {
        App.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>
/// Real Kestrel, a real SIGTERM: does the draining scaffolding drain, does the broken app drop requests, and does a
/// drain delay keep the app serving where it runs? Each run is drawn in docs/timelines/; set
/// SHUTDOWNGUARD_UPDATE_TIMELINES=1 to redraw them, otherwise the committed drawings must show the same outcome.
/// </summary>
[Collection(RuntimeCollection.Name)]
public sealed class ShutdownDrainTests(ITestOutputHelper output, DelayPlacementApp placementApp) : IClassFixture<DelayPlacementApp>
{
    private static readonly TimeSpan ReadinessBound = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ExitSlack = TimeSpan.FromSeconds(2);

    // The request in flight at SIGTERM (4 s, sent 1 s before) ends within the delay; the exit follows at once.
    private static readonly TimeSpan SlowRequestSlack = TimeSpan.FromSeconds(2);

    [Theory]
    // samples/FixedApp is BrokenApp after ShutdownGuard's fixes (ShutdownTimeout 25 s, delay 5 s): generated, not written.
    [InlineData("samples/FixedApp", 25, 5)]
    public async Task Drained_app_serves_every_request_through_SIGTERM_and_exits_in_time(string appFolder, int shutdownTimeoutSeconds, int drainDelaySeconds)
    {
        using var app = await BuiltApp.BuildAsync(appFolder);

        var report = await ShutdownRun.RunAsync(app);

        output.WriteLine(report.Describe());
        AssertTimeline(report, "fixed-app", "samples/FixedApp: readiness fails, the app serves 5 s more, then drains");
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
        AssertTimeline(report, "broken-app", "samples/BrokenApp: nothing delays shutdown");
        AssertRefusedFromSigterm(report);
    }

    [Theory]
    [InlineData("async-callback", "SG1004: Register(async () => await Task.Delay(4 s)) delays nothing")]
    [InlineData("stop-async", "SG1005: Task.Delay(4 s) in StopAsync runs after the server stopped")]
    public async Task A_delay_that_does_not_hold_the_server_up_leaves_requests_refused_from_SIGTERM(string placement, string title)
    {
        var report = await ShutdownRun.RunAsync(placementApp.App, "--delay-in", placement);

        output.WriteLine(report.Describe());
        AssertTimeline(report, placement, title);
        AssertRefusedFromSigterm(report);
    }

    [Theory]
    [InlineData("blocking-callback", 4, "Register(() => Thread.Sleep(4 s)): the app serves until the delay ends")]
    [InlineData("stopping-async", 4, "Task.Delay(4 s) in StoppingAsync: the app serves until the delay ends")]
    public async Task A_delay_before_the_server_stops_serves_every_request_through_SIGTERM(string placement, int delaySeconds, string title)
    {
        var report = await ShutdownRun.RunAsync(placementApp.App, "--delay-in", placement);

        output.WriteLine(report.Describe());
        AssertTimeline(report, placement, title);
        Assert.True(report.OrdersAfterTermination.Count() >= 20, "Too few requests after SIGTERM to judge the drain.");
        Assert.Empty(report.FailedOrders);
        Assert.InRange(report.ReadinessFailedAfter!.Value, TimeSpan.Zero, ReadinessBound);
        Assert.Equal(0, report.ExitCode);
        Assert.InRange(report.ExitedAfter!.Value, TimeSpan.FromSeconds(delaySeconds), TimeSpan.FromSeconds(delaySeconds) + SlowRequestSlack);
    }

    private static void AssertRefusedFromSigterm(ShutdownReport report)
    {
        Assert.DoesNotContain(report.FailedOrders, sample => sample.SentAt < report.TerminatedAt);
        Assert.Contains(report.OrdersAfterTermination, sample => !sample.Succeeded);
    }

    /// <summary>Redraws docs/timelines/<paramref name="name"/>.svg when asked to; otherwise the committed drawing must
    /// show what this run measured (the timings themselves vary).</summary>
    private static void AssertTimeline(ShutdownReport report, string name, string title)
    {
        var path = Path.Combine(Repository.Root, "docs", "timelines", name + ".svg");
        var drawing = ShutdownTimeline.Draw(report, title);
        if (Environment.GetEnvironmentVariable("SHUTDOWNGUARD_UPDATE_TIMELINES") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, drawing);
        }

        Assert.True(File.Exists(path), $"{path} is missing: run this test with SHUTDOWNGUARD_UPDATE_TIMELINES=1.");
        Assert.Equal(ShutdownTimeline.Figures(drawing), ShutdownTimeline.Figures(File.ReadAllText(path)));
    }
}
