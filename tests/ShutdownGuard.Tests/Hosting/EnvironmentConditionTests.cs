using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using ShutdownGuard.Hosting;
using ShutdownGuard.Hosting.Endpoints;
using static ShutdownGuard.Tests.Hosting.Endpoints.EndpointModelRunner;
using static ShutdownGuard.Tests.Hosting.Endpoints.MinimalApiEndpointsTests;

namespace ShutdownGuard.Tests.Hosting;

public class EnvironmentConditionTests
{
    private static readonly ImmutableArray<string?> Production = ImmutableArray.Create<string?>("Production");
    private static readonly ImmutableArray<string?> Development = ImmutableArray.Create<string?>("Development");
    private static readonly ImmutableArray<string?> Unknown = ImmutableArray.Create(new string?[] { null });

    [Fact]
    public void Negation_conjunction_and_disjunction_keep_sets_of_names()
    {
        var development = EnvironmentCondition.Only("Development");
        var staging = EnvironmentCondition.Only("staging");

        Assert.True(development.Holds("development"));
        Assert.False(development.Holds("Production"));
        Assert.Null(development.Holds((string?)null));
        Assert.True(development.Not().Holds("Production"));
        Assert.True(development.Or(staging).Holds("Staging"));
        Assert.False(development.Or(staging).Holds("Production"));
        Assert.False(development.And(staging).Holds("Development"));
        Assert.True(development.Not().And(staging.Not()).Holds("Production"));
        Assert.False(development.Not().And(staging.Not()).Holds("Staging"));
        Assert.True(EnvironmentCondition.Always.Holds((string?)null));
    }

    [Fact]
    public void What_cannot_be_evaluated_stays_unknown_unless_the_other_side_decides()
    {
        var development = EnvironmentCondition.Only("Development");

        Assert.Null(development.And(EnvironmentCondition.Unknown).Holds("Development"));
        Assert.Null(development.Or(EnvironmentCondition.Unknown).Holds("Production"));
        Assert.False(EnvironmentCondition.Never.And(EnvironmentCondition.Unknown).Holds("Production"));
        Assert.True(EnvironmentCondition.Always.Or(EnvironmentCondition.Unknown).Holds("Production"));
    }

    [Fact]
    public void Containers_that_disagree_leave_it_unknown()
    {
        var development = EnvironmentCondition.Only("Development");

        Assert.True(development.Holds(ImmutableArray.Create<string?>("Development", "development")));
        Assert.Null(development.Holds(ImmutableArray.Create<string?>("Development", "Production")));
        Assert.False(development.Holds(ImmutableArray.Create<string?>("Staging", "Production")));
    }

    [Theory]
    [InlineData("if (app.Environment.IsDevelopment()) { MAP }", "Development")]
    [InlineData("if (!app.Environment.IsDevelopment()) { MAP }", "Production")]
    [InlineData("if (app.Environment.IsProduction()) MAP", "Production")]
    [InlineData("if (app.Environment.IsStaging() || app.Environment.IsEnvironment(\"qa\")) MAP", "QA")]
    [InlineData("if (app.Environment.IsDevelopment()) { } else { MAP }", "Production")]
    [InlineData("if (!builder.Environment.IsDevelopment() && !app.Environment.IsStaging()) MAP", "Production")]
    [InlineData("if (app.Environment.IsDevelopment()) return; MAP", "Production")]
    [InlineData("Local.Map(app, app.Environment); static class Local { public static void Map(WebApplication app, IHostEnvironment env) { if (env.IsDevelopment()) MAP } }", "Development")]
    [InlineData("if (app.Environment.IsDevelopment()) Local.Map(app); static class Local { public static void Map(IEndpointRouteBuilder app) => MAP }", "Development")]
    public async Task A_mapping_exists_only_in_the_environments_its_condition_holds_in(string code, string environment)
    {
        var source = Program(code);
        var there = await ModelInAsync(ImmutableArray.Create<string?>(environment), ImmutableArray<MetadataReference>.Empty, source);
        var elsewhere = await ModelInAsync(ImmutableArray.Create<string?>(environment == "Production" ? "Development" : "Production"), ImmutableArray<MetadataReference>.Empty, source);

        Assert.Contains(there.Endpoints, endpoint => endpoint.Route == "/ready");
        Assert.False(there.RoutesUnknown);
        Assert.DoesNotContain(elsewhere.Endpoints, endpoint => endpoint.Route == "/ready");
        Assert.False(elsewhere.RoutesUnknown);
    }

    [Theory]
    [InlineData("if (app.Environment.EnvironmentName == \"Development\") MAP")]
    [InlineData("if (app.Environment.IsDevelopment() && args.Length > 0) MAP")]
    [InlineData("if (app.Environment.IsEnvironment(args[0])) MAP")]
    [InlineData("switch (app.Environment.EnvironmentName) { case \"Development\": MAP break; }")]
    public async Task A_condition_that_cannot_be_evaluated_makes_the_endpoint_unknown(string code)
    {
        var model = await ModelAsync(Program(code));

        var endpoint = Assert.Single(model.Endpoints, endpoint => endpoint.Route == "/ready");
        Assert.Null(endpoint.IsGated);
        Assert.Contains(model.UnknownRoutes, unknown => unknown.Reason == UnknownRoutesReason.EnvironmentCondition);
    }

    [Fact]
    public async Task In_an_unknown_environment_every_conditional_endpoint_is_unknown_and_the_others_stay()
    {
        var model = await ModelInAsync(Unknown, ImmutableArray<MetadataReference>.Empty, Program("if (app.Environment.IsDevelopment()) MAP app.MapGet(\"/orders\", () => \"ok\");"));

        Assert.True(model.RoutesUnknown);
        Assert.Equal(new bool?[] { null, false }, model.Endpoints.Select(endpoint => endpoint.IsGated));
    }

    [Fact]
    public async Task Conditions_that_do_not_test_the_environment_are_not_read()
    {
        var model = await ModelAsync(Program("if (args.Length > 0) MAP"));

        Assert.Contains(model.Endpoints, endpoint => endpoint.Route == "/ready" && endpoint.IsGated == false);
        Assert.False(model.RoutesUnknown);
    }

    [Fact]
    public async Task A_health_check_registered_only_elsewhere_is_not_run_and_one_that_may_be_makes_the_gate_unknown()
    {
        const string Code = Usings + """
            var builder = WebApplication.CreateBuilder(args);
            var checks = builder.Services.AddHealthChecks();
            if (builder.Environment.IsDevelopment())
            {
                checks.AddCheck<StoppingCheck>("stopping");
            }

            var app = builder.Build();
            app.MapHealthChecks("/ready");
            app.Run();

            sealed class StoppingCheck(IHostApplicationLifetime lifetime) : IHealthCheck
            {
                public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
                    Task.FromResult(lifetime.ApplicationStopping.IsCancellationRequested ? HealthCheckResult.Unhealthy() : HealthCheckResult.Healthy());
            }
            """;

        Assert.True((await ModelInAsync(Development, ImmutableArray<MetadataReference>.Empty, Code)).Endpoints.Single().IsGated);
        Assert.False((await ModelInAsync(Production, ImmutableArray<MetadataReference>.Empty, Code)).Endpoints.Single().IsGated);
        Assert.Null((await ModelInAsync(Unknown, ImmutableArray<MetadataReference>.Empty, Code)).Endpoints.Single().IsGated);
    }

    [Fact]
    public async Task Settings_and_delays_keep_the_condition_that_guards_them()
    {
        var model = await Verification.AppModelCapture.CollectAsync(Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = builder.Environment.IsDevelopment() ? TimeSpan.FromSeconds(2) : TimeSpan.FromSeconds(20));
            var app = builder.Build();
            if (!app.Environment.IsDevelopment())
            {
                app.Lifetime.ApplicationStopping.Register(() => Thread.Sleep(5000));
            }

            app.Run();
            """);

        Assert.Equal(new double?[] { 2, 20 }, model.TimeoutSettings.Select(setting => setting.Seconds));
        Assert.Equal(new double?[] { 20 }, model.In(Production).TimeoutSettings.Select(setting => setting.Seconds));
        Assert.Equal(new double?[] { null }, model.In(Unknown).TimeoutSettings.Select(setting => setting.Seconds).Distinct());
        Assert.Equal(new double?[] { 5 }, model.In(Production).InAppDelays.Select(delay => delay.Seconds));
        Assert.Empty(model.In(Development).InAppDelays);
        Assert.True(Assert.Single(model.In(Unknown).InAppDelays).MayNotRun);
    }

    [Theory]
    [InlineData("if (!app.Environment.IsDevelopment()) { app.Lifetime.ApplicationStopping.Register(Drain.Hold); }")]
    [InlineData("if (app.Environment.IsDevelopment()) { return; } app.Lifetime.ApplicationStopping.Register(() => Drain.Hold());")]
    [InlineData("app.Lifetime.ApplicationStopping.Register(() => { if (app.Environment.IsProduction()) Drain.Hold(); });")]
    [InlineData("app.Lifetime.ApplicationStopping.Register(() => { if (!app.Environment.IsDevelopment()) { Drain.Wrapped(); } });")]
    public async Task The_guard_of_a_registration_or_a_call_reaches_the_delays_of_the_methods_it_calls(string code)
    {
        var model = await Verification.AppModelCapture.CollectAsync(Usings + """
            var app = WebApplication.CreateBuilder(args).Build();
            CODE
            app.Run();

            static class Drain
            {
                public static void Hold() => Wait();

                public static void Wrapped() => Hold();

                private static void Wait() => Thread.Sleep(5000);
            }
            """.Replace("CODE", code));

        Assert.Equal(new double?[] { 5 }, model.In(Production).InAppDelays.Select(delay => delay.Seconds));
        Assert.Empty(model.In(Development).InAppDelays);
        Assert.True(Assert.Single(model.In(Unknown).InAppDelays).MayNotRun);
    }

    [Fact]
    public async Task A_method_registered_under_two_guards_runs_where_either_holds()
    {
        var model = await Verification.AppModelCapture.CollectAsync(Usings + """
            var app = WebApplication.CreateBuilder(args).Build();
            if (app.Environment.IsDevelopment())
            {
                app.Lifetime.ApplicationStopping.Register(Drain.Hold);
            }

            if (app.Environment.IsStaging())
            {
                app.Lifetime.ApplicationStopping.Register(Drain.Hold);
            }

            app.Run();

            static class Drain
            {
                public static void Hold() => Thread.Sleep(5000);
            }
            """);

        Assert.Equal(new double?[] { 5 }, model.In(Development).InAppDelays.Select(delay => delay.Seconds));
        Assert.Equal(new double?[] { 5 }, model.In(ImmutableArray.Create<string?>("Staging")).InAppDelays.Select(delay => delay.Seconds));
        Assert.Empty(model.In(Production).InAppDelays);
    }

    [Fact]
    public async Task Lost_and_late_stopping_delays_keep_the_condition_of_their_registration()
    {
        var model = await Verification.AppModelCapture.CollectAsync(Usings + """
            var builder = WebApplication.CreateBuilder(args);
            if (builder.Environment.IsProduction())
            {
                builder.Services.AddHostedService<Drain>();
            }

            var app = builder.Build();
            if (app.Environment.IsDevelopment())
            {
                app.Lifetime.ApplicationStopping.Register(async () => await Task.Delay(3000));
            }

            app.Run();

            sealed class Drain : IHostedService
            {
                public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

                public Task StopAsync(CancellationToken cancellationToken) => Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
            }
            """);

        Assert.Equal(3, Assert.Single(model.In(Development).LostStoppingDelays).Delay.Seconds);
        Assert.Empty(model.In(Production).LostStoppingDelays);
        Assert.True(Assert.Single(model.In(Unknown).LostStoppingDelays).Delay.MayNotRun);
        Assert.Equal(5, Assert.Single(model.In(Production).LateStopDelays).Seconds);
        Assert.Empty(model.In(Development).LateStopDelays);
        Assert.True(Assert.Single(model.In(Unknown).LateStopDelays).MayNotRun);
    }

    /// <summary>A web app followed by code whose <c>MAP</c> stands for <c>app.MapGet("/ready", …);</c>.</summary>
    private static string Program(string code) => Usings + """
        var builder = WebApplication.CreateBuilder(args);
        var app = builder.Build();
        app.Run();

        """ + code.Replace("MAP", "app.MapGet(\"/ready\", () => \"ok\");");
}
