// One app, one 4 s drain delay, placed where `--delay-in` says. The runtime test runs it once per placement through a
// real SIGTERM and draws what it measured in docs/timelines/. Built here, ShutdownGuard reports the two broken placements.
var builder = WebApplication.CreateBuilder(args);
var placement = builder.Configuration["delay-in"];
var delay = TimeSpan.FromSeconds(4);
if (placement == "stop-async")
{
    builder.Services.AddHostedService<LateDrain>();
}
else if (placement == "stopping-async")
{
    builder.Services.AddHostedService<EarlyDrain>();
}

var app = builder.Build();
if (placement == "async-callback")
{
    // SG1004: an async callback returns at its first await, and the server stops at once.
    app.Lifetime.ApplicationStopping.Register(async () => await Task.Delay(delay));
}
else if (placement == "blocking-callback")
{
    // SG1004's fix on hosting before 8.0: a blocking callback holds the host up while the server still serves.
    app.Lifetime.ApplicationStopping.Register(() => Thread.Sleep(delay));
}

app.MapGet("/ready", (IHostApplicationLifetime lifetime) => lifetime.ApplicationStopping.IsCancellationRequested ? Results.StatusCode(StatusCodes.Status503ServiceUnavailable) : Results.Text("ready"));
app.MapGet("/orders", () => new[] { new { Id = 1, Item = "book" } });
app.MapGet("/slow", async () => { await Task.Delay(4000); return "done"; });

app.Run();

/// <summary>SG1005: registered before the server, so it stops after it; the delay starts when connections are refused.</summary>
internal sealed class LateDrain : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.Delay(TimeSpan.FromSeconds(4), cancellationToken);
}

/// <summary>SG1005's fix: StoppingAsync runs before any service stops, the server included.</summary>
internal sealed class EarlyDrain : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.Delay(TimeSpan.FromSeconds(4), cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
