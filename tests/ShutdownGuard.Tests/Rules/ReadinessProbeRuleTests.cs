using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using ShutdownGuard.Manifests;
using ShutdownGuard.Rules.Manifests;
using ShutdownGuard.Tests.Verification;
using static ShutdownGuard.Tests.Verification.Manifests;
using Verifier = ShutdownGuard.Tests.Verification.AnalyzerVerifier<ShutdownGuard.Rules.ProgramAnalyzer>;

namespace ShutdownGuard.Tests.Rules;

public class ReadinessProbeRuleTests
{
    private const string ServingApp = """
        var app = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder(args).Build();
        Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapGet(app, "/orders", () => "[]");
        app.Run();
        """;

    private const string Probe = "        readinessProbe:\n          httpGet:\n            path: /ready\n            port: 8080\n";

    private static DiagnosticResult SG2002 => Expect.Diagnostic("SG2002", DiagnosticSeverity.Warning);

    private static Verifier Rule() => new Verifier().Only("SG2002");

    [Fact]
    public async Task SG2002_stands_at_the_name_of_a_container_that_a_Service_selects()
    {
        await Rule()
            .Source(Verifier.WebApp)
            .File("/k8s/deployment.yaml", ServedDeployment(containerName: "{|#0:orders-api|}"))
            .Expect(SG2002.WithLocation(0).WithArguments("orders-api", "Deployment/orders"))
            .RunAsync();
    }

    [Theory]
    [InlineData("labels: *labels\n", "selector: {app: orders}\n", 15)]
    [InlineData("labels: {<<: *labels}\n", "selector: *service\n", 15)]
    [InlineData("labels:\n        <<: *labels\n        version: v1\n", "selector:\n    <<: [*service]\n", 17)]
    [InlineData("labels:\n        <<: [{app: billing}, *labels]\n        app: orders\n", "selector: {app: orders}\n", 17)]
    public async Task A_Service_selects_pods_labelled_through_aliases_and_merge_keys(string podLabels, string serviceSelector, int line)
    {
        var manifest = AliasedDeployment(podLabels, serviceSelector);
        Assert.Equal("orders", Assert.Single(Set(("/k8s/deployment.yaml", manifest)).Workloads).Workload.PodLabels["app"]);
        await Rule()
            .Source(ServingApp)
            .File("/k8s/deployment.yaml", manifest)
            .Expect(SG2002.WithLocation("/k8s/deployment.yaml", line, 15).WithArguments("orders-api", "Deployment/orders"))
            .RunAsync();
    }

    [Theory]
    [InlineData("labels: *other\n", "selector: {app: orders}\n")]
    [InlineData("labels:\n        <<: *labels\n        app: billing\n", "selector: {app: orders}\n")]
    [InlineData("labels:\n        <<: [{app: billing}, *labels]\n", "selector: {app: orders}\n")]
    [InlineData("labels: *labels\n", "selector:\n    <<: *service\n    tier: web\n")]
    public async Task An_alias_or_merge_key_that_gives_other_labels_selects_nothing(string podLabels, string serviceSelector)
    {
        // *other names an unrelated mapping; a local key wins over a merged one; an earlier merged mapping wins over a later one.
        var manifest = AliasedDeployment(podLabels, serviceSelector).Replace("metadata:\n  name: orders\n  labels:", "metadata: &other\n  name: orders\n  labels:", StringComparison.Ordinal);
        Assert.Contains("&other", manifest, StringComparison.Ordinal);
        await Rule().Source(ServingApp).File("/k8s/deployment.yaml", manifest).RunAsync();
    }

    [Fact]
    public async Task Without_any_Service_an_app_that_maps_endpoints_is_serving()
    {
        await Rule()
            .Source(ServingApp)
            .File("/k8s/deployment.yaml", Deployment("orders", "{|#0:orders-api|}"))
            .Expect(SG2002.WithLocation(0).WithArguments("orders-api", "Deployment/orders"))
            .RunAsync();
    }

    [Fact]
    public async Task Without_any_Service_an_app_that_maps_no_endpoint_is_silent()
    {
        await Rule().Source(Verifier.WebApp).File("/k8s/deployment.yaml", Deployment("orders", "orders-api")).RunAsync();
    }

    [Theory]
    [InlineData(Probe)]
    [InlineData("        readinessProbe:\n          tcpSocket: {port: 8080}\n")]
    [InlineData("        readinessProbe: \"${READINESS_PROBE}\"\n")]
    [InlineData("        readinessProbe: *probe\n")]
    public async Task A_readiness_probe_of_any_kind_or_an_unknown_one_is_silent(string probe)
    {
        var manifest = ServedDeployment(probe, podSpec: probe.Contains('*') ? "      x-probe: &probe {exec: {command: [\"true\"]}}\n" : string.Empty);
        Assert.NotNull(OnlyContainer(manifest).ReadinessProbe);
        await Rule().Source(ServingApp).File("/k8s/deployment.yaml", manifest).RunAsync();
    }

    [Fact]
    public async Task A_Job_never_takes_traffic()
    {
        var manifest = ServedDeployment(kind: "Job");
        Assert.Equal("Job", Assert.Single(Set(("/k8s/job.yaml", manifest)).Workloads).Workload.Kind);
        await Rule().Source(ServingApp).File("/k8s/job.yaml", manifest).RunAsync();
    }

    [Fact]
    public async Task A_CronJob_never_takes_traffic()
    {
        const string Manifest = """
            apiVersion: batch/v1
            kind: CronJob
            metadata:
              name: orders
            spec:
              schedule: "0 * * * *"
              jobTemplate:
                spec:
                  template:
                    spec:
                      containers:
                      - name: orders-api
                        image: registry.example.com/orders-api:1.0
            """;
        Assert.Equal("orders-api", OnlyContainer(Manifest).Name?.Text);
        await Rule().Source(ServingApp).File("/k8s/cronjob.yaml", Manifest).RunAsync();
    }

    [Fact]
    public async Task An_init_container_running_the_same_image_is_not_a_serving_container()
    {
        var manifest = ServedDeployment(Probe, podSpec: "      initContainers:\n      - name: migrate\n        image: registry.example.com/orders-api:1.0\n");
        await Rule().Source(ServingApp).File("/k8s/deployment.yaml", manifest).RunAsync();
    }

    [Fact]
    public async Task A_sidecar_that_does_not_run_the_project_is_not_reported()
    {
        var manifest = ServedDeployment(Probe + "      - name: envoy\n        image: envoyproxy/envoy:v1.30\n");
        Assert.Equal(2, Assert.Single(Set(("/k8s/deployment.yaml", manifest)).Workloads).Workload.Pod.Containers.Length);
        await Rule().Source(ServingApp).File("/k8s/deployment.yaml", manifest).RunAsync();
    }

    [Theory]
    [InlineData("app: billing")]
    [InlineData("app: orders\n    tier: web")]
    [InlineData("app: \"${APP}\"")]
    public async Task A_pod_that_no_Service_selects_is_silent_while_another_Service_exists(string selector)
    {
        var manifest = ServedDeployment().Replace("  selector:\n    app: orders", "  selector:\n    " + selector);
        var file = Assert.Single(Set(("/k8s/deployment.yaml", manifest)).Files).Model;
        Assert.NotEqual(Assert.Single(file.Workloads).PodLabels, Assert.Single(file.Services).Selector);
        await Rule().Source(ServingApp).File("/k8s/deployment.yaml", manifest).RunAsync();
    }

    [Fact]
    public async Task A_Service_in_another_namespace_does_not_select_the_pod()
    {
        var manifest = ServedDeployment()
            .Replace("metadata:\n  name: orders\nspec:\n  template", "metadata:\n  name: orders\n  namespace: shop\nspec:\n  template")
            .Replace("kind: Service\nmetadata:\n  name: orders\n", "kind: Service\nmetadata:\n  name: orders\n  namespace: billing\n");
        Assert.Equal("shop", Assert.Single(Set(("/k8s/deployment.yaml", manifest)).Workloads).Workload.Namespace?.Text);
        await Rule().Source(ServingApp).File("/k8s/deployment.yaml", manifest).RunAsync();
    }

    [Fact]
    public async Task A_Service_in_another_file_selects_the_pod()
    {
        var manifest = ServedDeployment(containerName: "{|#0:orders-api|}");
        var service = manifest.Substring(manifest.IndexOf("---\n", StringComparison.Ordinal) + 4);
        await Rule()
            .Source(Verifier.WebApp)
            .File("/k8s/deployment.yaml", manifest.Substring(0, manifest.IndexOf("---\n", StringComparison.Ordinal)))
            .File("/k8s/service.yaml", service)
            .Expect(SG2002.WithLocation(0).WithArguments("orders-api", "Deployment/orders"))
            .RunAsync();
    }

    [Fact]
    public async Task The_ignore_annotation_switches_the_rule_off_for_the_workload()
    {
        var manifest = ServedDeployment().Replace("  name: orders\nspec:\n  template", "  name: orders\n  annotations:\n    shutdown-guard.io/ignore: \"SG2004, SG2002\"\nspec:\n  template");
        await Rule().Source(ServingApp).File("/k8s/deployment.yaml", manifest).RunAsync();
    }

    [Theory]
    [InlineData("metadata:\n{|#0:|}\tname: orders\n")]
    [InlineData("metadata:\n  name: orders\n  {|#0:name|}: billing\n")]
    public async Task An_unreadable_manifest_gives_SG2001_and_none_of_the_container_rules(string rest)
    {
        var manifest = "apiVersion: apps/v1\nkind: Deployment\n" + rest;
        await new Verifier().Only("SG2002", "SG2004", "SG2007")
            .Source(ServingApp)
            .File("/k8s/deployment.yaml", manifest)
            .File("/Dockerfile", "FROM mcr.microsoft.com/dotnet/aspnet:8.0-noble-chiseled\n")
            .RunAsync();
        await new AnalyzerVerifier<ManifestReadabilityAnalyzer>()
            .Source(ServingApp)
            .File("/k8s/deployment.yaml", manifest)
            .Expect(Expect.Diagnostic("SG2001", DiagnosticSeverity.Warning).WithLocation(0))
            .RunAsync();
    }

    private static ContainerSpec OnlyContainer(string manifest) =>
        Assert.Single(Assert.Single(Set(("/k8s/a.yaml", manifest)).Workloads).Workload.Pod.Containers);
}
