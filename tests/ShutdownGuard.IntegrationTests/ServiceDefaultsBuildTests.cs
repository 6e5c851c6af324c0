namespace ShutdownGuard.IntegrationTests;

/// <summary>The .NET Aspire ServiceDefaults shape: health endpoints mapped only in Development, in the service's own file
/// or in a referenced project that the analyzer sees only as metadata.</summary>
[Collection(PackageCollection.Name)]
public sealed class ServiceDefaultsBuildTests(PackageFixture package)
{
    private const string ManifestPath = "k8s/deployment.yaml";

    // As Aspire generates it, without its telemetry and resilience packages.
    private const string Extensions = """
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Diagnostics.HealthChecks;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Diagnostics.HealthChecks;

        namespace Microsoft.Extensions.Hosting;

        public static class Extensions
        {
            private const string HealthEndpointPath = "/health";
            private const string AlivenessEndpointPath = "/alive";

            public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
            {
                builder.AddDefaultHealthChecks();
                builder.Services.AddServiceDiscovery();
                return builder;
            }

            public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
            {
                builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);
                return builder;
            }

            public static WebApplication MapDefaultEndpoints(this WebApplication app)
            {
                // Adding health checks endpoints to applications in non-development environments has security implications.
                if (app.Environment.IsDevelopment())
                {
                    app.MapHealthChecks(HealthEndpointPath);
                    app.MapHealthChecks(AlivenessEndpointPath, new HealthCheckOptions { Predicate = r => r.Tags.Contains("live") });
                }

                return app;
            }

            private static IServiceCollection AddServiceDiscovery(this IServiceCollection services) => services;
        }
        """;

    private const string Service = """
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults();
        var app = builder.Build();
        app.MapGet("/orders", () => new[] { 1, 2, 3 });
        app.MapDefaultEndpoints();
        app.Run();
        """;

    // Draining scaffolding kept in the shared project.
    private const string Scaffolding = """
        namespace Microsoft.Extensions.Hosting;

        internal sealed class DrainOnStopping : IHostedLifecycleService
        {
            public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
            public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
            public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
            public Task StoppingAsync(CancellationToken cancellationToken) => Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
            public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
            public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        }
        """;

    // The clean Deployment and Service, probing the ServiceDefaults paths, without the preStop delay.
    private static readonly string Manifest = Manifests.Clean
        .Replace("path: /ready", "path: /health")
        .Replace("path: /live", "path: /alive")
        .Replace("          lifecycle:\n            preStop:\n              sleep:\n                seconds: 5\n", string.Empty);

    [Fact]
    public async Task In_the_services_own_file_endpoints_mapped_only_in_Development_are_not_served_in_Production()
    {
        var consumer = ConsumerProject.Create(package);
        consumer.WriteFile("Program.cs", Service);
        consumer.WriteFile("Extensions.cs", Extensions);
        consumer.WriteFile(ManifestPath, Manifest);

        var build = await consumer.BuildAsync();

        Assert.True(build.ExitCode == 0, build.Output);
        var unserved = build.ShutdownGuardDiagnostics.Where(d => d.Id == "SG2005").Select(d => d.Line).Order();
        Assert.Equal(new[] { 27, 31 }, unserved);
        Assert.DoesNotContain(build.ShutdownGuardDiagnostics, d => d.Id is "SG1002" or "SG2003");
    }

    [Fact]
    public async Task In_a_referenced_project_what_it_maps_and_registers_is_unknown_and_no_reaction_anywhere_is_still_reported()
    {
        var consumer = CreateWithServiceDefaultsProject(Extensions);

        var build = await consumer.BuildAsync();

        Assert.True(build.ExitCode == 0, build.Output);
        var ids = build.ShutdownGuardDiagnostics.Select(d => d.Id).ToList();
        Assert.DoesNotContain("SG2005", ids);
        Assert.DoesNotContain("SG2003", ids);
        Assert.DoesNotContain("SG1002", ids);
        Assert.Contains("SG1001", ids);
        Assert.Contains("SG2004", ids);
    }

    [Fact]
    public async Task Scaffolding_in_the_referenced_project_makes_the_reaction_and_the_delay_unknown()
    {
        var consumer = CreateWithServiceDefaultsProject(Extensions.Replace(
            "builder.Services.AddServiceDiscovery();",
            "builder.Services.AddServiceDiscovery();\n        builder.Services.AddHostedService<DrainOnStopping>();"));
        consumer.WriteFile("../Orders.ServiceDefaults/DrainOnStopping.cs", Scaffolding);

        var build = await consumer.BuildAsync();

        Assert.True(build.ExitCode == 0, build.Output);
        Assert.DoesNotContain(build.ShutdownGuardDiagnostics, d => d.Id is "SG1001" or "SG2004" or "SG2005" or "SG2003");
    }

    /// <summary>The service and a ServiceDefaults library beside it, referenced as a project.</summary>
    private ConsumerProject CreateWithServiceDefaultsProject(string extensions)
    {
        var consumer = ConsumerProject.Create(package, """
              <ItemGroup>
                <ProjectReference Include="../Orders.ServiceDefaults/Orders.ServiceDefaults.csproj" />
              </ItemGroup>
            """);
        consumer.WriteFile("../Orders.ServiceDefaults/Orders.ServiceDefaults.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <IsAspireSharedProject>true</IsAspireSharedProject>
              </PropertyGroup>
              <ItemGroup>
                <FrameworkReference Include="Microsoft.AspNetCore.App" />
              </ItemGroup>
            </Project>
            """);
        consumer.WriteFile("../Orders.ServiceDefaults/Extensions.cs", extensions);
        consumer.WriteFile("Program.cs", Service);
        consumer.WriteFile(ManifestPath, Manifest);
        return consumer;
    }
}
