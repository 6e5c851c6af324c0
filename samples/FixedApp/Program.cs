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
