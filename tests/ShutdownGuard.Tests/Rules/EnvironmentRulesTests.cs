using static ShutdownGuard.Tests.Hosting.Endpoints.MinimalApiEndpointsTests;
using static ShutdownGuard.Tests.Rules.ProbeManifests;
using static ShutdownGuard.Tests.Verification.ProgramRun;

namespace ShutdownGuard.Tests.Rules;

/// <summary>Endpoints, settings and delays that exist only in some environments, against the container's environment.</summary>
public class EnvironmentRulesTests
{
    /// <summary>The ServiceDefaults shape in the service's own file: health endpoints only in Development.</summary>
    private const string ServiceDefaultsInOwnFile = Usings + """
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);
        var app = builder.Build();
        app.MapGet("/orders", () => "ok");
        app.MapDefaultEndpoints();
        app.Run();

        static class Extensions
        {
            public static WebApplication MapDefaultEndpoints(this WebApplication app)
            {
                if (app.Environment.IsDevelopment())
                {
                    app.MapHealthChecks("/health");
                    app.MapHealthChecks("/alive", new HealthCheckOptions { Predicate = r => r.Tags.Contains("live") });
                }

                return app;
            }
        }
        """;

    private static readonly string Probes = Probe("readinessProbe", HttpGet("/health")) + Probe("livenessProbe", HttpGet("/alive"));

    private static string Env(params (string Name, string Value)[] variables) =>
        "        env:\n" + string.Concat(variables.Select(variable => $"        - name: {variable.Name}\n          value: \"{variable.Value}\"\n"));

    [Fact]
    public async Task Health_endpoints_mapped_only_in_Development_are_not_served_in_Production()
    {
        var ids = await IdsAsync(ServiceDefaultsInOwnFile, Deployment(Probes));

        Assert.Contains("SG2005", ids);
        Assert.DoesNotContain("SG1002", ids);
        Assert.DoesNotContain("SG2003", ids);
    }

    [Fact]
    public async Task In_Development_they_are_served()
    {
        var ids = await IdsAsync(ServiceDefaultsInOwnFile, Deployment(Probes + Env(("ASPNETCORE_ENVIRONMENT", "Development"))));

        Assert.DoesNotContain("SG2005", ids);
        Assert.Contains("SG1002", ids);
    }

    [Theory]
    [InlineData("        envFrom:\n        - configMapRef:\n            name: orders\n")]
    [InlineData("        env:\n        - name: ASPNETCORE_ENVIRONMENT\n          valueFrom:\n            configMapKeyRef:\n              name: orders\n              key: environment\n")]
    [InlineData("        args: [\"--environment\", \"Development\"]\n")]
    public async Task In_an_environment_that_cannot_be_read_they_are_unknown(string container)
    {
        var ids = await IdsAsync(ServiceDefaultsInOwnFile, Deployment(Probes + container));

        Assert.DoesNotContain("SG2005", ids);
        Assert.DoesNotContain("SG1002", ids);
        Assert.DoesNotContain("SG2003", ids);
    }

    [Theory]
    [InlineData("Staging", "Development", "IsDevelopment", false)]
    [InlineData("Staging", "Development", "IsStaging", true)]
    [InlineData("Development", "", "IsDevelopment", false)]
    [InlineData("", "Development", "IsDevelopment", false)]
    public async Task WebApplication_reads_DOTNET_ENVIRONMENT_over_ASPNETCORE_ENVIRONMENT(string aspNetCore, string dotnet, string test, bool unserved)
    {
        var code = Usings + $$"""
            var app = WebApplication.CreateBuilder(args).Build();
            if (app.Environment.{{test}}()) app.MapGet("/ready", () => "ok");
            app.Run();
            """;
        var variables = new[] { ("ASPNETCORE_ENVIRONMENT", aspNetCore), ("DOTNET_ENVIRONMENT", dotnet) }.Where(variable => variable.Item2.Length > 0).ToArray();

        var ids = await IdsAsync(code, Deployment(Probe("readinessProbe", HttpGet("/ready")) + Env(variables)));

        Assert.Equal(unserved, ids.Contains("SG2005"));
    }

    [Theory]
    [InlineData("new WebApplicationOptions { Args = args, EnvironmentName = \"Development\" }", "", false)]
    [InlineData("new WebApplicationOptions { Args = args, EnvironmentName = \"Development\" }", "Staging", false)]
    [InlineData("new WebApplicationOptions { Args = args, EnvironmentName = \"Development\" }", "Development", false)]
    [InlineData("new WebApplicationOptions { Args = args, EnvironmentName = args[0] }", "", false)]
    [InlineData("args", "", true)]
    public async Task An_environment_set_in_code_is_evaluated_or_unknown(string options, string variable, bool unserved)
    {
        var code = Usings + $$"""
            var app = WebApplication.CreateBuilder({{options}}).Build();
            if (app.Environment.IsDevelopment()) app.MapGet("/ready", () => "ok");
            app.Run();
            """;
        var env = variable.Length == 0 ? string.Empty : Env(("ASPNETCORE_ENVIRONMENT", variable));

        var ids = await IdsAsync(code, Deployment(Probe("readinessProbe", HttpGet("/ready")) + env));

        Assert.Equal(unserved, ids.Contains("SG2005"));
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("Production", true)]
    [InlineData("Development", false)]
    public async Task A_delay_registered_only_in_Development_does_not_delay_Production(string environment, bool reported)
    {
        var code = Usings + """
            var app = WebApplication.CreateBuilder(args).Build();
            if (app.Environment.IsDevelopment())
            {
                app.Lifetime.ApplicationStopping.Register(() => Thread.Sleep(5000));
            }

            app.MapGet("/ready", () => app.Lifetime.ApplicationStopping.IsCancellationRequested ? Results.StatusCode(503) : Results.Ok());
            app.Run();
            """;
        var env = environment.Length == 0 ? string.Empty : Env(("ASPNETCORE_ENVIRONMENT", environment));

        var ids = await IdsAsync(code, Deployment(Probe("readinessProbe", HttpGet("/ready")) + env));

        Assert.Equal(reported, ids.Contains("SG2004"));
    }

    [Theory]
    [InlineData("ASPNETCORE_ENVIRONMENT", "Development", true)]
    [InlineData("DOTNET_ENVIRONMENT", "Development", false)]
    public async Task Host_CreateApplicationBuilder_ignores_ASPNETCORE_ENVIRONMENT(string variable, string environment, bool reported)
    {
        var code = """
            using System;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Hosting;

            var builder = Host.CreateApplicationBuilder(args);
            if (builder.Environment.IsDevelopment())
            {
                builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(5));
            }

            builder.Build().Run();
            """;
        var manifest = Deployment(Env((variable, environment))).Replace("    spec:\n      containers:", "    spec:\n      terminationGracePeriodSeconds: 30\n      containers:");

        var ids = await IdsAsync(code, manifest);

        Assert.Equal(reported, ids.Contains("SG1003"));
    }
}
