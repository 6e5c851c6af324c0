using System.Collections.Immutable;
using static ShutdownGuard.Tests.Hosting.Endpoints.EndpointModelRunner;
using static ShutdownGuard.Tests.Hosting.Endpoints.MinimalApiEndpointsTests;

namespace ShutdownGuard.Tests.Hosting.Endpoints;

public class ShutdownGateTests
{
    [Fact]
    public async Task Reading_the_lifetime_gates_a_handler_and_returning_ok_does_not()
    {
        var model = await ModelAsync(Usings + """
            var app = WebApplication.CreateBuilder(args).Build();
            app.MapGet("/ready", (IHostApplicationLifetime lifetime) =>
                lifetime.ApplicationStopping.IsCancellationRequested ? Results.StatusCode(503) : Results.Ok());
            app.MapGet("/readyz", Ready);
            app.MapGet("/live", () => "ok");
            app.MapGet("/obsolete", (Microsoft.AspNetCore.Hosting.IApplicationLifetime lifetime) => lifetime.ApplicationStopping.IsCancellationRequested);
            app.MapGet("/elsewhere", Handlers.External);
            app.Run();

            IResult Ready(IHostApplicationLifetime lifetime)
            {
                var token = lifetime.ApplicationStopping;
                return token.IsCancellationRequested ? Results.StatusCode(503) : Results.Ok();
            }

            static class Handlers
            {
                public static readonly Func<string> External = () => "ok";
            }
            """);

        Assert.Equal(new bool?[] { true, true, false, true, null }, model.Endpoints.Select(endpoint => endpoint.IsGated));
        Assert.Empty(model.StoppingFlags);
    }

    [Fact]
    public async Task A_flag_written_on_stopping_in_one_file_gates_a_health_check_in_another()
    {
        var model = await ModelAsync(
            Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddSingleton<Readiness>();
            builder.Services.AddHealthChecks()
                .AddCheck<ReadinessCheck>("readiness", tags: new[] { "ready" })
                .AddCheck("self", () => HealthCheckResult.Healthy(), tags: new[] { "live" });
            var app = builder.Build();
            var readiness = app.Services.GetRequiredService<Readiness>();
            app.Lifetime.ApplicationStopping.Register(() => readiness.IsStopping = true);
            app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
            app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = check => check.Tags.Contains("live") });
            app.MapHealthChecks("/health");
            app.Run();
            """,
            Usings + """
            public sealed class Readiness
            {
                public bool IsStopping { get; set; }
            }

            public sealed class ReadinessCheck(Readiness readiness) : IHealthCheck
            {
                public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
                    Task.FromResult(readiness.IsStopping ? HealthCheckResult.Unhealthy("stopping") : HealthCheckResult.Healthy());
            }
            """);

        Assert.Equal(new bool?[] { true, false, true }, model.Endpoints.Select(endpoint => endpoint.IsGated));
        Assert.Equal("IsStopping", Assert.Single(model.StoppingFlags).Name);
        Assert.Equal("IsStopping", Assert.Single(model.Endpoints[0].StoppingFlagsRead).Name);
        Assert.Equal(new bool?[] { true, false }, model.HealthChecks.Select(check => check.IsGated));
    }

    [Fact]
    public async Task A_flag_set_through_the_projects_methods_in_StoppingAsync_or_StopAsync_gates()
    {
        var model = await ModelAsync(
            Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHostedService<Drain>();
            builder.Services.AddHostedService<Legacy>();
            var app = builder.Build();
            app.MapGet("/ready", () => State.Ready() ? Results.Ok() : Results.StatusCode(503));
            app.MapGet("/legacy", () => State.LegacyStopping ? Results.StatusCode(503) : Results.Ok());
            app.MapGet("/never", () => State.NeverWritten ? Results.StatusCode(503) : Results.Ok());
            app.Run();
            """,
            Usings + """
            public static class State
            {
                private static volatile bool stopping;

                public static bool LegacyStopping;

                public static bool NeverWritten;

                public static bool Ready() => !IsStopping;

                private static bool IsStopping => stopping;

                public static void MarkStopping() => stopping = true;
            }

            public sealed class Drain : IHostedLifecycleService
            {
                public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
                public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
                public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

                public async Task StoppingAsync(CancellationToken cancellationToken)
                {
                    State.MarkStopping();
                    await Task.Delay(5000, cancellationToken);
                }

                public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
                public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
            }

            public sealed class Legacy : BackgroundService
            {
                protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.CompletedTask;

                public override Task StopAsync(CancellationToken cancellationToken)
                {
                    Volatile.Write(ref State.LegacyStopping, true);
                    return base.StopAsync(cancellationToken);
                }
            }
            """);

        Assert.Equal(new bool?[] { true, true, false }, model.Endpoints.Select(endpoint => endpoint.IsGated));
        Assert.Equal(new[] { "State.LegacyStopping", "State.stopping" }, model.StoppingFlags.Select(flag => flag.ToDisplayString()));
    }

    [Fact]
    public async Task Captured_locals_written_on_stopping_gate_and_same_named_locals_elsewhere_do_not()
    {
        var model = await ModelAsync(Usings + """
            var app = WebApplication.CreateBuilder(args).Build();
            var draining = false;
            var stopping = new CancellationTokenSource();
            var started = false;
            app.Lifetime.ApplicationStopping.Register(() =>
            {
                draining = true;
                stopping.Cancel();
            });
            app.Lifetime.ApplicationStarted.Register(() => started = true);
            app.MapGet("/ready", () => draining ? Results.StatusCode(503) : Results.Ok());
            app.MapGet("/readyz", () => stopping.IsCancellationRequested ? Results.StatusCode(503) : Results.Ok());
            app.MapGet("/started", () => started ? Results.Ok() : Results.StatusCode(503));
            Other.Map(app);
            app.Run();

            static class Other
            {
                public static void Map(WebApplication app)
                {
                    var draining = false;
                    app.Lifetime.ApplicationStarted.Register(() => draining = true);
                    app.MapGet("/other", () => draining ? Results.StatusCode(503) : Results.Ok());
                }
            }
            """);

        Assert.Equal(new bool?[] { true, true, false, false }, model.Endpoints.Select(endpoint => endpoint.IsGated));
        Assert.Equal(new[] { "draining", "stopping" }, model.StoppingFlags.Select(flag => flag.ToDisplayString()));
        Assert.Equal("draining", Assert.Single(model.Endpoints[0].StoppingFlagsRead).Name);
    }

    [Fact]
    public async Task A_stored_token_a_cancelled_source_and_a_controller_action_gate()
    {
        var model = await ModelAsync(Usings + """
            using Microsoft.AspNetCore.Mvc;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddControllers();
            builder.Services.AddSingleton<Shutdown>();
            builder.Services.AddHealthChecks().AddCheck<TokenCheck>("token");
            var app = builder.Build();
            app.Lifetime.ApplicationStopping.Register(app.Services.GetRequiredService<Shutdown>().Signal);
            app.MapControllers();
            app.MapHealthChecks("/token");
            app.Run();

            public sealed class Shutdown
            {
                private readonly CancellationTokenSource source = new();

                public bool Requested => source.IsCancellationRequested;

                public void Signal() => source.Cancel();
            }

            public sealed class TokenCheck : IHealthCheck
            {
                private readonly CancellationToken stopping;

                public TokenCheck(IHostApplicationLifetime lifetime) => stopping = lifetime.ApplicationStopping;

                public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
                    Task.FromResult(stopping.IsCancellationRequested ? HealthCheckResult.Unhealthy() : HealthCheckResult.Healthy());
            }

            [Route("probes")]
            public sealed class ProbesController(Shutdown shutdown) : ControllerBase
            {
                [HttpGet("ready")]
                public IActionResult Ready() => shutdown.Requested ? StatusCode(503) : Ok();

                [HttpGet("live")]
                public IActionResult Live() => Ok();
            }
            """);

        Assert.Equal(
            new[] { ("/token", (bool?)true), ("/probes/ready", true), ("/probes/live", false) },
            model.Endpoints.Select(endpoint => (endpoint.Route, endpoint.IsGated)));
        Assert.Equal("Shutdown.source", Assert.Single(model.StoppingFlags).ToDisplayString());
    }

    [Fact]
    public async Task Lifecycle_checks_gate_the_endpoints_that_run_them()
    {
        var library = await LibraryAsync("Microsoft.Extensions.Diagnostics.HealthChecks.Common", """
            using System.Collections.Generic;

            namespace Microsoft.Extensions.DependencyInjection
            {
                public static class CommonHealthChecksExtensions
                {
                    public static IHealthChecksBuilder AddApplicationLifecycleHealthCheck(this IHealthChecksBuilder builder, params string[] tags) => builder;
                }

                public static class ApplicationStatusHealthCheckBuilderExtensions
                {
                    public static IHealthChecksBuilder AddApplicationStatus(this IHealthChecksBuilder builder, string name = "applicationstatus", IEnumerable<string>? tags = null) => builder;
                }

                public static class NpgSqlHealthCheckBuilderExtensions
                {
                    public static IHealthChecksBuilder AddNpgSql(this IHealthChecksBuilder builder, string connectionString, string? name = default, IEnumerable<string>? tags = default) => builder;
                }
            }
            """);
        var model = await ModelAsync(ImmutableArray.Create(library), Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHealthChecks()
                .AddApplicationLifecycleHealthCheck("ready")
                .AddApplicationStatus(tags: new[] { "status" })
                .AddNpgSql("Host=db", tags: new[] { "db" });
            var app = builder.Build();
            app.MapHealthChecks("/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
            app.MapHealthChecks("/status", new HealthCheckOptions { Predicate = check => check.Name == "applicationstatus" });
            app.MapHealthChecks("/db", new HealthCheckOptions { Predicate = check => check.Tags.Contains("db") });
            app.MapHealthChecks("/named", new HealthCheckOptions { Predicate = check => check.Name == "npgsql" });
            app.Run();
            """);

        Assert.Equal(new bool?[] { true, true, false }, model.HealthChecks.Select(check => check.IsGated));
        Assert.Equal(new[] { true, true, false }, model.HealthChecks.Select(check => check.IsLifecycleCheck));
        Assert.Equal(new[] { null, "applicationstatus", null }, model.HealthChecks.Select(check => check.Name));

        // The lifecycle check's name is not known: a name predicate may or may not select it.
        Assert.Equal(new bool?[] { true, true, false, null }, model.Endpoints.Select(endpoint => endpoint.IsGated));
    }
}
