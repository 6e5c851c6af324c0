using Microsoft.CodeAnalysis.CodeFixes;
using ShutdownGuard.CodeFixes.Manifests;
using ShutdownGuard.Manifests;
using ShutdownGuard.Rules;
using ShutdownGuard.Tests.Verification;
using static ShutdownGuard.Tests.Verification.Manifests;

namespace ShutdownGuard.Tests.Rules;

public class ReadinessProbeCodeFixTests
{
    private const string App = """
        var app = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder(args).Build();
        Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapGet(app, "/orders", () => "[]");
        Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapGet(app, "/healthz/ready", () => "ok");
        app.Run();
        """;

    private const string Probe = "        readinessProbe:\n          httpGet:\n            path: /healthz/ready\n            port: 8080\n";

    /// <summary>Checks that a fixed manifest reads again with a readiness probe on every container that runs the project.</summary>
    private static AdditionalDocumentFixVerifier<ProgramAnalyzer, ReadinessProbeCodeFix> Verifier(string app = App) =>
        new AdditionalDocumentFixVerifier<ProgramAnalyzer, ReadinessProbeCodeFix>("SG2002")
            .Source(app)
            .Validate((path, text) => Assert.All(
                Set((path, text)).Workloads.SelectMany(entry => entry.Workload.Pod.Containers).Where(container => container.Name?.Text == "orders-api"),
                container => Assert.Equal(ProbeKind.HttpGet, container.ReadinessProbe?.Kind)));

    [Fact]
    public async Task The_probe_goes_last_in_the_container_at_the_path_the_app_serves()
    {
        await Verifier()
            .File("/k8s/deployment.yaml", ServedDeployment())
            .FixEachAsync(("/k8s/deployment.yaml", ServedDeployment(Probe)));
    }

    [Fact]
    public async Task A_container_shared_through_an_alias_gets_no_fix_that_would_change_the_anchor()
    {
        var manifest = BlueGreen(
            "spec:\n        containers: &containers\n        - name: orders-api\n          image: registry.example.com/orders-api:1.0",
            "spec:\n        containers: *containers");
        var diagnostics = await Verifier().File("/k8s/deployment.yaml", manifest).DiagnosticsAsync();

        Assert.Equal(2, diagnostics.Length);
        Assert.All(diagnostics, diagnostic => Assert.Empty(diagnostic.Properties));
    }

    [Fact]
    public async Task A_container_that_merges_an_anchor_gets_the_probe_in_its_own_keys()
    {
        const string Defaults = "      x-defaults: &defaults {imagePullPolicy: Always}\n";
        static string Merging(string manifest) => manifest.Replace("      - name: orders-api\n", "      - <<: *defaults\n        name: orders-api\n", StringComparison.Ordinal);
        await Verifier()
            .File("/k8s/deployment.yaml", Merging(ServedDeployment(podSpec: Defaults)))
            .FixEachAsync(("/k8s/deployment.yaml", Merging(ServedDeployment(Probe, Defaults))));
    }

    [Fact]
    public async Task An_app_serving_no_readiness_path_gets_the_first_configured_one()
    {
        const string Worker = """
            var app = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder(args).Build();
            app.Run();
            """;
        await Verifier(Worker)
            .File("/k8s/deployment.yaml", ServedDeployment())
            .GlobalConfig("build_property.MSBuildProjectName = OrdersApi\nshutdown_guard.readiness_paths = /status/ready,/ready\n")
            .FixEachAsync(("/k8s/deployment.yaml", ServedDeployment(Probe.Replace("/healthz/ready", "/status/ready"))));
    }

    [Theory]
    [InlineData("        ports:\n        - name: http\n          containerPort: 5000\n", "5000")]
    [InlineData("        ports:\n        - name: http\n          containerPort: \"{{ .Values.port }}\"\n        - containerPort: 9090\n", "9090")]
    [InlineData("        ports:\n        - name: http\n", "8080")]
    [InlineData("", "8080")]
    public async Task The_port_is_the_first_known_container_port_else_8080(string ports, string port)
    {
        var before = ServedDeployment().Replace("        ports:\n        - containerPort: 8080\n", ports);
        var after = ServedDeployment().Replace("        ports:\n        - containerPort: 8080\n", ports + Probe.Replace("8080", port));
        await Verifier().File("/k8s/deployment.yaml", before).FixEachAsync(("/k8s/deployment.yaml", after));
    }

    [Fact]
    public async Task Four_space_indentation_and_crlf_line_breaks_are_kept()
    {
        const string Before = "apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n    name: orders\r\n    labels:\r\n        app: orders\r\nspec:\r\n    containers:\r\n        -   name: orders-api\r\n            image: registry.example.com/orders-api:1.0 # pinned\r\n    # the app's sidecars follow\r\n---\r\napiVersion: v1\r\nkind: Service\r\nmetadata:\r\n    name: orders\r\nspec:\r\n    selector:\r\n        app: orders\r\n";
        const string After = "apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n    name: orders\r\n    labels:\r\n        app: orders\r\nspec:\r\n    containers:\r\n        -   name: orders-api\r\n            image: registry.example.com/orders-api:1.0 # pinned\r\n            readinessProbe:\r\n                httpGet:\r\n                    path: /healthz/ready\r\n                    port: 8080\r\n    # the app's sidecars follow\r\n---\r\napiVersion: v1\r\nkind: Service\r\nmetadata:\r\n    name: orders\r\nspec:\r\n    selector:\r\n        app: orders\r\n";
        await Verifier().File("/k8s/pod.yaml", Before).FixEachAsync(("/k8s/pod.yaml", After));
    }

    [Fact]
    public async Task A_file_without_a_final_line_break_gets_one_before_the_probe()
    {
        var manifest = ServedDeployment();
        var service = manifest.Substring(manifest.IndexOf("---\n", StringComparison.Ordinal));
        var before = manifest.Substring(0, manifest.Length - service.Length - 1);
        await Verifier()
            .File("/k8s/deployment.yaml", before)
            .File("/k8s/service.yaml", service.Substring(4))
            .FixEachAsync(("/k8s/deployment.yaml", before + "\n" + Probe.TrimEnd('\n')));
    }

    [Fact]
    public async Task A_block_scalar_at_the_end_of_the_container_stays_whole()
    {
        const string Args = "        args:\n        - |\n          --urls\n          http://+:8080\n\n";
        var before = ServedDeployment(Args + "      - name: envoy\n        image: envoyproxy/envoy:v1.30\n");
        var after = ServedDeployment(Args + Probe + "      - name: envoy\n        image: envoyproxy/envoy:v1.30\n");
        await Verifier().File("/k8s/deployment.yaml", before).FixEachAsync(("/k8s/deployment.yaml", after));
    }

    [Theory]
    [InlineData("      containers:\n      - {name: orders-api, image: registry.example.com/orders-api:1.0}\n")]
    [InlineData("      containers: [{name: orders-api, image: registry.example.com/orders-api:1.0}]\n")]
    public async Task A_flow_style_container_gets_the_diagnostic_without_a_fix(string containers)
    {
        var manifest = ServedDeployment().Replace("      containers:\n      - name: orders-api\n        image: registry.example.com/orders-api:1.0\n        ports:\n        - containerPort: 8080\n", containers);
        var diagnostic = Assert.Single(await Verifier().File("/k8s/deployment.yaml", manifest).DiagnosticsAsync());

        Assert.Empty(diagnostic.Properties);
    }

    [Theory]
    [InlineData(FixAllScope.Project)]
    [InlineData(FixAllScope.Solution)]
    public async Task Fix_all_inserts_a_probe_in_every_manifest(FixAllScope scope)
    {
        await Verifier()
            .File("/k8s/prod/deployment.yaml", ServedDeployment())
            .File("/k8s/staging/deployment.yaml", ServedDeployment(podSpec: "      terminationGracePeriodSeconds: 60\n"))
            .FixAllAsync(
                scope,
                ("/k8s/prod/deployment.yaml", ServedDeployment(Probe)),
                ("/k8s/staging/deployment.yaml", ServedDeployment(Probe, podSpec: "      terminationGracePeriodSeconds: 60\n")));
    }
}
