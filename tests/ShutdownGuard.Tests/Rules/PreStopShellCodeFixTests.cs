using Microsoft.CodeAnalysis.CodeFixes;
using ShutdownGuard.CodeFixes.Manifests;
using ShutdownGuard.Manifests;
using ShutdownGuard.Rules;
using ShutdownGuard.Tests.Verification;
using static ShutdownGuard.Tests.Verification.Manifests;

namespace ShutdownGuard.Tests.Rules;

public class PreStopShellCodeFixTests
{
    private const string Chiseled = "FROM mcr.microsoft.com/dotnet/aspnet:8.0-noble-chiseled\n";

    private static string Hook(string preStop) => "        lifecycle:\n          preStop:\n" + preStop;

    private static string SleepAction(int seconds) => Hook($"            sleep:\n              seconds: {seconds}\n");

    /// <summary>Checks that a fixed manifest reads again with the sleep action on the project's container.</summary>
    private static AdditionalDocumentFixVerifier<ProgramAnalyzer, PreStopShellCodeFix> Verifier() =>
        new AdditionalDocumentFixVerifier<ProgramAnalyzer, PreStopShellCodeFix>("SG2007")
            .Source(AnalyzerVerifier<ProgramAnalyzer>.WebApp)
            .File("/Dockerfile", Chiseled)
            .Validate((path, text) =>
            {
                var containers = Set((path, text)).Workloads.SelectMany(entry => entry.Workload.Pod.Containers).Where(container => container.Name?.Text == "orders-api");
                Assert.All(containers, container => Assert.Equal(PreStopKind.Sleep, container.PreStop?.Kind));
            });

    [Theory]
    [InlineData("            exec:\n              command: [\"sleep\", \"5\"]\n", 5)]
    [InlineData("            exec:\n              command: [\"/bin/sleep\", \"5s\"]\n", 5)]
    [InlineData("            exec:\n              command:\n              - /bin/sh\n              - -c\n              - sleep 10\n", 10)]
    [InlineData("            exec: {command: [sh, -c, \"exec sleep 15;\"]}\n", 15)]
    public async Task An_exec_that_only_sleeps_becomes_the_sleep_action_with_the_same_seconds(string exec, int seconds)
    {
        await Verifier()
            .File("/k8s/deployment.yaml", ServedDeployment(Hook(exec)))
            .FixEachAsync(("/k8s/deployment.yaml", ServedDeployment(SleepAction(seconds))));
    }

    [Fact]
    public async Task A_flow_style_hook_gets_the_flow_style_action()
    {
        const string Before = "        lifecycle:\n          preStop: {exec: {command: [\"sleep\", \"5\"]}}\n";
        const string After = "        lifecycle:\n          preStop: {sleep: {seconds: 5}}\n";
        await Verifier()
            .File("/k8s/deployment.yaml", ServedDeployment(Before))
            .FixEachAsync(("/k8s/deployment.yaml", ServedDeployment(After)));
    }

    [Theory]
    [InlineData("            exec:\n              command: [\"sh\", \"-c\", \"sleep 5 && curl -X POST localhost:8080/drain\"]\n", "")]
    [InlineData("            exec:\n              command: [\"sleep\", \"$(DRAIN_SECONDS)\"]\n", "")]
    [InlineData("            exec:\n              command: [\"sleep\", \"0\"]\n", "")]
    [InlineData("            exec:\n              command: [\"sleep\", \"5\"]\n", "shutdown_guard.kubernetes_version = 1.29\n")]
    public async Task No_fix_when_the_hook_does_more_than_sleep_a_known_time_or_the_cluster_lacks_the_action(string exec, string options)
    {
        var diagnostic = Assert.Single(await Verifier()
            .File("/k8s/deployment.yaml", ServedDeployment(Hook(exec)))
            .GlobalConfig("build_property.MSBuildProjectName = OrdersApi\n" + options)
            .DiagnosticsAsync());

        Assert.Empty(diagnostic.Properties);
    }

    [Fact]
    public async Task Four_space_indentation_and_crlf_line_breaks_are_kept()
    {
        const string Head = "apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n    name: orders\r\nspec:\r\n    containers:\r\n    -   name: orders-api\r\n        image: registry.example.com/orders-api:1.0\r\n        lifecycle:\r\n            preStop:\r\n";
        const string Before = Head + "                exec:\r\n                    command: [\"sleep\", \"5\"] # drain\r\n        ports:\r\n        -   containerPort: 8080\r\n";
        const string After = Head + "                sleep:\r\n                    seconds: 5 # drain\r\n        ports:\r\n        -   containerPort: 8080\r\n";
        await Verifier().File("/k8s/pod.yaml", Before).FixEachAsync(("/k8s/pod.yaml", After));
    }

    [Theory]
    [InlineData(FixAllScope.Project)]
    [InlineData(FixAllScope.Solution)]
    public async Task Fix_all_replaces_every_exec_sleep(FixAllScope scope)
    {
        await Verifier()
            .File("/k8s/prod/deployment.yaml", ServedDeployment(Hook("            exec:\n              command: [\"sleep\", \"5\"]\n")))
            .File("/k8s/staging/deployment.yaml", ServedDeployment(Hook("            exec:\n              command: [\"sh\", \"-c\", \"sleep 3\"]\n")))
            .FixAllAsync(
                scope,
                ("/k8s/prod/deployment.yaml", ServedDeployment(SleepAction(5))),
                ("/k8s/staging/deployment.yaml", ServedDeployment(SleepAction(3))));
    }
}
