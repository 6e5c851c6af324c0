using ShutdownGuard.Hosting.Endpoints;
using static ShutdownGuard.Tests.Hosting.Endpoints.EndpointModelRunner;
using static ShutdownGuard.Tests.Hosting.Endpoints.MinimalApiEndpointsTests;

namespace ShutdownGuard.Tests.Hosting.Endpoints;

public class HealthCheckEndpointsTests
{
    private const string Checks = """
        public sealed class DatabaseCheck : IHealthCheck
        {
            public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
                Task.FromResult(HealthCheckResult.Healthy());
        }

        """;

    [Fact]
    public async Task Registrations_keep_their_names_tags_and_types()
    {
        var model = await ModelAsync(Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHealthChecks()
                .AddCheck<DatabaseCheck>("db", tags: new[] { "ready", "db" })
                .AddCheck("self", () => HealthCheckResult.Healthy(), tags: ["live"])
                .AddCheck("instance", new DatabaseCheck())
                .AddTypeActivatedCheck<DatabaseCheck>("activated", HealthStatus.Degraded, tags: new[] { "ready" })
                .AddAsyncCheck("async", () => Task.FromResult(HealthCheckResult.Healthy()), new[] { Tag() });
            builder.Build().Run();

            static string Tag() => "computed";

            """ + Checks);

        Assert.Equal(new[] { "db", "self", "instance", "activated", "async" }, model.HealthChecks.Select(check => check.Name));
        Assert.Equal(new[] { "ready", "db" }, model.HealthChecks[0].Tags);
        Assert.Equal(new[] { "live" }, model.HealthChecks[1].Tags);
        Assert.Empty(model.HealthChecks[2].Tags);
        Assert.Equal(new[] { "ready" }, model.HealthChecks[3].Tags);
        Assert.True(model.HealthChecks[4].Tags.IsDefault);
        Assert.Equal(new[] { "DatabaseCheck", null, "DatabaseCheck", "DatabaseCheck", null }, model.HealthChecks.Select(check => check.CheckType?.Name));
        Assert.All(model.HealthChecks, check => Assert.False(check.IsLifecycleCheck));
    }

    [Theory]
    [InlineData("", "true", "db,self,tagged")]
    [InlineData(", new HealthCheckOptions()", "true", "db,self,tagged")]
    [InlineData(", new HealthCheckOptions { Predicate = null }", "true", "db,self,tagged")]
    [InlineData(", new HealthCheckOptions { Predicate = _ => false }", "false", "")]
    [InlineData(", new HealthCheckOptions { Predicate = _ => true }", "true", "db,self,tagged")]
    [InlineData(", new HealthCheckOptions { Predicate = check => check.Tags.Contains(\"ready\") }", "tag:READY", "db,tagged")]
    [InlineData(", new() { Predicate = r => r.Name == \"self\" }", "name:self", "self")]
    [InlineData(", new HealthCheckOptions { Predicate = r => \"self\" != r.Name }", "!name:self", "db,tagged")]
    [InlineData(", new HealthCheckOptions { Predicate = r => r.Tags.Contains(\"READY\") && !r.Tags.Contains(\"db\") }", "(tag:READY && !tag:DB)", "tagged")]
    [InlineData(", new HealthCheckOptions { Predicate = r => r.Name == \"self\" || r.Tags.Contains(\"db\") }", "(name:self || tag:DB)", "db,self")]
    public async Task Predicates_select_the_checks_an_endpoint_runs(string options, string predicate, string checks)
    {
        var model = await ModelAsync(Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHealthChecks()
                .AddCheck<DatabaseCheck>("db", tags: new[] { "ready", "db" })
                .AddCheck("self", () => HealthCheckResult.Healthy())
                .AddCheck<DatabaseCheck>("tagged", tags: ["Ready"]);
            var app = builder.Build();
            app.MapHealthChecks("/health"
            """ + options + """
            );
            app.Run();

            """ + Checks);

        var endpoint = Assert.Single(model.Endpoints);
        Assert.Equal(EndpointKind.HealthChecks, endpoint.Kind);
        Assert.Equal(predicate, endpoint.Predicate!.ToString());
        Assert.Equal(checks, string.Join(",", endpoint.Checks.Select(check => check.Name)));
    }

    [Theory]
    [InlineData("new HealthCheckOptions { Predicate = r => r.Name.StartsWith(\"d\") }")]
    [InlineData("new HealthCheckOptions { Predicate = Select }")]
    [InlineData("Options()")]
    public async Task An_unreadable_predicate_runs_unknown_checks_but_cannot_gate(string options)
    {
        var model = await ModelAsync(Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHealthChecks().AddCheck<DatabaseCheck>("db");
            var app = builder.Build();
            app.MapHealthChecks("/ready",
            """ + options + """
            );
            app.Run();

            static bool Select(HealthCheckRegistration registration) => true;
            static HealthCheckOptions Options() => new();

            """ + Checks);

        var endpoint = Assert.Single(model.Endpoints);
        Assert.False(endpoint.Predicate!.IsKnown);
        Assert.True(endpoint.Checks.IsDefault);

        // Whatever it selects, no registered check reacts to stopping (and selecting none answers healthy).
        Assert.False(endpoint.IsGated);
    }

    [Fact]
    public async Task A_tag_predicate_over_unknown_tags_runs_unknown_checks()
    {
        var model = await ModelAsync(Usings + """
            var builder = WebApplication.CreateBuilder(args);
            var tags = args;
            builder.Services.AddHealthChecks().AddCheck<DatabaseCheck>("db", tags: tags).AddCheck<DatabaseCheck>("named", tags: new[] { "ready" });
            var app = builder.Build();
            app.MapHealthChecks("/ready", new HealthCheckOptions { Predicate = r => r.Tags.Contains("ready") });
            app.MapHealthChecks("/named", new HealthCheckOptions { Predicate = r => r.Name == "named" });
            app.Run();

            """ + Checks);

        Assert.True(model.Endpoints[0].Checks.IsDefault);
        Assert.Equal("named", Assert.Single(model.Endpoints[1].Checks).Name);
    }

    [Fact]
    public async Task Options_in_a_local_and_middleware_with_options_are_read()
    {
        var model = await ModelAsync(Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHealthChecks().AddCheck<DatabaseCheck>("db", tags: new[] { "ready" });
            var app = builder.Build();
            var ready = new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") };
            app.MapHealthChecks("/ready", ready);
            app.UseHealthChecks("/live", new HealthCheckOptions { Predicate = _ => false });
            app.Run();

            """ + Checks);

        Assert.Equal("tag:READY", model.Endpoints[0].Predicate!.ToString());
        Assert.Equal(EndpointKind.HealthChecksMiddleware, model.Endpoints[1].Kind);
        Assert.Equal("/live", model.Endpoints[1].Route);
        Assert.Empty(model.Endpoints[1].Checks);
    }

    [Fact]
    public async Task Paths_run_the_same_checks_when_both_run_every_check_or_select_the_same()
    {
        var model = await ModelAsync(Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHealthChecks()
                .AddCheck<DatabaseCheck>("db", tags: new[] { "ready" })
                .AddCheck<DatabaseCheck>("other", tags: new[] { "live" });
            var app = builder.Build();
            app.MapHealthChecks("/healthz");
            app.MapHealthChecks("/health/ready");
            app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = check => check.Tags.Contains("live") });
            app.MapHealthChecks("/health/other", new HealthCheckOptions { Predicate = check => check.Name == "other" });
            app.MapHealthChecks("/health/unknown", new HealthCheckOptions { Predicate = check => check.Name.Length > 2 });
            app.MapGet("/ping", () => "pong");
            app.MapGet("/{name}/ping", () => "pong");
            app.Run();

            """ + Checks);

        Assert.True(model.RunSameChecks("/healthz", "/health/ready"));
        Assert.True(model.RunSameChecks("/health/live", "/health/other"));
        Assert.False(model.RunSameChecks("/health/ready", "/health/live"));
        Assert.Null(model.RunSameChecks("/health/ready", "/health/unknown"));
        Assert.Null(model.RunSameChecks("/health/ready", "/missing"));
        Assert.False(model.RunSameChecks("/health/ready", "/ping"));
        Assert.True(model.RunSameChecks("/ping", "/PING/"));
        Assert.False(model.RunSameChecks("/ping", "/x/ping"));
    }

    [Fact]
    public async Task Middleware_answers_before_routing_and_literal_routes_before_parameters()
    {
        var model = await ModelAsync(Usings + """
            var app = WebApplication.CreateBuilder(args).Build();
            app.MapGet("/{kind}", (string kind) => kind);
            app.MapGet("/ready", () => "ok");
            app.UseHealthChecks("/ready");
            app.Run();
            """);

        Assert.Equal(
            new[] { EndpointKind.HealthChecksMiddleware, EndpointKind.MinimalApi, EndpointKind.MinimalApi },
            model.Serving("/ready").Select(endpoint => endpoint.Kind));
        Assert.Equal("/ready", model.Serving("/ready")[1].Route);
        Assert.Equal("/{kind}", Assert.Single(model.Serving("/live")).Route);
    }
}
