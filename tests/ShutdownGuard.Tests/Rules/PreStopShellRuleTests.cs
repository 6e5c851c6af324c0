using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using ShutdownGuard.Tests.Verification;
using static ShutdownGuard.Tests.Verification.Manifests;
using Verifier = ShutdownGuard.Tests.Verification.AnalyzerVerifier<ShutdownGuard.Rules.ProgramAnalyzer>;

namespace ShutdownGuard.Tests.Rules;

public class PreStopShellRuleTests
{
    private const string Chiseled = "FROM mcr.microsoft.com/dotnet/aspnet:8.0-noble-chiseled\n";

    private const string ExecSleep = "        lifecycle:\n          preStop:\n            exec:\n              command: [{|#0:\"sleep\"|}, \"5\"]\n";

    private static DiagnosticResult SG2007 => Expect.Diagnostic("SG2007", DiagnosticSeverity.Warning);

    private static Verifier Rule() => new Verifier().Only("SG2007").Source(Verifier.WebApp);

    [Fact]
    public async Task SG2007_stands_at_the_program_the_hook_runs()
    {
        await Rule()
            .File("/k8s/deployment.yaml", ServedDeployment(ExecSleep))
            .File("/Dockerfile", "FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build\nFROM " + Chiseled.Substring(5))
            .Expect(SG2007.WithLocation(0).WithArguments("orders-api", "sleep", "mcr.microsoft.com/dotnet/aspnet:8.0-noble-chiseled"))
            .RunAsync();
    }

    [Fact]
    public async Task A_shell_script_is_reported_at_the_shell()
    {
        const string Shell = "        lifecycle:\n          preStop:\n            exec:\n              command:\n              - {|#0:/bin/sh|}\n              - -c\n              - sleep 10\n";
        await Rule()
            .File("/k8s/deployment.yaml", ServedDeployment(Shell))
            .File("/Dockerfile", Chiseled)
            .Expect(SG2007.WithLocation(0).WithArguments("orders-api", "/bin/sh", "mcr.microsoft.com/dotnet/aspnet:8.0-noble-chiseled"))
            .RunAsync();
    }

    [Fact]
    public async Task The_SDK_container_family_tells_the_image_without_a_Dockerfile()
    {
        await Rule()
            .File("/k8s/deployment.yaml", ServedDeployment(ExecSleep))
            .GlobalConfig("build_property.ContainerFamily = noble-chiseled\n")
            .Expect(SG2007.WithLocation(0).WithArguments("orders-api", "sleep", "noble-chiseled"))
            .RunAsync();
    }

    [Theory]
    [InlineData("FROM mcr.microsoft.com/dotnet/aspnet:8.0\n")]
    [InlineData("FROM registry.example.com/base:1\n")]
    [InlineData("ARG TAG\nFROM mcr.microsoft.com/dotnet/aspnet:${TAG}\n")]
    public async Task An_image_with_a_shell_or_an_unknown_one_is_silent(string dockerfile)
    {
        await Rule().File("/k8s/deployment.yaml", ServedDeployment(ExecSleep)).File("/Dockerfile", dockerfile).RunAsync();
    }

    [Theory]
    [InlineData("        lifecycle:\n          preStop:\n            sleep:\n              seconds: 5\n")]
    [InlineData("        lifecycle:\n          preStop:\n            exec:\n              command: [\"/app/drain\", \"--seconds\", \"5\"]\n")]
    [InlineData("        lifecycle:\n          preStop:\n            httpGet:\n              path: /drain\n              port: 8080\n")]
    public async Task A_hook_that_needs_nothing_from_the_image_is_silent(string lifecycle)
    {
        Assert.NotNull(Assert.Single(Set(("/k8s/deployment.yaml", ServedDeployment(lifecycle))).Workloads).Workload.Pod.Containers[0].PreStop);
        await Rule().File("/k8s/deployment.yaml", ServedDeployment(lifecycle)).File("/Dockerfile", Chiseled).RunAsync();
    }

    [Fact]
    public async Task A_sidecar_that_does_not_run_the_project_is_not_reported()
    {
        var sidecar = "      - name: envoy\n        image: envoyproxy/envoy:v1.30\n" + ExecSleep;
        await Rule().File("/k8s/deployment.yaml", ServedDeployment(sidecar)).File("/Dockerfile", Chiseled).RunAsync();
    }

    [Fact]
    public async Task The_ignore_annotation_switches_the_rule_off_for_the_workload()
    {
        var manifest = ServedDeployment(ExecSleep).Replace("  name: orders\nspec:\n  template", "  name: orders\n  annotations:\n    shutdown-guard.io/ignore: SG2007\nspec:\n  template");
        Assert.True(Assert.Single(Set(("/k8s/deployment.yaml", manifest)).Workloads).Workload.Ignores("SG2007"));
        await Rule().File("/k8s/deployment.yaml", manifest).File("/Dockerfile", Chiseled).RunAsync();
    }
}
