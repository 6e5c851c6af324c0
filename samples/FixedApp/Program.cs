// Orders API: a minimal API that runs on Kubernetes (k8s/) in a container (Dockerfile).
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSingleton<GracefulShutdown>().AddHostedService(provider => provider.GetRequiredService<GracefulShutdown>());
builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(25));
var app = builder.Build();

app.MapGet("/ready", (GracefulShutdown shutdown) => shutdown.IsStopping ? Results.StatusCode(StatusCodes.Status503ServiceUnavailable) : Results.Text("ready"));
app.MapGet("/live", () => "live");
app.MapGet("/orders", () => new[] { new { Id = 1, Item = "book" } });
app.MapGet("/slow", async () => { await Task.Delay(4000); return "done"; });

app.Run();

/// <summary>
/// Graceful shutdown on Kubernetes. Load balancers learn that a terminating pod is gone a few seconds after it
/// receives SIGTERM, and keep sending it requests meanwhile. From the moment the app starts stopping,
/// <see cref="IsStopping"/> makes readiness fail; the app keeps serving for <see cref="DrainDelaySeconds"/>, then
/// the server stops and drains in-flight requests within ShutdownTimeout.
/// </summary>
internal sealed class GracefulShutdown : IHostedLifecycleService
{
    /// <summary>How long the app keeps serving after SIGTERM; keep it well below ShutdownTimeout.</summary>
    public const int DrainDelaySeconds = 5;

    private volatile bool _isStopping;

    /// <summary>True from the moment the app starts stopping: readiness must fail.</summary>
    public bool IsStopping => _isStopping;

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        _isStopping = true;
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(DrainDelaySeconds), cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // ShutdownTimeout ran out first: stop waiting and let the server stop.
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
