using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using ShutdownGuard.Tests.Verification;
using static ShutdownGuard.Tests.Rules.ProbeManifests;
using Verifier = ShutdownGuard.Tests.Verification.AnalyzerVerifier<ShutdownGuard.Rules.ProgramAnalyzer>;

namespace ShutdownGuard.Tests.Rules;

public class ProbePathNotServedRuleTests
{
    private const string Path = "/k8s/deployment.yaml";

    private static readonly string HealthApp = App("app.MapHealthChecks(\"/health\");\napp.MapGet(\"/orders/{id:int}\", (int id) => id);");

    /// <summary>The finding for a probe whose path (or key, when it has no path) is marked <c>#</c><paramref name="marker"/>.</summary>
    private static DiagnosticResult SG2005(string probe, string path, int marker = 0) =>
        Expect.Diagnostic("SG2005", DiagnosticSeverity.Warning)
            .WithLocation(marker)
            .WithArguments(probe, "orders-api", "Deployment/orders", path);

    private static async Task VerifyAsync(string code, string manifest, params DiagnosticResult[] expected)
    {
        await new Verifier().Only("SG2005").Source(code).File(Path, manifest).Expect(expected).RunAsync();
    }

    [Fact]
    public async Task Every_http_probe_whose_path_no_endpoint_serves_is_reported_at_its_path()
    {
        var container = Probe("readinessProbe", HttpGet("{|#0:/ready|}"))
            + Probe("livenessProbe", HttpGet("/health"))
            + Probe("startupProbe", HttpGet("{|#1:/healthz|}", "http"));
        await VerifyAsync(HealthApp, Deployment(container), SG2005("readiness", "/ready"), SG2005("startup", "/healthz", marker: 1));
    }

    [Fact]
    public async Task A_probe_without_a_path_requests_the_root_and_stands_at_its_key()
    {
        var container = "        {|#0:livenessProbe|}:\n          httpGet:\n            port: 8080\n";
        await VerifyAsync(HealthApp, Deployment(container), SG2005("liveness", "/"));
    }

    [Fact]
    public async Task A_port_the_pod_does_not_declare_is_the_apps()
    {
        var container = Probe("readinessProbe", HttpGet("{|#0:/ready|}", "5000")) + "        env:\n        - name: ASPNETCORE_HTTP_PORTS\n          value: \"5000\"\n";
        await VerifyAsync(HealthApp, Deployment(container), SG2005("readiness", "/ready"));
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/Health/")]
    [InlineData("/health?verbose=true")]
    [InlineData("/orders/42")]
    public async Task A_served_path_is_silent(string path)
    {
        await VerifyAsync(HealthApp, Deployment(Probe("readinessProbe", HttpGet(path))));
    }

    [Theory]
    [InlineData("app.MapHealthChecks(\"/\" + args[0]);")]
    [InlineData("app.MapControllerRoute(\"default\", \"{controller=Home}/{action=Index}\");")]
    [InlineData("app.UsePathBase(\"/orders\");")]
    [InlineData("app.Use(async (context, next) => { if (context.Request.Path == \"/ready\") return; await next(); });")]
    [InlineData("app.Run(context => Task.CompletedTask);")]
    public async Task Unknown_routes_are_silent(string mappings)
    {
        await VerifyAsync(App("app.MapHealthChecks(\"/health\");\n" + mappings), Deployment(Probe("readinessProbe", HttpGet("/ready"))));
    }

    [Fact]
    public async Task A_project_without_routing_is_silent()
    {
        await new Verifier().Only("SG2005")
            .References(References.Hosting80)
            .Source("using Microsoft.Extensions.Hosting;\nHost.CreateApplicationBuilder(args).Build().Run();")
            .File(Path, Deployment(Probe("readinessProbe", HttpGet("/ready"))))
            .RunAsync();
    }

    [Theory]
    [InlineData("\"{{ .Values.probePath }}\"", "8080", "")]
    [InlineData("${PROBE_PATH}", "8080", "")]
    [InlineData("/ready", "\"{{ .Values.port }}\"", "")]
    [InlineData("/ready", "management", "")]
    [InlineData("/ready", "\"8080\"", "")]
    [InlineData("/ready", "9090", "        args: [\"--management-port=9090\"]\n")]
    [InlineData("/ready", "8080", "        command: [\"dotnet\", \"Orders.Api.dll\", \"--urls\", \"http://+:8080\"]\n")]
    [InlineData("/ready", "9090", "        envFrom:\n        - configMapRef: {name: orders}\n")]
    [InlineData("/ready", "9090", "        env:\n        - name: MANAGEMENT_PORT\n          valueFrom:\n            configMapKeyRef: {name: orders, key: port}\n")]
    public async Task A_path_or_port_that_cannot_be_read_is_silent(string path, string port, string more)
    {
        await VerifyAsync(HealthApp, Deployment(Probe("readinessProbe", HttpGet(path, port)) + more));
    }

    [Fact]
    public async Task A_port_that_a_sidecar_declares_is_not_the_apps()
    {
        var container = Probe("readinessProbe", HttpGet("/healthz/ready", "15021"))
            + "      - name: istio-proxy\n        image: istio/proxyv2:1.22\n        ports:\n        - containerPort: 15021\n";
        await VerifyAsync(HealthApp, Deployment(container));
    }

    [Fact]
    public async Task A_declared_port_is_the_apps_whatever_the_environment()
    {
        var container = Probe("readinessProbe", HttpGet("{|#0:/ready|}")) + "        envFrom:\n        - configMapRef: {name: orders}\n";
        await VerifyAsync(HealthApp, Deployment(container), SG2005("readiness", "/ready"));
    }

    [Theory]
    [InlineData("readinessProbe:\n          tcpSocket: {port: 8080}\n")]
    [InlineData("readinessProbe:\n          exec: {command: [cat, /tmp/ready]}\n")]
    [InlineData("readinessProbe: *probe\n")]
    [InlineData("readinessProbe:\n          httpGet: [/ready]\n")]
    [InlineData("readinessProbe:\n          httpGet:\n            path: [/ready]\n            port: 8080\n")]
    public async Task Other_or_malformed_probes_are_silent(string probe)
    {
        await VerifyAsync(HealthApp, Deployment("        " + probe).Replace("metadata:", "metadata: &probe", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("shutdown-guard.io/ignore", "SG2005")]
    [InlineData("kube-score/ignore", "pod-probes")]
    [InlineData("kube-score/skip", "\"yes\"")]
    public async Task Annotations_that_silence_the_same_check_silence_it_on_the_workload_and_on_the_pod_template(string key, string value)
    {
        var container = Probe("readinessProbe", HttpGet("/ready"));
        await VerifyAsync(HealthApp, Deployment(container, annotations: Annotations(key, value)));
        await VerifyAsync(HealthApp, Deployment(container, podMetadata: PodAnnotations(key, value)));
    }

    [Fact]
    public async Task Identical_probes_being_allowed_does_not_silence_it()
    {
        var container = Probe("readinessProbe", HttpGet("{|#0:/ready|}"));
        await VerifyAsync(HealthApp, Deployment(container, annotations: Annotations("kube-score/ignore", "pod-probes-identical")), SG2005("readiness", "/ready"));
    }
}
