using Microsoft.CodeAnalysis.CodeFixes;
using ShutdownGuard.CodeFixes.Manifests;
using ShutdownGuard.Rules;
using ShutdownGuard.Tests.Verification;
using static ShutdownGuard.Tests.Rules.RolloutTakesReadyPodsRuleTests;

namespace ShutdownGuard.Tests.Rules;

public class RolloutTakesReadyPodsCodeFixTests
{
    private const string Path = "/k8s/deployment.yaml";

    private static AdditionalDocumentFixVerifier<ProgramAnalyzer, RolloutTakesReadyPodsCodeFix> Verifier() =>
        new AdditionalDocumentFixVerifier<ProgramAnalyzer, RolloutTakesReadyPodsCodeFix>("SG2008")
            .Source(AnalyzerVerifier<ProgramAnalyzer>.WebApp)
            .Validate((path, text) =>
            {
                var set = Verification.Manifests.Set((path, text));
                Assert.All(set.Files, file => Assert.Null(file.Model.Problem));
                Assert.All(set.Workloads, entry => Assert.Equal("0", entry.Workload.Strategy?.MaxUnavailable?.Text));
            });

    [Theory]
    [InlineData(
        "  replicas: 4\n  strategy:\n    rollingUpdate:\n      maxUnavailable: 1\n",
        "  replicas: 4\n  strategy:\n    rollingUpdate:\n      maxUnavailable: 0\n")]
    [InlineData(
        "  replicas: 4\n  strategy:\n    rollingUpdate:\n      maxUnavailable: \"50%\"  # half\n      maxSurge: 0\n",
        "  replicas: 4\n  strategy:\n    rollingUpdate:\n      maxUnavailable: 0  # half\n      maxSurge: 1\n")]
    [InlineData(
        "  replicas: 4\n  strategy:\n    rollingUpdate:\n      maxSurge: 0%\n",
        "  replicas: 4\n  strategy:\n    rollingUpdate:\n      maxUnavailable: 0\n      maxSurge: 1\n")]
    [InlineData(
        "  replicas: 4\n  strategy:\n    rollingUpdate:\n      maxSurge: 2\n",
        "  replicas: 4\n  strategy:\n    rollingUpdate:\n      maxUnavailable: 0\n      maxSurge: 2\n")]
    [InlineData(
        "  replicas: 4\n  strategy:\n    type: RollingUpdate\n",
        "  replicas: 4\n  strategy:\n    rollingUpdate:\n      maxUnavailable: 0\n    type: RollingUpdate\n")]
    [InlineData(
        "  replicas: 4\n",
        "  strategy:\n    rollingUpdate:\n      maxUnavailable: 0\n  replicas: 4\n")]
    [InlineData(
        "  replicas: 4\n  strategy:\n    rollingUpdate: {maxUnavailable: 1, maxSurge: 0}\n",
        "  replicas: 4\n  strategy:\n    rollingUpdate: {maxUnavailable: 0, maxSurge: 1}\n")]
    public async Task MaxUnavailable_becomes_0_and_maxSurge_at_least_1(string before, string after)
    {
        await Verifier().File(Path, Workload(before)).FixEachAsync((Path, Workload(after)));
    }

    [Fact]
    public async Task Inserted_keys_follow_the_files_indentation_and_line_breaks()
    {
        const string Before = "apiVersion: apps/v1\r\nkind: Deployment\r\nmetadata:\r\n    name: orders\r\nspec:   # the rollout\r\n    replicas: 8\r\n    template:\r\n        spec:\r\n            containers:\r\n                - name: orders-api\r\n                  image: registry.example.com/orders-api:1.0\r\n";
        const string After = "apiVersion: apps/v1\r\nkind: Deployment\r\nmetadata:\r\n    name: orders\r\nspec:   # the rollout\r\n    strategy:\r\n        rollingUpdate:\r\n            maxUnavailable: 0\r\n    replicas: 8\r\n    template:\r\n        spec:\r\n            containers:\r\n                - name: orders-api\r\n                  image: registry.example.com/orders-api:1.0\r\n";
        await Verifier().File(Path, Before).FixEachAsync((Path, After));
    }

    [Fact]
    public async Task A_deployment_inside_a_list_keeps_its_indentation()
    {
        var before = "apiVersion: v1\nkind: List\nitems:\n- apiVersion: apps/v1\n  kind: Deployment\n  metadata: {name: orders}\n  spec:\n    replicas: 4\n    template:\n      spec:\n        containers:\n        - name: orders-api\n          image: orders-api:1.0\n";
        var after = before.Replace("  spec:\n    replicas: 4\n", "  spec:\n    strategy:\n      rollingUpdate:\n        maxUnavailable: 0\n    replicas: 4\n", StringComparison.Ordinal);
        await Verifier().File(Path, before).FixEachAsync((Path, after));
    }

    [Fact]
    public async Task A_json_manifest_gets_its_value_rewritten()
    {
        const string Before = """{"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "orders"}, "spec": {"replicas": 4, "strategy": {"rollingUpdate": {"maxUnavailable": "25%"}}, "template": {"spec": {"containers": [{"name": "orders-api", "image": "orders-api:1"}]}}}}""";
        await Verifier().File("/k8s/orders.json", Before).FixEachAsync(("/k8s/orders.json", Before.Replace("\"25%\"", "0", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("  replicas: 4\n  strategy:\n    rollingUpdate:\n      maxUnavailable: 1\n      maxSurge: \"{{ .Values.surge }}\"\n")]
    [InlineData("  replicas: 4\n  strategy:\n    rollingUpdate: {maxSurge: 1}\n")]
    [InlineData("  replicas: 4\n  strategy: {type: RollingUpdate}\n")]
    public async Task No_fix_is_offered_when_the_result_is_not_certain_or_the_layout_cannot_take_a_key(string spec)
    {
        var diagnostic = Assert.Single(await Verifier().File(Path, Workload(spec)).DiagnosticsAsync());

        Assert.Empty(diagnostic.Properties);
    }

    [Fact]
    public async Task Recreate_gets_no_fix()
    {
        var diagnostic = Assert.Single(await Verifier().File(Path, Workload("  replicas: 2\n  strategy:\n    type: Recreate\n")).DiagnosticsAsync());

        Assert.Empty(diagnostic.Properties);
    }

    [Theory]
    [InlineData(FixAllScope.Project)]
    [InlineData(FixAllScope.Solution)]
    public async Task Fix_all_fixes_every_deployment_of_every_file(FixAllScope scope)
    {
        var two = Workload("  replicas: 4\n") + "---\n" + Workload("  replicas: 8\n  strategy:\n    rollingUpdate:\n      maxUnavailable: 2\n      maxSurge: 0\n");
        var twoFixed = Workload("  strategy:\n    rollingUpdate:\n      maxUnavailable: 0\n  replicas: 4\n") + "---\n" + Workload("  replicas: 8\n  strategy:\n    rollingUpdate:\n      maxUnavailable: 0\n      maxSurge: 1\n");
        await Verifier()
            .File("/k8s/a.yaml", two)
            .File("/k8s/b.yaml", Workload("  replicas: 12\n"))
            .FixAllAsync(
                scope,
                ("/k8s/a.yaml", twoFixed),
                ("/k8s/b.yaml", Workload("  strategy:\n    rollingUpdate:\n      maxUnavailable: 0\n  replicas: 12\n")));
    }
}
