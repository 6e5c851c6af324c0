using System.Text.Json;

namespace ShutdownGuard.IntegrationTests;

[Collection(PackageCollection.Name)]
public sealed class ConsumerBuildTests(PackageFixture package)
{
    private const string ManifestPath = "k8s/deployment.yaml";

    [Fact]
    public async Task Unreadable_manifest_is_reported_as_SG2001_at_the_yaml_error()
    {
        var consumer = ConsumerProject.Create(package);
        consumer.WriteFile(ManifestPath, Manifests.Unreadable);

        var build = await consumer.BuildAsync();

        Assert.Equal(0, build.ExitCode);
        var diagnostic = Assert.Single(build.Diagnostics, d => d.Id == "SG2001");
        Assert.Equal("warning", diagnostic.Severity);
        Assert.Equal(consumer.PathOf(ManifestPath), diagnostic.Path);
        Assert.Equal(Manifests.UnreadableErrorLine, diagnostic.Line);
    }

    [Fact]
    public async Task Service_selecting_the_pod_through_yaml_aliases_and_merge_keys_gets_SG2002_at_the_container()
    {
        var consumer = ConsumerProject.Create(package);
        consumer.WriteFile(ManifestPath, Manifests.AliasedWithoutReadinessProbe);

        var build = await consumer.BuildAsync();

        Assert.Equal(0, build.ExitCode);
        var diagnostic = Assert.Single(build.ShutdownGuardDiagnostics);
        Assert.Equal(("SG2002", "warning", consumer.PathOf(ManifestPath), Manifests.AliasedContainerLine), (diagnostic.Id, diagnostic.Severity, diagnostic.Path, diagnostic.Line));
    }

    [Fact]
    public async Task Unreadable_manifest_fails_the_build_with_warnaserror()
    {
        var consumer = ConsumerProject.Create(package);
        consumer.WriteFile(ManifestPath, Manifests.Unreadable);

        var build = await consumer.BuildAsync("-warnaserror");

        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains(build.Diagnostics, d => d.Id == "SG2001" && d.Severity == "error");
    }

    [Fact]
    public async Task WarningsAsErrors_fails_the_build_on_the_listed_rules_only()
    {
        var consumer = ConsumerProject.Create(package, """
            <PropertyGroup>
              <WarningsAsErrors>$(WarningsAsErrors);SG1003</WarningsAsErrors>
            </PropertyGroup>
            """);
        consumer.WriteFile(ManifestPath, Manifests.GracePeriodTooShort);
        consumer.WriteFile("k8s/broken.yaml", Manifests.Unreadable);

        var build = await consumer.BuildAsync();

        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains(build.Diagnostics, d => d.Id == "SG1003" && d.Severity == "error");
        Assert.Contains(build.Diagnostics, d => d.Id == "SG2001" && d.Severity == "warning");
    }

    [Fact]
    public async Task Globalconfig_promotes_a_rule_located_in_yaml_to_an_error()
    {
        var consumer = ConsumerProject.Create(package);
        consumer.WriteFile("k8s/workers.yaml", Manifests.OtherWorkloads);
        consumer.WriteFile(".globalconfig", """
            is_global = true
            dotnet_diagnostic.SG2010.severity = error
            """);

        var build = await consumer.BuildAsync();

        Assert.NotEqual(0, build.ExitCode);
        var diagnostic = Assert.Single(build.ShutdownGuardDiagnostics);
        Assert.Equal(("SG2010", "error", consumer.PathOf("k8s/workers.yaml"), 2), (diagnostic.Id, diagnostic.Severity, diagnostic.Path, diagnostic.Line));
    }

    [Fact]
    public async Task Clean_manifest_builds_without_ShutdownGuard_diagnostics()
    {
        var consumer = ConsumerProject.Create(package);
        consumer.WriteFile(ManifestPath, Manifests.Clean);
        // Never included: build output, intermediate output and node_modules.
        consumer.WriteFile("bin/stale.yaml", Manifests.Unreadable);
        consumer.WriteFile("obj/stale.yaml", Manifests.Unreadable);
        consumer.WriteFile("node_modules/chart/deployment.yaml", Manifests.Unreadable);

        var build = await consumer.BuildAsync();

        Assert.True(build.ExitCode == 0, build.Output);
        Assert.Empty(build.ShutdownGuardDiagnostics);
    }

    [Fact]
    public async Task Helm_template_and_unmatched_workloads_are_reported_as_info_in_the_sarif_log()
    {
        var consumer = ConsumerProject.Create(package);
        consumer.WriteFile("chart/templates/deployment.yaml", Manifests.HelmTemplate);
        consumer.WriteFile("k8s/workers.yaml", Manifests.OtherWorkloads);
        // The comma must be escaped, or MSBuild splits the property and the compiler writes SARIF 1.0. A relative
        // path is written beside the project, as the README's CI recipe expects.
        var build = await consumer.BuildAsync("-p:ErrorLog=build.sarif%2Cversion%3D2.1");
        var sarifPath = consumer.PathOf("build.sarif");

        Assert.True(build.ExitCode == 0, build.Output);
        using var sarif = JsonDocument.Parse(File.ReadAllText(sarifPath));
        Assert.Equal("2.1.0", sarif.RootElement.GetProperty("version").GetString());
        var results = sarif.RootElement.GetProperty("runs").EnumerateArray()
            .SelectMany(run => run.GetProperty("results").EnumerateArray())
            .Select(result => (
                RuleId: result.GetProperty("ruleId").GetString(),
                Level: result.TryGetProperty("level", out var level) ? level.GetString() : null,
                Location: result.TryGetProperty("locations", out var locations) && locations.GetArrayLength() > 0
                    ? locations[0].GetProperty("physicalLocation")
                    : (JsonElement?)null))
            .Select(result => (
                result.RuleId,
                result.Level,
                Uri: result.Location?.GetProperty("artifactLocation").GetProperty("uri").GetString(),
                Line: result.Location?.GetProperty("region").GetProperty("startLine").GetInt32()))
            .ToList();

        Assert.Contains(results, r => r.RuleId == "SG2009" && r.Level == "note" && r.Uri!.EndsWith("chart/templates/deployment.yaml", StringComparison.Ordinal) && r.Line == 4);
        Assert.Contains(results, r => r.RuleId == "SG2010" && r.Level == "note" && r.Uri!.EndsWith("k8s/workers.yaml", StringComparison.Ordinal) && r.Line == 2);
    }

    [Fact]
    public async Task A_budget_that_does_not_fit_is_reported_in_CSharp_naming_the_manifest_line()
    {
        var consumer = ConsumerProject.Create(package);
        consumer.WriteFile(ManifestPath, Manifests.GracePeriodTooShort);

        var build = await consumer.BuildAsync();

        Assert.True(build.ExitCode == 0, build.Output);
        var diagnostic = Assert.Single(build.ShutdownGuardDiagnostics);
        Assert.Equal(("SG1003", "warning"), (diagnostic.Id, diagnostic.Severity));
        Assert.Equal((consumer.PathOf("Program.cs"), 2), (diagnostic.Path, diagnostic.Line));
        Assert.StartsWith(
            "ShutdownTimeout 50 s (Configure<HostOptions> (Program.cs:2)) + preStop 5 s (k8s/deployment.yaml:36) + margin 5 s exceeds terminationGracePeriodSeconds 55 s of Deployment/orders-api (k8s/deployment.yaml:19)",
            diagnostic.Message);
    }

    [Theory]
    [InlineData("app.Lifetime.ApplicationStopping.Register(() => { draining = true; Thread.Sleep(5000); });", false)]
    [InlineData("app.Lifetime.ApplicationStopping.Register(() => Thread.Sleep(5000));\napp.Lifetime.ApplicationStarted.Register(() => draining = true);", true)]
    public async Task A_readiness_gate_held_in_a_captured_local_is_seen(string stopping, bool reported)
    {
        var consumer = ConsumerProject.Create(package);
        consumer.WriteFile("Program.cs", $"""
            var app = WebApplication.CreateBuilder(args).Build();
            var draining = false;
            {stopping}
            app.MapGet("/ready", () => draining ? Results.StatusCode(503) : Results.Ok());
            app.Run();
            """);

        var build = await consumer.BuildAsync();

        Assert.True(build.ExitCode == 0, build.Output);
        Assert.Equal(reported ? ["SG1002"] : [], build.ShutdownGuardDiagnostics.Select(d => d.Id));
    }

    [Theory]
    [InlineData("{ _timer?.Dispose(); return Task.CompletedTask; }", false)]
    [InlineData("=> Task.CompletedTask;", true)]
    public async Task A_worker_that_stops_its_work_in_StopAsync_reacts_to_shutdown(string stopAsync, bool reported)
    {
        var consumer = ConsumerProject.Create(package);
        consumer.WriteFile("Program.cs", $$"""
            var builder = Host.CreateApplicationBuilder(args);
            builder.Services.AddHostedService<Poller>();
            builder.Build().Run();

            sealed class Poller : IHostedService
            {
                private Timer? _timer;

                public Task StartAsync(CancellationToken cancellationToken)
                {
                    _timer = new Timer(_ => Console.WriteLine("poll"), null, 0, 1000);
                    return Task.CompletedTask;
                }

                public Task StopAsync(CancellationToken cancellationToken) {{stopAsync}}
            }
            """);

        var build = await consumer.BuildAsync();

        Assert.True(build.ExitCode == 0, build.Output);
        if (!reported)
        {
            Assert.Empty(build.ShutdownGuardDiagnostics);
            return;
        }

        var diagnostic = Assert.Single(build.ShutdownGuardDiagnostics);
        Assert.Equal("SG1001", diagnostic.Id);
        Assert.StartsWith("Nothing in this worker reacts to shutdown", diagnostic.Message);
    }

    [Theory]
    [InlineData("00:00:25", false)]
    [InlineData("00:00:35", true)]
    public async Task HostOptions_bound_from_appsettings_are_budgeted_with_the_appsettings_value(string timeout, bool reported)
    {
        var consumer = ConsumerProject.Create(package);
        consumer.WriteFile("Program.cs", consumer.ReadFile("Program.cs").Replace(
            "builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(50));",
            "builder.Services.Configure<HostOptions>(builder.Configuration.GetSection(\"HostOptions\"));"));
        consumer.WriteFile("appsettings.json", $$"""
            {
              "HostOptions": {
                "ShutdownTimeout": "{{timeout}}"
              }
            }
            """);
        consumer.WriteFile(ManifestPath, Manifests.Clean
            .Replace("terminationGracePeriodSeconds: 60", "terminationGracePeriodSeconds: 40")
            .Replace("seconds: 5", "seconds: 10"));

        var build = await consumer.BuildAsync();

        Assert.True(build.ExitCode == 0, build.Output);
        if (!reported)
        {
            Assert.Empty(build.ShutdownGuardDiagnostics);
            return;
        }

        var diagnostic = Assert.Single(build.ShutdownGuardDiagnostics);
        Assert.Equal(("SG1003", consumer.PathOf("Program.cs"), 2), (diagnostic.Id, diagnostic.Path, diagnostic.Line));
        Assert.StartsWith(
            "ShutdownTimeout 35 s (Configure<HostOptions> (Program.cs:2) with HostOptions:ShutdownTimeout \"00:00:35\" (appsettings.json:3)) + preStop 10 s (k8s/deployment.yaml:36) + margin 5 s exceeds terminationGracePeriodSeconds 40 s",
            diagnostic.Message);
    }

    [Fact]
    public async Task A_dotnet_7_manifest_on_a_dotnet_10_image_is_reported_as_SG2011_at_each_port()
    {
        var consumer = ConsumerProject.Create(package);
        consumer.WriteFile("Dockerfile", Manifests.Aspnet10Dockerfile);
        consumer.WriteFile(ManifestPath, Manifests.Port80);

        var build = await consumer.BuildAsync();

        Assert.True(build.ExitCode == 0, build.Output);
        var lines = Manifests.Port80.Split('\n')
            .Select((line, index) => (line, Number: index + 1))
            .Where(entry => entry.line.Trim() is "port: 80" or "targetPort: 80")
            .Select(entry => entry.Number);
        Assert.Equal(lines, build.ShutdownGuardDiagnostics.Where(d => d.Id == "SG2011" && d.Severity == "warning" && d.Path == consumer.PathOf(ManifestPath)).Select(d => d.Line).Order());
        Assert.Contains("listens on 8080 (ASPNETCORE_HTTP_PORTS=8080 of mcr.microsoft.com/dotnet/aspnet:10.0)", build.ShutdownGuardDiagnostics.First(d => d.Id == "SG2011").Message);
    }

    public static TheoryData<string> PortVariants() => new()
    {
        Manifests.Clean,
        Manifests.Port80.Replace("          ports:\n", "          env:\n            - name: ASPNETCORE_HTTP_PORTS\n              value: \"80\"\n          ports:\n"),
        Manifests.Clean.Replace("- containerPort: 8080", "- name: http\n              containerPort: 8080").Replace("port: 8080", "port: http"),
    };

    [Theory]
    [MemberData(nameof(PortVariants))]
    public async Task Manifests_that_use_the_apps_port_are_silent_on_a_dotnet_10_image(string manifest)
    {
        var consumer = ConsumerProject.Create(package);
        consumer.WriteFile("Dockerfile", Manifests.Aspnet10Dockerfile);
        consumer.WriteFile(ManifestPath, manifest);

        var build = await consumer.BuildAsync();

        Assert.True(build.ExitCode == 0, build.Output);
        Assert.Empty(build.ShutdownGuardDiagnostics);
    }

    [Fact]
    public async Task AutoInclude_false_leaves_the_project_manifests_out()
    {
        var consumer = ConsumerProject.Create(package, """
            <PropertyGroup>
              <ShutdownGuardAutoInclude>false</ShutdownGuardAutoInclude>
            </PropertyGroup>
            """);
        consumer.WriteFile(ManifestPath, Manifests.Unreadable);

        var build = await consumer.BuildAsync();

        Assert.True(build.ExitCode == 0, build.Output);
        Assert.DoesNotContain(build.ShutdownGuardDiagnostics, d => d.Id.StartsWith("SG2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Manifest_the_project_lists_itself_is_passed_and_analysed_once()
    {
        var consumer = ConsumerProject.Create(package, $"""
            <ItemGroup>
              <AdditionalFiles Include="{ManifestPath}" />
            </ItemGroup>
            """);
        consumer.WriteFile(ManifestPath, Manifests.Unreadable);

        var additionalFiles = await consumer.AdditionalFilesAsync();
        var build = await consumer.BuildAsync();

        Assert.Single(additionalFiles, path => path == consumer.PathOf(ManifestPath));
        Assert.Single(build.Diagnostics, d => d.Id == "SG2001");
    }

    [Fact]
    public async Task Manifests_outside_the_project_come_in_through_ShutdownGuardManifests()
    {
        var consumer = ConsumerProject.Create(package, """
            <PropertyGroup>
              <ShutdownGuardManifests>../deploy/k8s/**/*.yaml</ShutdownGuardManifests>
            </PropertyGroup>
            """);
        const string manifestOutside = "../deploy/k8s/orders/deployment.yaml";
        consumer.WriteFile(manifestOutside, Manifests.Unreadable);

        var build = await consumer.BuildAsync();

        var diagnostic = Assert.Single(build.Diagnostics, d => d.Id == "SG2001");
        Assert.Equal(consumer.PathOf(manifestOutside), diagnostic.Path);
    }
}
