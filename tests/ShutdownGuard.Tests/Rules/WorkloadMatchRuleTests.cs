using Microsoft.CodeAnalysis;
using ShutdownGuard.Tests.Verification;
using static ShutdownGuard.Tests.Verification.Manifests;
using Verifier = ShutdownGuard.Tests.Verification.AnalyzerVerifier<ShutdownGuard.Rules.ProgramAnalyzer>;

namespace ShutdownGuard.Tests.Rules;

public class WorkloadMatchRuleTests
{
    /// <summary>Two Deployments that run other containers; the first one's kind is marked, where SG2010 stands.</summary>
    private const string TwoWorkloads = """
        apiVersion: apps/v1
        kind: {|#0:Deployment|}
        metadata:
          name: billing
        spec:
          template:
            spec:
              containers:
              - name: billing
                image: registry.example.com/billing:1.0
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: shipping
        spec:
          template:
            spec:
              containers:
              - name: shipping
                image: registry.example.com/shipping:1.0
              - name: proxy
                image: registry.example.com/proxy:1.0

        """;

    [Fact]
    public async Task SG2010_stands_at_the_first_workload_and_lists_what_was_found()
    {
        await new Verifier().Only("SG2010")
            .Source(Verifier.WebApp)
            .File("/k8s/b.yaml", Deployment("other"))
            .File("/k8s/a.yaml", TwoWorkloads)
            .Expect(Expect.Diagnostic("SG2010", DiagnosticSeverity.Info)
                .WithLocation(0)
                .WithArguments("OrdersApi", "found Deployment/billing (container billing), Deployment/shipping (container shipping/proxy), Deployment/other (container other)"))
            .RunAsync();
    }

    [Fact]
    public async Task SG2010_says_when_the_explicit_workload_names_nothing()
    {
        await new Verifier().Only("SG2010")
            .Source(Verifier.WebApp)
            .GlobalConfig("build_property.ShutdownGuardWorkload = Deployment/orders\n")
            .File("/k8s/a.yaml", TwoWorkloads)
            .Expect(Expect.Diagnostic("SG2010", DiagnosticSeverity.Info)
                .WithLocation(0)
                .WithArguments("OrdersApi", "ShutdownGuardWorkload 'Deployment/orders' names none of: Deployment/billing (container billing), Deployment/shipping (container shipping/proxy)"))
            .RunAsync();
    }

    [Fact]
    public async Task A_matching_container_is_silent()
    {
        await new Verifier().Only("SG2010")
            .Source(Verifier.WebApp)
            .File("/k8s/a.yaml", TwoWorkloads + "---\n" + Deployment("orders", "orders-api"))
            .RunAsync();
    }

    [Fact]
    public async Task A_library_is_never_matched_nor_told()
    {
        await new Verifier().Only("SG2010")
            .Library()
            .Source("public static class Startup { public static void Run(string[] args) => Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder(args).Build().Run(); }")
            .File("/k8s/a.yaml", TwoWorkloads)
            .RunAsync();
    }

    [Fact]
    public async Task A_test_project_is_never_matched_nor_told()
    {
        await new Verifier().Only("SG2010")
            .Source(Verifier.WebApp)
            .GlobalConfig("build_property.IsTestProject = true\n")
            .File("/k8s/a.yaml", TwoWorkloads)
            .RunAsync();
    }

    [Fact]
    public async Task An_executable_that_builds_no_host_is_silent()
    {
        await new Verifier().Only("SG2010")
            .Source("System.Console.WriteLine(typeof(Microsoft.Extensions.Hosting.IHost));")
            .File("/k8s/a.yaml", TwoWorkloads)
            .RunAsync();
    }

    [Theory]
    [InlineData("/k8s/a.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n")]
    [InlineData("/k8s/a.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n\tname: x\n")]
    [InlineData("/compose.yaml", "services:\n  web:\n    image: x\n")]
    public async Task Without_readable_workloads_there_is_nothing_to_match(string path, string text)
    {
        await new Verifier().Only("SG2010").Source(Verifier.WebApp).File(path, text).RunAsync();
    }
}
