// Orders API: a minimal API that runs on Kubernetes (k8s/) in a container (Dockerfile).
var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();

app.MapGet("/ready", () => "ready");
app.MapGet("/live", () => "live");
app.MapGet("/orders", () => new[] { new { Id = 1, Item = "book" } });
app.MapGet("/slow", async () => { await Task.Delay(4000); return "done"; });

app.Run();
