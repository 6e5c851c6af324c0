using Microsoft.CodeAnalysis.CodeFixes;
using ShutdownGuard.CodeFixes.Manifests;
using ShutdownGuard.Rules;
using ShutdownGuard.Tests.Verification;
using static ShutdownGuard.Tests.Verification.Manifests;

namespace ShutdownGuard.Tests.Rules;

public class ShutdownDelayCodeFixTests
{
    private const string App = """
        var app = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder(args).Build();
        app.Run();
        """;

    private const string Grace60 = "      terminationGracePeriodSeconds: 60\n";

    private const string Project = "build_property.MSBuildProjectName = OrdersApi\n";

    private static string SleepHook(int seconds) => $"        lifecycle:\n          preStop:\n            sleep:\n              seconds: {seconds}\n";

    /// <summary>Checks that a fixed manifest reads again with a known preStop delay on the project's container.</summary>
    private static AdditionalDocumentFixVerifier<ProgramAnalyzer, ShutdownDelayCodeFix> Verifier(string app = App) =>
        new AdditionalDocumentFixVerifier<ProgramAnalyzer, ShutdownDelayCodeFix>("SG2004")
            .Source(app)
            .Validate((path, text) =>
            {
                var containers = Set((path, text)).Workloads.SelectMany(entry => entry.Workload.Pod.Containers).Where(container => container.Name?.Text == "orders-api");
                Assert.All(containers, container => Assert.True(container.PreStop?.DelaySeconds >= 1));
            });

    [Fact]
    public async Task A_preStop_sleep_of_5_seconds_goes_last_in_the_container_when_the_budget_has_room()
    {
        await Verifier()
            .File("/k8s/deployment.yaml", ServedDeployment(podSpec: Grace60))
            .FixEachAsync(("/k8s/deployment.yaml", ServedDeployment(SleepHook(5), Grace60)));
    }

    [Theory]
    [InlineData(38, 3)]
    [InlineData(36, 1)]
    public async Task The_sleep_shrinks_to_what_the_budget_leaves(int grace, int seconds)
    {
        var podSpec = $"      terminationGracePeriodSeconds: {grace}\n";
        await Verifier()
            .File("/k8s/deployment.yaml", ServedDeployment(podSpec: podSpec))
            .FixEachAsync(("/k8s/deployment.yaml", ServedDeployment(SleepHook(seconds), podSpec)));
    }

    [Theory]
    [InlineData("", 40)]
    [InlineData("      terminationGracePeriodSeconds: 35\n", 40)]
    [InlineData("      terminationGracePeriodSeconds: 32\n", 40)]
    public async Task Where_the_budget_has_no_room_the_sleep_comes_with_the_grace_period_it_needs(string podSpec, int grace)
    {
        // ShutdownTimeout 30 (default) + margin 5 leave less than a second of the grace period: the fix makes room for the
        // default sleep, and the budget then fits (SG1003 would report otherwise).
        var raised = $"      terminationGracePeriodSeconds: {grace}\n";
        var diagnostic = Assert.Single(await Verifier().File("/k8s/deployment.yaml", ServedDeployment(podSpec: podSpec)).DiagnosticsAsync());
        Assert.Equal($"Insert a preStop sleep of 5 s and raise terminationGracePeriodSeconds to {grace}", TextEditProperties.TitleOf(diagnostic));

        await Verifier()
            .File("/k8s/deployment.yaml", ServedDeployment(podSpec: podSpec))
            .FixEachAsync(("/k8s/deployment.yaml", ServedDeployment(SleepHook(5), raised)));
        await new AnalyzerVerifier<ProgramAnalyzer>()
            .Only("SG1003", "SG2004", "SG2006")
            .Source(App)
            .File("/k8s/deployment.yaml", ServedDeployment(SleepHook(5), raised))
            .RunAsync();
    }

    [Fact]
    public async Task No_fix_where_the_grace_period_the_sleep_needs_lies_in_text_an_alias_shares()
    {
        const string Shared = "      terminationGracePeriodSeconds: &grace 30\n      initContainers:\n      - name: proxy\n        image: envoyproxy/envoy:v1.30\n"
            + "        restartPolicy: Always\n        env: [{name: GRACE, value: *grace}]\n";
        var diagnostic = Assert.Single(await Verifier().File("/k8s/deployment.yaml", ServedDeployment(podSpec: Shared)).DiagnosticsAsync());

        Assert.Empty(diagnostic.Properties);
    }

    [Theory]
    [InlineData(20, "", "")]
    [InlineData(55, "      terminationGracePeriodSeconds: 60\n", "      terminationGracePeriodSeconds: 65\n")]
    public async Task The_budget_counts_the_ShutdownTimeout_the_code_sets(int timeout, string podSpec, string fixedPodSpec)
    {
        // 20 + margin 5 leave 5 s of the default 30; 55 + margin 5 fill 60, which the fix raises to 65.
        var configured = $"""
            using Microsoft.Extensions.Hosting;

            var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder(args);
            builder.Host.ConfigureHostOptions(options => options.ShutdownTimeout = System.TimeSpan.FromSeconds({timeout}));
            builder.Build().Run();
            """;
        await Verifier(configured)
            .File("/k8s/deployment.yaml", ServedDeployment(podSpec: podSpec))
            .FixEachAsync(("/k8s/deployment.yaml", ServedDeployment(SleepHook(5), fixedPodSpec)));
    }

    [Fact]
    public async Task An_unknown_ShutdownTimeout_gets_the_default_sleep()
    {
        const string EnvFrom = "        envFrom:\n        - configMapRef: {name: settings}\n";
        await Verifier()
            .File("/k8s/deployment.yaml", ServedDeployment(EnvFrom))
            .FixEachAsync(("/k8s/deployment.yaml", ServedDeployment(EnvFrom + SleepHook(5))));
    }

    [Fact]
    public async Task An_existing_lifecycle_gets_the_preStop_hook_as_its_last_key()
    {
        const string PostStart = "        lifecycle:\n          postStart:\n            exec:\n              command: [\"/app/warmup\"]\n";
        const string Resources = "        resources: {}\n";
        await Verifier()
            .File("/k8s/deployment.yaml", ServedDeployment(PostStart + Resources, Grace60))
            .FixEachAsync(("/k8s/deployment.yaml", ServedDeployment(PostStart + "          preStop:\n            sleep:\n              seconds: 5\n" + Resources, Grace60)));
    }

    [Theory]
    [InlineData("        lifecycle: {}\n")]
    [InlineData("        lifecycle:\n")]
    [InlineData("        lifecycle:\n          preStop:\n")]
    [InlineData("        lifecycle:\n          preStop:\n            sleep:\n              seconds: 0\n")]
    public async Task No_fix_where_a_lifecycle_cannot_take_a_new_preStop_key(string lifecycle)
    {
        var diagnostic = Assert.Single(await Verifier().File("/k8s/deployment.yaml", ServedDeployment(lifecycle, Grace60)).DiagnosticsAsync());

        Assert.Empty(diagnostic.Properties);
    }

    [Theory]
    [InlineData("FROM mcr.microsoft.com/dotnet/aspnet:8.0\n")]
    [InlineData("FROM registry.example.com/base:1\n")]
    public async Task Before_Kubernetes_1_30_an_image_that_may_have_a_shell_gets_an_exec_sleep(string dockerfile)
    {
        const string Exec = "        lifecycle:\n          preStop:\n            exec:\n              command: [\"sleep\", \"5\"]\n";
        await Verifier()
            .File("/k8s/deployment.yaml", ServedDeployment(podSpec: Grace60))
            .File("/Dockerfile", dockerfile)
            .GlobalConfig(Project + "shutdown_guard.kubernetes_version = 1.28\n")
            .FixEachAsync(("/k8s/deployment.yaml", ServedDeployment(Exec, Grace60)));
    }

    [Fact]
    public async Task Before_Kubernetes_1_30_a_shell_less_image_gets_no_fix()
    {
        var diagnostic = Assert.Single(await Verifier()
            .File("/k8s/deployment.yaml", ServedDeployment(podSpec: Grace60))
            .File("/Dockerfile", "FROM mcr.microsoft.com/dotnet/aspnet:8.0-noble-chiseled\n")
            .GlobalConfig(Project + "shutdown_guard.kubernetes_version = 1.29\n")
            .DiagnosticsAsync());

        Assert.Empty(diagnostic.Properties);
    }

    [Fact]
    public async Task A_lifecycle_reached_through_an_alias_gets_no_fix_that_would_change_the_anchor()
    {
        const string Sidecar = "      initContainers:\n      - name: proxy\n        image: envoyproxy/envoy:v1.30\n        restartPolicy: Always\n"
            + "        lifecycle: &lifecycle\n          postStart:\n            exec: {command: [\"true\"]}\n";
        var diagnostic = Assert.Single(await Verifier()
            .File("/k8s/deployment.yaml", ServedDeployment("        lifecycle: *lifecycle\n", Grace60 + Sidecar))
            .GlobalConfig(Project)
            .DiagnosticsAsync());

        Assert.Empty(diagnostic.Properties);
    }

    [Fact]
    public async Task A_shell_less_image_gets_the_sleep_action()
    {
        await Verifier()
            .File("/k8s/deployment.yaml", ServedDeployment(podSpec: Grace60))
            .File("/Dockerfile", "FROM mcr.microsoft.com/dotnet/aspnet:8.0-noble-chiseled\n")
            .FixEachAsync(("/k8s/deployment.yaml", ServedDeployment(SleepHook(5), Grace60)));
    }

    [Fact]
    public async Task Four_space_indentation_and_crlf_line_breaks_are_kept()
    {
        const string Head = "apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n    name: orders\r\n    labels:\r\n        app: orders\r\nspec:\r\n    terminationGracePeriodSeconds: 60\r\n    containers:\r\n    -   name: orders-api\r\n        image: registry.example.com/orders-api:1.0\r\n";
        const string Tail = "---\r\napiVersion: v1\r\nkind: Service\r\nmetadata:\r\n    name: orders\r\nspec:\r\n    selector:\r\n        app: orders\r\n";
        const string Hook = "        lifecycle:\r\n            preStop:\r\n                sleep:\r\n                    seconds: 5\r\n";
        await Verifier().File("/k8s/pod.yaml", Head + Tail).FixEachAsync(("/k8s/pod.yaml", Head + Hook + Tail));
    }

    [Fact]
    public async Task A_flow_style_container_gets_the_diagnostic_without_a_fix()
    {
        var manifest = ServedDeployment(podSpec: Grace60).Replace(
            "      - name: orders-api\n        image: registry.example.com/orders-api:1.0\n        ports:\n        - containerPort: 8080\n",
            "      - {name: orders-api, image: registry.example.com/orders-api:1.0}\n");
        var diagnostic = Assert.Single(await Verifier().File("/k8s/deployment.yaml", manifest).DiagnosticsAsync());

        Assert.Empty(diagnostic.Properties);
    }

    [Theory]
    [InlineData(FixAllScope.Project)]
    [InlineData(FixAllScope.Solution)]
    public async Task Fix_all_sizes_the_sleep_for_each_workload(FixAllScope scope)
    {
        const string Grace38 = "      terminationGracePeriodSeconds: 38\n";
        await Verifier()
            .File("/k8s/prod/deployment.yaml", ServedDeployment(podSpec: Grace60))
            .File("/k8s/staging/deployment.yaml", ServedDeployment(podSpec: Grace38))
            .FixAllAsync(
                scope,
                ("/k8s/prod/deployment.yaml", ServedDeployment(SleepHook(5), Grace60)),
                ("/k8s/staging/deployment.yaml", ServedDeployment(SleepHook(3), Grace38)));
    }

    [Theory]
    [InlineData(FixAllScope.Project)]
    [InlineData(FixAllScope.Solution)]
    public async Task Fix_all_raises_each_grace_period_once_with_its_workloads_sleep(FixAllScope scope)
    {
        // Two workloads in one file, each with no room at the defaults: both edits of each fix land, none twice.
        var two = ServedDeployment(podSpec: string.Empty) + "---\n" + ServedDeployment(podSpec: string.Empty).Replace("name: orders\n", "name: orders-eu\n").Replace("app: orders\n", "app: orders-eu\n");
        var fixedOne = ServedDeployment(SleepHook(5), "      terminationGracePeriodSeconds: 40\n");
        var expected = fixedOne + "---\n" + fixedOne.Replace("name: orders\n", "name: orders-eu\n").Replace("app: orders\n", "app: orders-eu\n");
        await Verifier()
            .File("/k8s/deployment.yaml", two)
            .FixAllAsync(scope, ("/k8s/deployment.yaml", expected));
    }
}
