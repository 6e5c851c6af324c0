// BrokenApp with draining scaffolding: on SIGTERM readiness fails at once, the server keeps serving for
// DrainDelay while load balancers learn that the pod is leaving, then stops and lets in-flight requests finish.
var builder = WebApplication.CreateBuilder(args);
// The 5 s drain delay plus 20 s for in-flight requests; with a 5 s safety margin it fits the default 30 s grace period.
builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(25));
builder.Services.AddSingleton<GracefulShutdown>();
builder.Services.AddHostedService(services => services.GetRequiredService<GracefulShutdown>());
var app = builder.Build();

app.MapGet("/ready", (GracefulShutdown shutdown) => shutdown.IsStopping ? Results.StatusCode(StatusCodes.Status503ServiceUnavailable) : Results.Text("ready"));
app.MapGet("/live", () => "live");
app.MapGet("/orders", () => new[] { new { Id = 1, Item = "book" } });
app.MapGet("/slow", async () => { await Task.Delay(4000); return "done"; });

app.Run();

/// <summary>
/// Runs before the server stops (StoppingAsync precedes every StopAsync): readiness fails from the first
/// instant of shutdown, and the server keeps listening for <see cref="DrainDelay"/>.
/// </summary>
internal sealed class GracefulShutdown : IHostedLifecycleService
{
    public static readonly TimeSpan DrainDelay = TimeSpan.FromSeconds(5);

    private volatile bool _isStopping;

    public bool IsStopping => _isStopping;

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        _isStopping = true;
        // Cut short only when ShutdownTimeout runs out; that is no error, so it must not throw.
        await Task.Delay(DrainDelay, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
