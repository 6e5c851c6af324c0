using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using ShutdownGuard.CodeFixes.Draining;
using ShutdownGuard.Rules;
using ShutdownGuard.Tests.Verification;

namespace ShutdownGuard.Tests.Rules;

public class ReadinessGateCodeFixTests
{
    private const string Usings = """
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;

        """;

    private static DiagnosticResult SG1002 => Expect.Diagnostic("SG1002", DiagnosticSeverity.Warning);

    private static CodeFixVerifier<ProgramAnalyzer, ReadinessGateCodeFix> Fix() =>
        new CodeFixVerifier<ProgramAnalyzer, ReadinessGateCodeFix>(ReadinessGateCodeFix.EquivalenceKey).Only("SG1002");

    [Fact]
    public async Task A_lambda_that_returns_text_answers_503_while_stopping()
    {
        await Fix()
            .Source(
                Usings + """
                var app = WebApplication.CreateBuilder(args).Build();
                {|#0:app.MapGet("/ready", () => "ready")|};
                app.Run();
                """,
                Usings + """
                var app = WebApplication.CreateBuilder(args).Build();
                app.MapGet("/ready", (IHostApplicationLifetime lifetime) => lifetime.ApplicationStopping.IsCancellationRequested ? Results.StatusCode(StatusCodes.Status503ServiceUnavailable) : Results.Text("ready"));
                app.Run();
                """)
            .Expect(SG1002.WithLocation(0))
            .RunAsync();
    }

    [Fact]
    public async Task A_lambda_that_returns_a_result_keeps_it_and_its_parameters()
    {
        await Fix()
            .Source(
                Usings + """
                var app = WebApplication.CreateBuilder(args).Build();
                {|#0:app.MapGet("/ready", (HttpContext context) => Results.Ok(context.TraceIdentifier))|};
                app.Run();
                """,
                Usings + """
                var app = WebApplication.CreateBuilder(args).Build();
                app.MapGet("/ready", (HttpContext context, IHostApplicationLifetime lifetime) => lifetime.ApplicationStopping.IsCancellationRequested ? Results.StatusCode(StatusCodes.Status503ServiceUnavailable) : Results.Ok(context.TraceIdentifier));
                app.Run();
                """)
            .Expect(SG1002.WithLocation(0))
            .RunAsync();
    }

    [Fact]
    public async Task A_block_lambda_that_returns_results_gets_a_guard()
    {
        await Fix()
            .Source(
                Usings + """
                var app = WebApplication.CreateBuilder(args).Build();
                {|#0:app.MapGet("/ready", () =>
                {
                    return Results.Ok();
                })|};
                app.Run();
                """,
                Usings + """
                var app = WebApplication.CreateBuilder(args).Build();
                app.MapGet("/ready", (IHostApplicationLifetime lifetime) =>
                {
                    if (lifetime.ApplicationStopping.IsCancellationRequested)
                    {
                        return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
                    }

                    return Results.Ok();
                });
                app.Run();
                """)
            .Expect(SG1002.WithLocation(0))
            .RunAsync();
    }

    [Fact]
    public async Task The_scaffolding_s_flag_is_reused_when_the_project_has_it()
    {
        const string Scaffolding = """
            using Microsoft.Extensions.Hosting;

            sealed class GracefulShutdown
            {
                public GracefulShutdown(IHostApplicationLifetime lifetime) => lifetime.ApplicationStopping.Register(() => IsStopping = true);

                public bool IsStopping { get; private set; }
            }
            """;
        await Fix()
            .Source(
                Usings + """
                var app = WebApplication.CreateBuilder(args).Build();
                {|#0:app.MapGet("/ready", () => Results.Ok())|};
                app.Run();
                """,
                Usings + """
                var app = WebApplication.CreateBuilder(args).Build();
                app.MapGet("/ready", (GracefulShutdown shutdown) => shutdown.IsStopping ? Results.StatusCode(StatusCodes.Status503ServiceUnavailable) : Results.Ok());
                app.Run();
                """)
            .Source(Scaffolding)
            .Expect(SG1002.WithLocation(0))
            .RunAsync();
    }

    [Fact]
    public async Task A_controller_action_returns_503_while_stopping()
    {
        const string Before = Usings + """
            using Microsoft.AspNetCore.Mvc;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddControllers();
            var app = builder.Build();
            app.MapControllers();
            app.Run();

            [ApiController]
            [Route("health")]
            public sealed class HealthController : ControllerBase
            {
                [HttpGet("ready")]
                public IActionResult {|#0:Ready|}()
                {
                    return Ok("ready");
                }

                [HttpGet("readyz")]
                public IActionResult {|#1:Readyz|}() => Ok();
            }
            """;
        const string After = Usings + """
            using Microsoft.AspNetCore.Mvc;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddControllers();
            var app = builder.Build();
            app.MapControllers();
            app.Run();

            [ApiController]
            [Route("health")]
            public sealed class HealthController : ControllerBase
            {
                [HttpGet("ready")]
                public IActionResult Ready([FromServices] IHostApplicationLifetime lifetime)
                {
                    if (lifetime.ApplicationStopping.IsCancellationRequested)
                    {
                        return StatusCode(StatusCodes.Status503ServiceUnavailable);
                    }

                    return Ok("ready");
                }

                [HttpGet("readyz")]
                public IActionResult Readyz([FromServices] IHostApplicationLifetime lifetime) => lifetime.ApplicationStopping.IsCancellationRequested ? StatusCode(StatusCodes.Status503ServiceUnavailable) : Ok();
            }
            """;
        await Fix()
            .Source(Before, After)
            .GlobalConfig("shutdown_guard.readiness_paths = /health/ready,/health/readyz\n")
            .Expect(SG1002.WithLocation(0), SG1002.WithLocation(1))
            .RunAsync();
    }

    [Theory]
    [InlineData("", "")]
    [InlineData(", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = check => check.Tags.Contains(\"ready\") }", ", tags: new[] { \"ready\" }")]
    public async Task A_health_check_endpoint_gets_a_stopping_check_its_predicate_selects(string options, string tags)
    {
        // The check's own usings are there already, so the fix only adds code.
        const string CheckUsings = "using System.Threading;\nusing System.Threading.Tasks;\nusing Microsoft.Extensions.Diagnostics.HealthChecks;\n";
        await Fix()
            .Source(
                CheckUsings + Usings + $$"""
                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddHealthChecks();
                var app = builder.{|#1:Build()|};
                {|#0:app.MapHealthChecks("/ready"{{options}})|};
                app.Run();
                """,
                CheckUsings + Usings + $$"""
                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddHealthChecks();
                builder.Services.AddHealthChecks().AddCheck<StoppingHealthCheck>("stopping"{{tags}});
                var app = builder.Build();
                app.MapHealthChecks("/ready"{{options}});
                app.Run();

                /// <summary>
                /// Unhealthy from the moment the app starts stopping: readiness fails, so load balancers that probe the pod stop
                /// routing to it while it drains. Never register it for liveness: a failing liveness probe restarts the container.
                /// </summary>
                internal sealed class StoppingHealthCheck : IHealthCheck
                {
                    private readonly IHostApplicationLifetime _lifetime;

                    public StoppingHealthCheck(IHostApplicationLifetime lifetime) => _lifetime = lifetime;

                    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
                        Task.FromResult(_lifetime.ApplicationStopping.IsCancellationRequested
                            ? HealthCheckResult.Unhealthy("The app is stopping.")
                            : HealthCheckResult.Healthy());
                }
                """)
            .Expect(SG1002.WithLocation(0).WithLocation(1))
            .RunAsync();
    }

    [Fact]
    public async Task An_endpoint_that_liveness_also_probes_is_never_gated()
    {
        await Fix()
            .Source(Usings + """
                var app = WebApplication.CreateBuilder(args).Build();
                {|#0:app.MapGet("/health", () => "ok")|};
                app.Run();
                """)
            .GlobalConfig("shutdown_guard.readiness_paths = /health\nshutdown_guard.liveness_paths = /health\n")
            .Expect(SG1002.WithLocation(0))
            .NoFix()
            .RunAsync();
    }

    [Fact]
    public async Task An_async_handler_is_left_to_the_user()
    {
        await Fix()
            .Source(Usings + """
                var app = WebApplication.CreateBuilder(args).Build();
                {|#0:app.MapGet("/ready", async () => { await System.Threading.Tasks.Task.Yield(); return "ready"; })|};
                app.Run();
                """)
            .Expect(SG1002.WithLocation(0))
            .NoFix()
            .RunAsync();
    }

    [Fact]
    public async Task Fix_All_gates_every_readiness_endpoint()
    {
        await Fix()
            .Source(
                Usings + """
                var app = WebApplication.CreateBuilder(args).Build();
                {|#0:app.MapGet("/ready", () => "ready")|};
                {|#1:app.MapGet("/readyz", () => Results.Ok())|};
                app.Run();
                """,
                Usings + """
                var app = WebApplication.CreateBuilder(args).Build();
                app.MapGet("/ready", (IHostApplicationLifetime lifetime) => lifetime.ApplicationStopping.IsCancellationRequested ? Results.StatusCode(StatusCodes.Status503ServiceUnavailable) : Results.Text("ready"));
                app.MapGet("/readyz", (IHostApplicationLifetime lifetime) => lifetime.ApplicationStopping.IsCancellationRequested ? Results.StatusCode(StatusCodes.Status503ServiceUnavailable) : Results.Ok());
                app.Run();
                """)
            .Expect(SG1002.WithLocation(0), SG1002.WithLocation(1))
            .RunAsync();
    }
}
