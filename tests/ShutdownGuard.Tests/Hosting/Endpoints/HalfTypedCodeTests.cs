using static ShutdownGuard.Tests.Hosting.Endpoints.EndpointModelRunner;
using static ShutdownGuard.Tests.Hosting.Endpoints.MinimalApiEndpointsTests;

namespace ShutdownGuard.Tests.Hosting.Endpoints;

/// <summary>The collector runs on every keystroke: code in the middle of being typed must never make it throw, nor
/// lose what the finished code around it maps.</summary>
public class HalfTypedCodeTests
{
    [Theory]
    [InlineData("app.MapGet(\"/ready\", () => ")]
    [InlineData("app.MapGet(\"/ready\"")]
    [InlineData("app.MapGet(")]
    [InlineData("app.MapGet(\"/ready\", (IHostApplicationLifetime l) => l.ApplicationStopping.")]
    [InlineData("app.MapGroup().MapGet(\"/x\", () => 1);")]
    [InlineData("app.MapGroup(\"/g\").MapGet(, () => 1);")]
    [InlineData("app.MapHealthChecks(\"/ready\", new HealthCheckOptions { Predicate = c => c.Tags.Contains( });")]
    [InlineData("app.MapHealthChecks(\"/ready\", new HealthCheckOptions { Predicate = c => });")]
    [InlineData("app.MapHealthChecks(\"/ready\", new HealthCheckOptions { Predicate = });")]
    [InlineData("builder.Services.AddHealthChecks().AddCheck<>(\"x\", tags: [\"ready\", ]);")]
    [InlineData("builder.Services.AddHealthChecks().AddCheck(\"x\", () => , tags: new[] { \"ready\" ")]
    [InlineData("app.Lifetime.ApplicationStopping.Register(() => flag = );")]
    [InlineData("app.UseHealthChecks(")]
    [InlineData("app.Map(\"/x\", branch => ")]
    [InlineData("Missing.MapEverything(app);")]
    public async Task A_broken_statement_keeps_the_endpoints_mapped_before_it(string statement)
    {
        var model = await ModelOfBrokenCodeAsync(Usings + """
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            var flag = false;
            app.MapGet("/orders", () => "[]");

            """ + statement + """

            app.Run();
            """);

        Assert.Equal("/orders", Assert.Single(model.Serving("/orders")).Route);
    }

    [Theory]
    [InlineData("[Route(\"api/[controller]\"")]
    [InlineData("[Route(]")]
    [InlineData("[Route(\"x\")] public class")]
    [InlineData("[Route(\"x\")] public class Half : ControllerBase { [HttpGet(\"y\" public IActionResult Get() => Ok(); }")]
    [InlineData("public class ReadyCheck : IHealthCheck { public Task<HealthCheckResult> CheckHealthAsync(")]
    [InlineData("public sealed class Stop : IHostedService { public Task StopAsync(CancellationToken t) { Flags.Stopping = ; } }")]
    public async Task A_broken_declaration_keeps_the_endpoints_the_program_maps(string declaration)
    {
        var model = await ModelOfBrokenCodeAsync(Usings + "using Microsoft.AspNetCore.Mvc;\n" + """
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.MapGet("/orders", () => "[]");
            app.MapControllers();
            app.Run();

            static class Flags { public static bool Stopping; }

            """ + declaration);

        Assert.Equal("/orders", Assert.Single(model.Serving("/orders")).Route);
    }
}
