// Serves until SIGTERM, then stops listening at once: nothing delays shutdown or fails readiness.
var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();

app.MapGet("/ready", () => "ready");
app.MapGet("/live", () => "live");
app.MapGet("/orders", () => new[] { new { Id = 1, Item = "book" } });
app.MapGet("/slow", async () => { await Task.Delay(4000); return "done"; });

app.Run();
