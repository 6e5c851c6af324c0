using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using ShutdownGuard.Tests.Verification;
using Verifier = ShutdownGuard.Tests.Verification.AnalyzerVerifier<ShutdownGuard.Rules.ProgramAnalyzer>;

namespace ShutdownGuard.Tests.Rules;

public class ReadinessGateRuleTests
{
    private const string Usings = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Diagnostics.HealthChecks;
        using Microsoft.Extensions.Hosting;

        """;

    private static DiagnosticResult SG1002 => Expect.Diagnostic("SG1002", DiagnosticSeverity.Warning);

    private static Verifier Verify() => new Verifier().Only("SG1002");

    private static string Manifest(string container) => $"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: orders
        spec:
          template:
            spec:
              containers:
              - name: orders-api
                image: orders-api:1.0
        {container}
        """;

    private const string PreStopSleep = "        lifecycle:\n          preStop:\n            sleep:\n              seconds: 5\n";

    [Fact]
    public async Task SG1002_stands_at_a_minimal_API_readiness_endpoint_without_a_gate()
    {
        await Verify()
            .Source(Usings + """
                var app = WebApplication.CreateBuilder(args).Build();
                {|#0:app.MapGet("/ready", () => "ready")|};
                app.MapGet("/orders", () => "[]");
                app.Run();
                """)
            .Expect(SG1002.WithLocation(0).WithArguments("/ready"))
            .RunAsync();
    }

    [Theory]
    [InlineData("app.MapGet(\"/ready\", (IHostApplicationLifetime lifetime) => lifetime.ApplicationStopping.IsCancellationRequested ? Results.StatusCode(503) : Results.Ok());")]
    [InlineData("var stopping = app.Lifetime.ApplicationStopping;\napp.MapGet(\"/ready\", () => stopping.IsCancellationRequested ? Results.StatusCode(503) : Results.Ok());")]
    [InlineData("app.MapGet(\"/ready\", Ready);\nIResult Ready(IHostApplicationLifetime lifetime) => Check(lifetime);\nstatic IResult Check(IHostApplicationLifetime lifetime) => lifetime.ApplicationStopping.IsCancellationRequested ? Results.StatusCode(503) : Results.Ok();")]
    [InlineData("var draining = false;\napp.Lifetime.ApplicationStopping.Register(() => { draining = true; Thread.Sleep(5000); });\napp.MapGet(\"/ready\", () => draining ? Results.StatusCode(503) : Results.Ok());")]
    [InlineData("var draining = false;\nvoid OnStopping() { draining = true; Thread.Sleep(5000); }\napp.Lifetime.ApplicationStopping.Register(OnStopping);\napp.MapGet(\"/ready\", () => draining ? Results.StatusCode(503) : Results.Ok());")]
    [InlineData("var draining = false;\nRegisterDrain(app.Lifetime);\napp.MapGet(\"/ready\", () => draining ? Results.StatusCode(503) : Results.Ok());\nvoid RegisterDrain(IHostApplicationLifetime lifetime) => lifetime.ApplicationStopping.Register(() => draining = true);")]
    [InlineData("var draining = false;\napp.Lifetime.ApplicationStopping.Register(() => Volatile.Write(ref draining, true));\napp.MapGet(\"/ready\", Ready);\nIResult Ready() => Volatile.Read(ref draining) ? Results.StatusCode(503) : Results.Ok();")]
    [InlineData("var draining = false;\nvar token = app.Lifetime.ApplicationStopping;\ntoken.Register(() => draining = true);\napp.MapGet(\"/ready\", () => draining ? Results.StatusCode(503) : Results.Ok());")]
    [InlineData("var stopping = new CancellationTokenSource();\napp.Lifetime.ApplicationStopping.Register(() => stopping.Cancel());\napp.MapGet(\"/ready\", () => stopping.IsCancellationRequested ? Results.StatusCode(503) : Results.Ok());")]
    public async Task A_handler_that_reads_the_lifetime_or_a_captured_local_written_on_stopping_is_gated(string mapping)
    {
        await Verify().Source(Usings + "var app = WebApplication.CreateBuilder(args).Build();\n" + mapping + "\napp.Run();").RunAsync();
    }

    [Fact]
    public async Task A_flag_set_on_stopping_in_one_file_and_read_by_a_health_check_in_another_is_a_gate()
    {
        await Verify()
            .Source(Usings + """
                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddHealthChecks().AddCheck<ReadinessCheck>("ready");
                var app = builder.Build();
                app.Lifetime.ApplicationStopping.Register(() => ShutdownState.Stopping = true);
                app.MapHealthChecks("/ready");
                app.Run();
                """)
            .Source("""
                static class ShutdownState
                {
                    public static volatile bool Stopping;
                }
                """)
            .Source("""
                using System.Threading;
                using System.Threading.Tasks;
                using Microsoft.Extensions.Diagnostics.HealthChecks;

                sealed class ReadinessCheck : IHealthCheck
                {
                    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
                        Task.FromResult(ShutdownState.Stopping ? HealthCheckResult.Unhealthy("stopping") : HealthCheckResult.Healthy());
                }
                """)
            .RunAsync();
    }

    [Fact]
    public async Task A_flag_never_written_on_stopping_is_no_gate()
    {
        await Verify()
            .Source(Usings + """
                var app = WebApplication.CreateBuilder(args).Build();
                {|#0:app.MapGet("/ready", () => State.Broken ? Results.StatusCode(503) : Results.Ok())|};
                app.Run();

                static class State
                {
                    public static bool Broken;
                }
                """)
            .Expect(SG1002.WithLocation(0).WithArguments("/ready"))
            .RunAsync();
    }

    [Fact]
    public async Task A_local_of_Main_captured_by_the_stopping_callback_and_the_handler_is_a_gate()
    {
        await Verify()
            .Source(Usings + """
                public static class Program
                {
                    public static void Main(string[] args)
                    {
                        var app = WebApplication.CreateBuilder(args).Build();
                        var lifetime = app.Services.GetRequiredService<IHostApplicationLifetime>();
                        var draining = false;
                        lifetime.ApplicationStopping.Register(() =>
                        {
                            draining = true;
                            Thread.Sleep(5000);
                        });
                        app.MapGet("/ready", () => draining ? Results.StatusCode(503) : Results.Ok());
                        app.Run();
                    }
                }
                """)
            .RunAsync();
    }

    [Theory]
    [InlineData("app.Lifetime.ApplicationStopping.Register(() => Thread.Sleep(5000));")]
    [InlineData("app.Lifetime.ApplicationStarted.Register(() => draining = true);")]
    [InlineData("draining = args.Length > 0;\napp.Lifetime.ApplicationStopping.Register(() => Thread.Sleep(5000));")]
    [InlineData("app.Lifetime.ApplicationStopping.Register(() => { var draining = true; Thread.Sleep(draining ? 5000 : 0); });")]
    [InlineData("Drain(app.Lifetime);\nstatic void Drain(IHostApplicationLifetime lifetime) { var draining = false; lifetime.ApplicationStopping.Register(() => draining = true); }")]
    public async Task A_local_the_stopping_code_does_not_write_is_no_gate(string code)
    {
        await Verify()
            .Source(Usings + "var app = WebApplication.CreateBuilder(args).Build();\nvar draining = false;\n" + code
                + "\n{|#0:app.MapGet(\"/ready\", () => draining ? Results.StatusCode(503) : Results.Ok())|};\napp.Run();")
            .Expect(SG1002.WithLocation(0).WithArguments("/ready"))
            .RunAsync();
    }

    [Fact]
    public async Task The_token_held_in_a_field_runs_its_callbacks_on_stopping()
    {
        const string Program = Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHostedService<Drain>();
            var app = builder.Build();
            {|#0:app.MapGet("/ready", () => Drain.Stopping ? Results.StatusCode(503) : Results.Ok())|};
            app.Run();
            """;
        const string Drain = """
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.Extensions.Hosting;

            sealed class Drain(IHostApplicationLifetime lifetime) : IHostedService
            {
                public static volatile bool Stopping;

                private readonly CancellationToken _token = lifetime.TOKEN;

                public Task StartAsync(CancellationToken cancellationToken)
                {
                    _token.Register(() => Stopping = true);
                    return Task.CompletedTask;
                }

                public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """;
        await Verify().Source(Program).Source(Drain.Replace("TOKEN", "ApplicationStopping")).RunAsync();
        await Verify().Source(Program).Source(Drain.Replace("TOKEN", "ApplicationStarted")).Expect(SG1002.WithLocation(0).WithArguments("/ready")).RunAsync();
    }

    [Fact]
    public async Task A_flag_written_in_an_explicit_StopAsync_is_a_gate()
    {
        await Verify()
            .Source(Usings + """
                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddHostedService<Drain>();
                var app = builder.Build();
                app.MapGet("/ready", () => Drain.Stopping ? Results.StatusCode(503) : Results.Ok());
                app.Run();

                sealed class Drain : IHostedService
                {
                    public static volatile bool Stopping;

                    Task IHostedService.StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

                    Task IHostedService.StopAsync(CancellationToken cancellationToken)
                    {
                        Stopping = true;
                        return Task.CompletedTask;
                    }
                }
                """)
            .RunAsync();
    }

    [Fact]
    public async Task The_manifest_s_readiness_path_decides_which_endpoint_is_readiness()
    {
        await Verify()
            .Source(Usings + """
                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddHealthChecks();
                var app = builder.{|#1:Build()|};
                app.MapGet("/ready", () => "not the probe");
                {|#0:app.MapHealthChecks("/healthz/ready")|};
                app.Run();
                """)
            .File("/k8s/deployment.yaml", Manifest("        readinessProbe:\n          httpGet: {path: /healthz/ready, port: 8080}\n"))
            .Expect(SG1002.WithLocation(0).WithLocation(1).WithArguments("/healthz/ready"))
            .RunAsync();
    }

    [Fact]
    public async Task A_health_check_endpoint_whose_predicate_selects_a_gated_check_is_gated()
    {
        await Verify()
            .Source(Usings + """
                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddHealthChecks().AddCheck<StoppingCheck>("stopping", tags: new[] { "ready" });
                var app = builder.Build();
                app.MapHealthChecks("/ready", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
                app.Run();

                sealed class StoppingCheck(IHostApplicationLifetime lifetime) : IHealthCheck
                {
                    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
                        Task.FromResult(lifetime.ApplicationStopping.IsCancellationRequested ? HealthCheckResult.Unhealthy() : HealthCheckResult.Healthy());
                }
                """)
            .RunAsync();
    }

    [Fact]
    public async Task A_health_check_endpoint_whose_predicate_leaves_the_gated_check_out_is_not_gated()
    {
        await Verify()
            .Source(Usings + """
                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddHealthChecks().AddCheck<StoppingCheck>("stopping", tags: new[] { "shutdown" });
                var app = builder.{|#1:Build()|};
                {|#0:app.MapHealthChecks("/ready", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") })|};
                app.Run();

                sealed class StoppingCheck(IHostApplicationLifetime lifetime) : IHealthCheck
                {
                    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
                        Task.FromResult(lifetime.ApplicationStopping.IsCancellationRequested ? HealthCheckResult.Unhealthy() : HealthCheckResult.Healthy());
                }
                """)
            .Expect(SG1002.WithLocation(0).WithLocation(1).WithArguments("/ready"))
            .RunAsync();
    }

    [Fact]
    public async Task Route_groups_and_controllers_are_readiness_endpoints_too()
    {
        await Verify()
            .Source(Usings + """
                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddControllers();
                var app = builder.Build();
                var health = app.MapGroup("/health");
                {|#0:health.MapGet("/ready", () => "ready")|};
                app.MapControllers();
                app.Run();

                [ApiController]
                [Route("api/[controller]")]
                public sealed class StatusController : ControllerBase
                {
                    [HttpGet("readyz")]
                    public IActionResult {|#1:Ready|}() => Ok();
                }
                """)
            .GlobalConfig("shutdown_guard.readiness_paths = /health/ready,/api/status/readyz\n")
            .Expect(SG1002.WithLocation(0).WithArguments("/health/ready"), SG1002.WithLocation(1).WithArguments("/api/status/readyz"))
            .RunAsync();
    }

    [Fact]
    public async Task A_preStop_delay_without_an_in_app_delay_makes_the_gate_pointless()
    {
        const string Code = Usings + """
            var app = WebApplication.CreateBuilder(args).Build();
            app.MapGet("/ready", () => "ready");
            app.Run();
            """;
        await Verify().Source(Code).File("/k8s/deployment.yaml", Manifest(PreStopSleep)).RunAsync();
        await Verify().Source(Code).GlobalConfig("shutdown_guard.prestop_delay_seconds = 10\n").RunAsync();
    }

    [Fact]
    public async Task A_preStop_delay_with_an_in_app_delay_still_needs_the_gate()
    {
        await Verify()
            .Source(Usings + """
                var app = WebApplication.CreateBuilder(args).Build();
                app.Lifetime.ApplicationStopping.Register(() => Thread.Sleep(5000));
                {|#0:app.MapGet("/ready", () => "ready")|};
                app.Run();
                """)
            .File("/k8s/deployment.yaml", Manifest(PreStopSleep))
            .Expect(SG1002.WithLocation(0).WithArguments("/ready"))
            .RunAsync();
    }

    [Theory]
    [InlineData("app.MapGet(\"/orders\", () => \"[]\");")]
    [InlineData("app.MapGet(route, () => \"ready\");")]
    public async Task No_readiness_endpoint_or_unknown_routes_are_silent(string mapping)
    {
        await Verify().Source(Usings + "var route = args[0];\nvar app = WebApplication.CreateBuilder(args).Build();\n" + mapping + "\napp.Run();").RunAsync();
    }

    [Fact]
    public async Task Workers_without_routing_are_silent()
    {
        await Verify()
            .References(References.Hosting80)
            .Source("using Microsoft.Extensions.Hosting;\nHost.CreateApplicationBuilder(args).Build().Run();")
            .RunAsync();
    }

    [Fact]
    public async Task Half_typed_mappings_raise_nothing_unexpected()
    {
        await Verify()
            .AllowCompilerErrors()
            .Source(Usings + "var app = WebApplication.CreateBuilder(args).Build();\napp.MapGet(\"/orders\", () =>\napp.MapHealthChecks(")
            .RunAsync();
    }
}
