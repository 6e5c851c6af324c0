using Microsoft.CodeAnalysis;
using static ShutdownGuard.Tests.Hosting.Endpoints.EndpointModelRunner;
using static ShutdownGuard.Tests.Hosting.Endpoints.MinimalApiEndpointsTests;
using static ShutdownGuard.Tests.Rules.ProbeManifests;
using static ShutdownGuard.Tests.Verification.ProgramRun;

namespace ShutdownGuard.Tests.Rules;

/// <summary>Shared hosting code in a referenced project (the .NET Aspire ServiceDefaults shape), seen only as metadata.</summary>
public class ReferencedHostingCodeTests
{
    private const string Extensions = """
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;

        namespace Microsoft.Extensions.Hosting;

        public static partial class Extensions
        {
            public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
            {
                REGISTER
                return builder;
            }

            public static WebApplication MapDefaultEndpoints(this WebApplication app) => app;
        }
        """;

    private const string Scaffolding = """

        internal sealed class DrainOnStopping : IHostedLifecycleService
        {
            public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
            public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
            public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
            public Task StoppingAsync(CancellationToken cancellationToken) => Task.Delay(5000, cancellationToken);
            public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
            public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        }
        """;

    private const string Worker = Usings + """
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults();
        builder.Services.AddHostedService<Worker>();
        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.Run();

        sealed class Worker : BackgroundService
        {
            protected override async Task ExecuteAsync(CancellationToken stoppingToken)
            {
                while (!stoppingToken.IsCancellationRequested)
                {
                    await Task.Delay(1000, stoppingToken);
                }
            }
        }
        """;

    private const string Api = Usings + """
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults();
        var app = builder.Build();
        app.MapGet("/orders", () => "ok");
        app.MapDefaultEndpoints();
        app.Run();
        """;

    private static readonly string Manifest = Deployment(Probe("readinessProbe", HttpGet("/health")) + Probe("livenessProbe", HttpGet("/alive")));

    private static Task<MetadataReference> ServiceDefaultsAsync(string register = "", string more = "") =>
        LibraryAsync("Orders.ServiceDefaults", Extensions.Replace("REGISTER", register) + more);

    [Fact]
    public async Task A_web_host_that_maps_only_shared_endpoints_and_honours_its_stopping_token_is_a_worker()
    {
        Assert.DoesNotContain("SG1001", await IdsAsync(Worker, Manifest, await ServiceDefaultsAsync()));
    }

    [Fact]
    public async Task A_web_host_that_maps_endpoints_of_its_own_is_not()
    {
        var ids = await IdsAsync(Worker.Replace("app.MapDefaultEndpoints();", "app.MapDefaultEndpoints();\napp.MapGet(\"/orders\", () => \"ok\");"), Manifest, await ServiceDefaultsAsync());

        Assert.Contains("SG1001", ids);
    }

    [Fact]
    public async Task An_app_with_no_shutdown_handling_anywhere_still_gets_SG1001_and_SG2004()
    {
        var ids = await IdsAsync(Api, Manifest, await ServiceDefaultsAsync("builder.Services.AddOptions();"));

        Assert.Contains("SG1001", ids);
        Assert.Contains("SG2004", ids);
    }

    [Fact]
    public async Task Scaffolding_in_the_shared_project_makes_the_reaction_and_the_delay_unknown()
    {
        var ids = await IdsAsync(Api, Manifest, await ServiceDefaultsAsync("builder.Services.AddHostedService<DrainOnStopping>();", Scaffolding));

        Assert.DoesNotContain("SG1001", ids);
        Assert.DoesNotContain("SG2004", ids);
    }

    [Fact]
    public async Task Health_checks_a_shared_project_may_register_make_the_checks_an_endpoint_runs_unknown()
    {
        var code = Api.Replace("app.MapDefaultEndpoints();", """
            app.MapHealthChecks("/health");
            app.MapHealthChecks("/alive", new HealthCheckOptions { Predicate = r => r.Tags.Contains("live") });
            """);
        var register = "builder.Services.AddHealthChecks().AddCheck(\"self\", () => Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy(), new[] { \"live\" });";

        var shared = await IdsAsync(code, Manifest, await ServiceDefaultsAsync(register));
        var none = await IdsAsync(code.Replace("builder.AddServiceDefaults();", string.Empty), Manifest, await ServiceDefaultsAsync(register));

        Assert.DoesNotContain("SG2003", shared);
        Assert.DoesNotContain("SG1002", shared);
        Assert.Contains("SG2003", none);
        Assert.Contains("SG1002", none);
    }
}
