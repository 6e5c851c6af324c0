using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using ShutdownGuard.Tests.Verification;
using static ShutdownGuard.Tests.Verification.Manifests;
using Verifier = ShutdownGuard.Tests.Verification.AnalyzerVerifier<ShutdownGuard.Rules.ProgramAnalyzer>;

namespace ShutdownGuard.Tests.Rules;

public class ShutdownDelayRuleTests
{
    private const string Usings = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.Hosting;

        """;

    private const string App = Usings + """
        var app = WebApplication.CreateBuilder(args).Build();

        """;

    private static DiagnosticResult SG2004 => Expect.Diagnostic("SG2004", DiagnosticSeverity.Warning);

    private static Verifier Rule() => new Verifier().Only("SG2004");

    [Fact]
    public async Task SG2004_stands_at_the_name_of_a_serving_container_that_nothing_delays()
    {
        await Rule()
            .Source(App + "app.Run();")
            .File("/k8s/deployment.yaml", ServedDeployment(containerName: "{|#0:orders-api|}"))
            .Expect(SG2004.WithLocation(0).WithArguments("orders-api", "Deployment/orders"))
            .RunAsync();
    }

    [Fact]
    public async Task A_pod_labelled_through_a_merge_key_is_served()
    {
        await Rule()
            .Source(App + "app.Run();")
            .File("/k8s/deployment.yaml", AliasedDeployment("labels: {<<: *labels}\n"))
            .Expect(SG2004.WithLocation("/k8s/deployment.yaml", 15, 15).WithArguments("orders-api", "Deployment/orders"))
            .RunAsync();
    }

    [Fact]
    public async Task A_preStop_sleep_reached_through_an_alias_delays()
    {
        const string Sidecar = "      initContainers:\n      - name: proxy\n        image: envoyproxy/envoy:v1.30\n        restartPolicy: Always\n"
            + "        lifecycle: &lifecycle\n          preStop:\n            sleep: {seconds: 5}\n";
        await Rule().Source(App + "app.Run();").File("/k8s/deployment.yaml", ServedDeployment("        lifecycle: *lifecycle\n", Sidecar)).RunAsync();
    }

    [Theory]
    [InlineData("app.Lifetime.ApplicationStopping.Register(async () => await Task.Delay(5000));")]
    [InlineData("app.Lifetime.ApplicationStopping.Register(() => Thread.Sleep(0));")]
    public async Task A_delay_that_delays_nothing_does_not_count(string code)
    {
        await Rule()
            .Source(App + code + "\napp.Run();")
            .File("/k8s/deployment.yaml", ServedDeployment(containerName: "{|#0:orders-api|}"))
            .Expect(SG2004.WithLocation(0).WithArguments("orders-api", "Deployment/orders"))
            .RunAsync();
    }

    [Fact]
    public async Task A_preStop_sleep_of_zero_seconds_is_no_delay()
    {
        await Rule()
            .Source(App + "app.Run();")
            .File("/k8s/deployment.yaml", ServedDeployment("        lifecycle:\n          preStop:\n            sleep:\n              seconds: 0\n", containerName: "{|#0:orders-api|}"))
            .Expect(SG2004.WithLocation(0).WithArguments("orders-api", "Deployment/orders"))
            .RunAsync();
    }

    [Theory]
    [InlineData("          preStop:\n            sleep:\n              seconds: 5\n", 5)]
    [InlineData("          preStop:\n            exec:\n              command: [\"/bin/sh\", \"-c\", \"sleep 10\"]\n", 10)]
    [InlineData("          preStop:\n            sleep:\n              seconds: \"${DRAIN_SECONDS}\"\n", null)]
    [InlineData("          preStop:\n            exec:\n              command: [\"/app/drain\"]\n", null)]
    [InlineData("          preStop:\n            httpGet:\n              path: /drain\n              port: 8080\n", null)]
    public async Task A_preStop_delay_known_or_of_unknown_length_is_silent(string hook, int? seconds)
    {
        var manifest = ServedDeployment("        lifecycle:\n" + hook);
        Assert.Equal(seconds, Assert.Single(Set(("/k8s/deployment.yaml", manifest)).Workloads).Workload.Pod.Containers[0].PreStop?.DelaySeconds);
        await Rule().Source(App + "app.Run();").File("/k8s/deployment.yaml", manifest).RunAsync();
    }

    [Theory]
    [InlineData("app.Lifetime.ApplicationStopping.Register(() => Thread.Sleep(5000));")]
    [InlineData("app.Lifetime.ApplicationStopping.Register(() => Thread.Sleep(int.Parse(args[0])));")]
    public async Task An_in_app_delay_known_or_of_unknown_length_is_silent(string code)
    {
        await Rule().Source(App + code + "\napp.Run();").File("/k8s/deployment.yaml", ServedDeployment()).RunAsync();
    }

    [Fact]
    public async Task A_host_lifetime_that_delays_before_stopping_is_silent()
    {
        const string Lifetime = """
            app.Run();

            class DelayedLifetime(IHostApplicationLifetime lifetime) : IHostLifetime
            {
                private System.Runtime.InteropServices.PosixSignalRegistration? _sigterm;

                public Task WaitForStartAsync(CancellationToken ct)
                {
                    _sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(
                        System.Runtime.InteropServices.PosixSignal.SIGTERM,
                        async context => { context.Cancel = true; await Task.Delay(5000); lifetime.StopApplication(); });
                    return Task.CompletedTask;
                }

                public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
            }
            """;
        await Rule().Source("#nullable enable\n" + App + Lifetime).File("/k8s/deployment.yaml", ServedDeployment()).RunAsync();
    }

    [Fact]
    public async Task Batch_workloads_and_pods_that_no_Service_selects_are_silent()
    {
        var unselected = ServedDeployment().Replace("  selector:\n    app: orders", "  selector:\n    app: billing");
        await Rule().Source(App + "app.Run();").File("/k8s/job.yaml", ServedDeployment(kind: "Job")).RunAsync();
        await Rule().Source(App + "app.Run();").File("/k8s/deployment.yaml", unselected).RunAsync();
    }

    [Fact]
    public async Task The_ignore_annotation_on_the_pod_template_switches_the_rule_off()
    {
        var manifest = ServedDeployment().Replace("    metadata:\n      labels:", "    metadata:\n      annotations:\n        shutdown-guard.io/ignore: SG2004\n      labels:");
        Assert.True(Assert.Single(Set(("/k8s/deployment.yaml", manifest)).Workloads).Workload.Ignores("SG2004"));
        await Rule().Source(App + "app.Run();").File("/k8s/deployment.yaml", manifest).RunAsync();
    }
}
