using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using ShutdownGuard.Tests.Verification;
using Verifier = ShutdownGuard.Tests.Verification.AnalyzerVerifier<ShutdownGuard.Rules.ProgramAnalyzer>;

namespace ShutdownGuard.Tests.Rules;

public class RolloutTakesReadyPodsRuleTests
{
    private const string Path = "/k8s/deployment.yaml";

    /// <summary>A workload of the project's container; <paramref name="spec"/> holds lines of its spec before the
    /// template, indented by two spaces.</summary>
    internal static string Workload(string spec, string kind = "Deployment", string metadata = "", string podMetadata = "") => $"""
        apiVersion: apps/v1
        kind: {kind}
        metadata:
          name: orders
        {metadata}spec:
        {spec}  template:
        {podMetadata}    spec:
              containers:
              - name: orders-api
                image: registry.example.com/orders-api:1.0

        """;

    /// <summary>The finding at the place marked <c>#0</c>.</summary>
    private static DiagnosticResult SG2008(string pods, string setting) =>
        Expect.Diagnostic("SG2008", DiagnosticSeverity.Info).WithLocation(0).WithArguments("Deployment/orders", pods, setting);

    private static async Task VerifyAsync(string manifest, params DiagnosticResult[] expected)
    {
        await new Verifier().Only("SG2008").Source(Verifier.WebApp).File(Path, manifest).Expect(expected).RunAsync();
    }

    [Fact]
    public async Task The_default_quarter_of_replicas_stands_at_the_kind()
    {
        await VerifyAsync(Workload("  replicas: 4\n", kind: "{|#0:Deployment|}"), SG2008("1 ready pod", "maxUnavailable 25% by default, 4 replicas"));
    }

    [Fact]
    public async Task A_percentage_is_of_replicas_rounded_down_and_stands_at_the_value()
    {
        var spec = "  replicas: 10\n  strategy:\n    type: RollingUpdate\n    rollingUpdate:\n      maxUnavailable: {|#0:\"35%\"|}\n      maxSurge: 1\n";
        await VerifyAsync(Workload(spec), SG2008("3 ready pods", "maxUnavailable 35%, 10 replicas"));
    }

    [Fact]
    public async Task An_absolute_number_needs_no_replicas()
    {
        var spec = "  strategy:\n    rollingUpdate:\n      maxUnavailable: {|#0:2|}\n";
        await VerifyAsync(Workload(spec), SG2008("2 ready pods", "maxUnavailable 2"));
    }

    [Fact]
    public async Task An_absolute_number_is_capped_by_replicas()
    {
        var spec = "  replicas: 1\n  strategy:\n    rollingUpdate:\n      maxUnavailable: {|#0:3|}\n";
        await VerifyAsync(Workload(spec), SG2008("1 ready pod", "maxUnavailable 3, 1 replica"));
    }

    [Fact]
    public async Task A_huge_replica_count_does_not_overflow()
    {
        await VerifyAsync(Workload("  replicas: 2147483647\n", kind: "{|#0:Deployment|}"), SG2008("536870911 ready pods", "maxUnavailable 25% by default, 2147483647 replicas"));
    }

    [Fact]
    public async Task A_strategy_without_maxUnavailable_is_reported_at_the_strategy()
    {
        var spec = "  replicas: 8\n  {|#0:strategy|}:\n    type: RollingUpdate\n";
        await VerifyAsync(Workload(spec), SG2008("2 ready pods", "maxUnavailable 25% by default, 8 replicas"));
    }

    [Fact]
    public async Task Recreate_is_reported_at_its_type_with_a_message_of_its_own()
    {
        await VerifyAsync(
            Workload("  replicas: 2\n  strategy:\n    type: {|#0:Recreate|}\n"),
            Expect.Diagnostic("SG2008", DiagnosticSeverity.Info).WithLocation(0).WithArguments("Deployment/orders")
                .WithMessage("Deployment/orders uses the Recreate strategy: every pod stops before a new one starts, so the app serves nothing during a rollout"));
    }

    [Theory]
    [InlineData("  replicas: 3\n")]
    [InlineData("")]
    [InlineData("  strategy:\n    rollingUpdate:\n      maxUnavailable: 50%\n")]
    [InlineData("  replicas: 4\n  strategy:\n    rollingUpdate:\n      maxUnavailable: 0\n")]
    [InlineData("  replicas: 4\n  strategy:\n    rollingUpdate:\n      maxUnavailable: 0%\n")]
    [InlineData("  replicas: 0\n  strategy:\n    type: Recreate\n")]
    [InlineData("  replicas: 0\n  strategy:\n    rollingUpdate:\n      maxUnavailable: 1\n")]
    public async Task Rollouts_that_keep_ready_pods_or_whose_count_an_autoscaler_owns_are_silent(string spec)
    {
        await VerifyAsync(Workload(spec));
    }

    [Theory]
    [InlineData("  replicas: \"{{ .Values.replicas }}\"\n")]
    [InlineData("  replicas: \"4\"\n")]
    [InlineData("  replicas: 4\n  strategy:\n    rollingUpdate:\n      maxUnavailable: \"1\"\n")]
    [InlineData("  replicas: 4\n  strategy:\n    rollingUpdate:\n      maxUnavailable: ${MAX_UNAVAILABLE}\n")]
    [InlineData("  replicas: 4\n  strategy:\n    rollingUpdate:\n      maxUnavailable: 150%\n")]
    [InlineData("  replicas: 4\n  strategy:\n    rollingUpdate:\n      maxUnavailable: -1\n")]
    [InlineData("  replicas: 4\n  strategy:\n    rollingUpdate:\n      maxUnavailable: [1]\n")]
    [InlineData("  replicas: 4\n  strategy:\n    type: \"{{ .Values.strategy }}\"\n")]
    [InlineData("  replicas: 4\n  strategy:\n    type: BlueGreen\n")]
    [InlineData("  replicas: 4\n  strategy: RollingUpdate\n")]
    public async Task Unknown_or_malformed_values_are_silent(string spec)
    {
        Assert.Single(Verification.Manifests.Set((Path, Workload(spec))).Workloads);
        await VerifyAsync(Workload(spec));
    }

    [Theory]
    [InlineData("StatefulSet", "  replicas: 4\n  updateStrategy:\n    rollingUpdate:\n      maxUnavailable: 2\n")]
    [InlineData("DaemonSet", "  updateStrategy:\n    rollingUpdate:\n      maxUnavailable: 1\n")]
    [InlineData("ReplicaSet", "  replicas: 4\n")]
    public async Task Only_Deployments_are_checked(string kind, string spec)
    {
        await VerifyAsync(Workload(spec, kind));
    }

    [Fact]
    public async Task Workloads_of_other_projects_are_silent()
    {
        var other = Workload("  replicas: 4\n").Replace("orders-api", "billing", StringComparison.Ordinal);
        await VerifyAsync(other + "---\n" + Workload("  replicas: 2\n"));
    }

    [Fact]
    public async Task A_kustomize_patch_is_partial_and_silent()
    {
        await new Verifier().Only("SG2008")
            .Source(Verifier.WebApp)
            .File(Path, Workload("  replicas: 2\n"))
            .File("/k8s/kustomization.yaml", "resources: [deployment.yaml]\npatches:\n- path: replicas.yaml\n")
            .File("/k8s/replicas.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: orders\nspec:\n  replicas: 10\n  template:\n    spec:\n      containers:\n      - name: orders-api\n")
            .RunAsync();
    }

    [Theory]
    [InlineData("shutdown-guard.io/ignore", "SG2008")]
    [InlineData("kube-score/ignore", "deployment-strategy")]
    [InlineData("kube-score/skip", "\"True\"")]
    [InlineData("ignore-check.kube-linter.io/no-rolling-update-strategy", "\"Recreate frees the volume\"")]
    [InlineData("kube-linter.io/ignore-all", "\"\"")]
    public async Task Annotations_that_silence_the_same_check_silence_it_on_the_workload_and_on_the_pod_template(string key, string value)
    {
        const string Spec = "  replicas: 2\n  strategy:\n    type: Recreate\n";
        await VerifyAsync(Workload(Spec, metadata: $"  annotations:\n    {key}: {value}\n"));
        await VerifyAsync(Workload(Spec, podMetadata: $"    metadata:\n      annotations:\n        {key}: {value}\n"));
    }

    [Theory]
    [InlineData("kube-score/ignore", "pod-probes")]
    [InlineData("ignore-check.kube-linter.io/no-readiness-probe", "\"\"")]
    [InlineData("polaris.fairwinds.com/exempt", "\"true\"")]
    public async Task Annotations_for_other_checks_do_not_silence_it(string key, string value)
    {
        await VerifyAsync(
            Workload("  replicas: 4\n", kind: "{|#0:Deployment|}", metadata: $"  annotations:\n    {key}: {value}\n"),
            SG2008("1 ready pod", "maxUnavailable 25% by default, 4 replicas"));
    }
}
