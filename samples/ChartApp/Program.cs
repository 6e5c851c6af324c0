// A web app deployed with an unmodified `helm create` chart (deploy/chart): the build renders the chart with helm, and
// ShutdownGuard reports what the cluster would get in the chart's own files.
var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();

app.MapGet("/", () => "ChartApp");

app.Run();
