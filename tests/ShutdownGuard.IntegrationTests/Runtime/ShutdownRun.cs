using System.Diagnostics;
using System.Text;

namespace ShutdownGuard.IntegrationTests.Runtime;

/// <summary>What happened around one SIGTERM. Sample times count from the start of the run; the others from the signal.</summary>
public sealed record ShutdownReport(
    IReadOnlyList<Sample> Orders,
    IReadOnlyList<Sample> Readiness,
    Sample SlowRequest,
    TimeSpan TerminatedAt,
    int? ExitCode,
    TimeSpan? ExitedAfter,
    IReadOnlyList<string> AppOutput)
{
    public IEnumerable<Sample> OrdersAfterTermination => Orders.Where(sample => sample.SentAt >= TerminatedAt);

    public IEnumerable<Sample> FailedOrders => Orders.Where(sample => !sample.Succeeded);

    /// <summary>The first readiness probe sent after the signal to get anything but 200 (a refused connection included).</summary>
    public Sample? ReadinessFailure => Readiness
        .Where(sample => sample.SentAt >= TerminatedAt && sample.StatusCode != 200)
        .MinBy(sample => sample.AnsweredAt);

    public TimeSpan? ReadinessFailedAfter => ReadinessFailure?.AnsweredAt - TerminatedAt;

    public TimeSpan SlowRequestAnsweredAfter => SlowRequest.AnsweredAt - TerminatedAt;

    public string Describe()
    {
        var failed = FailedOrders.ToList();
        var text = new StringBuilder()
            .AppendLine($"/orders: {Orders.Count} requests, {OrdersAfterTermination.Count()} of them after SIGTERM; {failed.Count} failed, {failed.Count(sample => sample.SentAt >= TerminatedAt)} of them after SIGTERM")
            .AppendLine($"/ready: {(ReadinessFailure is { } failure ? $"first answer other than 200 {Milliseconds(failure.AnsweredAt - TerminatedAt)} after SIGTERM: {failure.Outcome}" : "answered 200 throughout")}")
            .AppendLine($"/slow (in flight at SIGTERM): {SlowRequest.Outcome}, answered {Milliseconds(SlowRequestAnsweredAfter)} after SIGTERM")
            .AppendLine($"exit: {(ExitCode is { } code ? $"code {code}, {Milliseconds(ExitedAfter!.Value)} after SIGTERM" : "still running when the wait ended; killed")}");
        foreach (var sample in failed.Take(5))
        {
            text.AppendLine($"  failed /orders request, {Milliseconds(sample.SentAt - TerminatedAt)} from SIGTERM: {sample.Outcome}");
        }

        text.AppendLine("app output:");
        foreach (var line in AppOutput)
        {
            text.Append("  ").AppendLine(line);
        }

        return text.ToString();
    }

    private static string Milliseconds(TimeSpan time) => $"{time.TotalMilliseconds:F0} ms";
}

/// <summary>
/// Pod termination as the app sees it: steady traffic on new connections and readiness probes, one slow request in
/// flight, SIGTERM, and traffic for a while longer from load balancers that have not yet learned of the termination.
/// </summary>
public static class ShutdownRun
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan OrdersInterval = TimeSpan.FromMilliseconds(30);
    private static readonly TimeSpan ReadinessInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan TrafficBeforeSlowRequest = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan SlowRequestHeadStart = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan TrafficAfterTermination = TimeSpan.FromSeconds(3);
    // Far above any ShutdownTimeout the sample apps use; an app still running then is killed.
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(90);

    public static async Task<ShutdownReport> RunAsync(BuiltApp app, params string[] arguments)
    {
        var clock = Stopwatch.StartNew();
        using var sampler = new RequestSampler(clock);
        await using var running = RunningApp.Start(app, arguments);
        await running.WaitUntilAnsweringAsync(sampler, "/ready", StartTimeout);

        using var stopTraffic = new CancellationTokenSource();
        var orders = sampler.SendEveryAsync(new Uri(running.BaseAddress, "/orders"), OrdersInterval, stopTraffic.Token);
        var readiness = sampler.SendEveryAsync(new Uri(running.BaseAddress, "/ready"), ReadinessInterval, stopTraffic.Token);
        try
        {
            await Task.Delay(TrafficBeforeSlowRequest);
            var slowRequest = sampler.SendAsync(new Uri(running.BaseAddress, "/slow"));
            await Task.Delay(SlowRequestHeadStart);

            var terminatedAt = clock.Elapsed;
            running.Terminate();
            stopTraffic.CancelAfter(TrafficAfterTermination);
            var exitCode = await running.WaitForExitAsync(ExitTimeout);
            TimeSpan? exitedAfter = exitCode is null ? null : clock.Elapsed - terminatedAt;

            return new ShutdownReport(await orders, await readiness, await slowRequest, terminatedAt, exitCode, exitedAfter, running.Output.ToList());
        }
        finally
        {
            // The traffic loops end on every path, an exception included.
            stopTraffic.Cancel();
        }
    }
}
