using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using ShutdownGuard.Tests.Verification;
using static ShutdownGuard.Tests.Rules.ProbeManifests;
using Verifier = ShutdownGuard.Tests.Verification.AnalyzerVerifier<ShutdownGuard.Rules.ProgramAnalyzer>;

namespace ShutdownGuard.Tests.Rules;

public class ProbesRunSameCheckRuleTests
{
    private const string Path = "/k8s/deployment.yaml";

    private static readonly string TwoEndpoints = App("app.MapHealthChecks(\"/ready\");\napp.MapHealthChecks(\"/live\");");

    /// <summary>The finding at the first probe's key, marked <c>#0</c>, and the second's, marked <c>#1</c>.</summary>
    private static DiagnosticResult SG2003(string same) =>
        Expect.Diagnostic("SG2003", DiagnosticSeverity.Warning)
            .WithLocation(0)
            .WithLocation(1)
            .WithArguments("orders-api", "Deployment/orders", same);

    private static Task VerifyAsync(string container, params DiagnosticResult[] expected) => VerifyAsync(TwoEndpoints, Deployment(container), expected);

    private static async Task VerifyAsync(string code, string manifest, params DiagnosticResult[] expected)
    {
        await new Verifier().Only("SG2003").Source(code).File(Path, manifest).Expect(expected).RunAsync();
    }

    [Fact]
    public async Task The_same_path_and_port_is_the_same_check_whatever_the_thresholds()
    {
        var container = Probe("{|#0:readinessProbe|}", HttpGet("/health"), "          failureThreshold: 1\n")
            + Probe("{|#1:livenessProbe|}", HttpGet("/health"), "          failureThreshold: 6\n          periodSeconds: 30\n");
        await VerifyAsync(App("app.MapHealthChecks(\"/health\");"), Deployment(container), SG2003("GET /health on port 8080"));
    }

    [Theory]
    [InlineData("http", "8080")]
    [InlineData("8080", "http")]
    [InlineData("http", "http")]
    public async Task A_named_port_is_the_number_it_names(string readinessPort, string livenessPort)
    {
        var container = Probe("{|#0:readinessProbe|}", HttpGet("/health", readinessPort)) + Probe("{|#1:livenessProbe|}", HttpGet("/health", livenessPort));
        await VerifyAsync(container, SG2003($"GET /health on port {readinessPort}"));
    }

    [Theory]
    [InlineData("livenessProbe: *probe\n")]
    [InlineData("livenessProbe:\n          <<: *probe\n")]
    [InlineData("livenessProbe:\n          <<: *probe\n          failureThreshold: 6\n")]
    public async Task A_probe_repeated_through_an_alias_or_merge_key_is_the_same_check(string liveness)
    {
        var readiness = "{|#0:readinessProbe|}: &probe\n          httpGet: {path: /health, port: 8080}\n";
        var container = "        " + readiness + "        " + liveness.Replace("livenessProbe", "{|#1:livenessProbe|}");
        await VerifyAsync(App("app.MapHealthChecks(\"/health\");"), Deployment(container), SG2003("GET /health on port 8080"));
    }

    [Fact]
    public async Task A_merge_key_whose_local_path_differs_is_silent()
    {
        var container = "        readinessProbe: &probe\n          httpGet: {path: /health, port: 8080}\n"
            + "        livenessProbe:\n          <<: *probe\n          httpGet: {path: /alive, port: 8080}\n";
        await VerifyAsync(App("app.MapHealthChecks(\"/health\");"), Deployment(container));
    }

    [Fact]
    public async Task The_same_exec_command_is_the_same_check()
    {
        var command = "[\"cat\", \"/tmp/healthy\"]";
        await VerifyAsync(Probe("{|#0:readinessProbe|}", Exec(command)) + Probe("{|#1:livenessProbe|}", Exec(command)), SG2003("exec cat /tmp/healthy"));
    }

    [Fact]
    public async Task The_same_grpc_service_and_port_is_the_same_check()
    {
        var container = Probe("{|#0:readinessProbe|}", Grpc("8080", "orders")) + Probe("{|#1:livenessProbe|}", Grpc("8080", "orders"));
        await VerifyAsync(TwoEndpoints, Deployment(container), SG2003("gRPC health of service 'orders' on port 8080"));
    }

    [Fact]
    public async Task A_tcp_connection_to_the_same_port_is_the_same_check()
    {
        var container = Probe("{|#0:readinessProbe|}", TcpSocket("http")) + Probe("{|#1:livenessProbe|}", TcpSocket("8080"));
        await VerifyAsync(TwoEndpoints, Deployment(container), SG2003("a TCP connection to port http"));
    }

    [Theory]
    [InlineData("app.MapHealthChecks(\"/ready\");\napp.MapHealthChecks(\"/live\");")]
    [InlineData("app.MapHealthChecks(\"/ready\", new HealthCheckOptions { Predicate = check => check.Tags.Contains(\"ready\") });\napp.MapHealthChecks(\"/live\", new HealthCheckOptions { Predicate = check => check.Tags.Contains(\"ready\") });")]
    [InlineData("app.MapHealthChecks(\"/ready\");\napp.MapHealthChecks(\"/live\", new HealthCheckOptions { Predicate = _ => true });")]
    [InlineData("app.MapGet(\"/{probe}\", () => \"ok\");")]
    public async Task Two_paths_that_run_the_same_health_checks_are_the_same_check(string mappings)
    {
        var container = Probe("{|#0:readinessProbe|}", HttpGet("/ready")) + Probe("{|#1:livenessProbe|}", HttpGet("/live"));
        await VerifyAsync(App(mappings), Deployment(container), SG2003("'/ready' and '/live' run the same health checks"));
    }

    [Theory]
    [InlineData("app.MapHealthChecks(\"/ready\", new HealthCheckOptions { Predicate = check => check.Tags.Contains(\"ready\") });\napp.MapHealthChecks(\"/live\", new HealthCheckOptions { Predicate = check => check.Tags.Contains(\"live\") });")]
    [InlineData("app.MapHealthChecks(\"/ready\");\napp.MapHealthChecks(\"/live\", new HealthCheckOptions { Predicate = _ => false });")]
    [InlineData("app.MapGet(\"/ready\", () => \"ready\");\napp.MapGet(\"/live\", () => \"live\");")]
    [InlineData("app.MapHealthChecks(\"/ready\");\napp.MapGet(\"/live\", () => \"live\");")]
    [InlineData("app.MapHealthChecks(\"/ready\");")]
    [InlineData("app.MapHealthChecks(\"/ready\");\napp.MapHealthChecks(\"/live\", new HealthCheckOptions { Predicate = check => check.Name.StartsWith(\"s\") });")]
    public async Task Two_paths_that_run_different_or_unknown_checks_are_silent(string mappings)
    {
        var container = Probe("readinessProbe", HttpGet("/ready")) + Probe("livenessProbe", HttpGet("/live"));
        await VerifyAsync(App(mappings), Deployment(container));
    }

    [Theory]
    [InlineData("readinessProbe", "livenessProbe", "/health", "/health", "8080", "9090")]
    [InlineData("readinessProbe", "startupProbe", "/health", "/health", "8080", "8080")]
    [InlineData("readinessProbe", "livenessProbe", "/health", "/health", "8080", "metrics")]
    [InlineData("readinessProbe", "livenessProbe", "/health", "/health", "8080", "\"8080\"")]
    [InlineData("readinessProbe", "livenessProbe", "/health", "/health", "8080", "{{ .Values.port }}")]
    [InlineData("readinessProbe", "livenessProbe", "/health", "'{{ .Values.path }}'", "8080", "8080")]
    [InlineData("readinessProbe", "livenessProbe", "/health/ready", "/health/live", "8080", "8080")]
    public async Task Different_or_unknown_http_probes_are_silent(string first, string second, string firstPath, string secondPath, string firstPort, string secondPort)
    {
        var container = Probe(first, HttpGet(firstPath, firstPort)) + Probe(second, HttpGet(secondPath, secondPort));
        await VerifyAsync(App("app.MapHealthChecks(\"/health\");"), Deployment(container));
    }

    [Theory]
    [InlineData("readinessProbe:\n          httpGet: {path: /health, port: 8080}\n", "livenessProbe:\n          tcpSocket: {port: 8080}\n")]
    [InlineData("readinessProbe:\n          exec: {command: [cat, /tmp/ready]}\n", "livenessProbe:\n          exec: {command: [cat, /tmp/live]}\n")]
    [InlineData("readinessProbe:\n          exec: {command: [cat, \"${FILE}\"]}\n", "livenessProbe:\n          exec: {command: [cat, \"${FILE}\"]}\n")]
    [InlineData("readinessProbe:\n          grpc: {port: 8080, service: ready}\n", "livenessProbe:\n          grpc: {port: 8080}\n")]
    [InlineData("readinessProbe:\n          periodSeconds: 5\n", "livenessProbe:\n          periodSeconds: 5\n")]
    [InlineData("readinessProbe: ~\n", "livenessProbe:\n          httpGet: {path: /health, port: 8080}\n")]
    [InlineData("readinessProbe: 42\n", "livenessProbe: 42\n")]
    public async Task Different_unknown_or_malformed_probes_are_silent(string readiness, string liveness)
    {
        await VerifyAsync(App("app.MapHealthChecks(\"/health\");"), Deployment("        " + readiness + "        " + liveness));
    }

    [Fact]
    public async Task Only_the_matched_container_counts()
    {
        var sidecar = "      - name: proxy\n        image: envoyproxy/envoy:v1.30\n" + Probe("readinessProbe", HttpGet("/health")) + Probe("livenessProbe", HttpGet("/health"));
        await VerifyAsync(App("app.MapHealthChecks(\"/health\");"), Deployment(sidecar));
    }

    [Fact]
    public async Task A_kustomize_patch_is_partial_and_silent()
    {
        var patch = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: orders\nspec:\n  template:\n    spec:\n      containers:\n      - name: orders-api\n"
            + Probe("readinessProbe", HttpGet("/health")) + Probe("livenessProbe", HttpGet("/health"));
        await new Verifier().Only("SG2003")
            .Source(App("app.MapHealthChecks(\"/health\");"))
            .File(Path, Deployment(string.Empty))
            .File("/k8s/kustomization.yaml", "resources: [deployment.yaml]\npatches:\n- path: probes.yaml\n")
            .File("/k8s/probes.yaml", patch)
            .RunAsync();
    }

    [Fact]
    public async Task An_unrendered_template_is_not_analysed()
    {
        var container = Probe("readinessProbe", HttpGet("/health")) + Probe("livenessProbe", HttpGet("/health"));
        var template = Deployment(container).Replace("name: orders\n", "name: {{ .Release.Name }}\n{{- if .Values.probes }}\n", StringComparison.Ordinal);
        await VerifyAsync(App("app.MapHealthChecks(\"/health\");"), template);
    }

    [Theory]
    [InlineData("shutdown-guard.io/ignore", "\"SG2008, SG2003\"")]
    [InlineData("kube-score/ignore", "container-resources,pod-probes")]
    [InlineData("kube-score/ignore", "pod-probes-identical")]
    [InlineData("kube-score/skip", "\"true\"")]
    public async Task Annotations_that_silence_the_same_check_silence_it_on_the_workload_and_on_the_pod_template(string key, string value)
    {
        var container = Probe("readinessProbe", HttpGet("/health")) + Probe("livenessProbe", HttpGet("/health"));
        var code = App("app.MapHealthChecks(\"/health\");");
        await VerifyAsync(code, Deployment(container, annotations: Annotations(key, value)));
        await VerifyAsync(code, Deployment(container, podMetadata: PodAnnotations(key, value)));
    }

    [Theory]
    [InlineData("kube-score/ignore", "pod-networkpolicy")]
    [InlineData("kube-score/skip", "\"false\"")]
    [InlineData("ignore-check.kube-linter.io/no-liveness-probe", "\"liveness restarts are fine here\"")]
    [InlineData("polaris.fairwinds.com/exempt", "\"true\"")]
    public async Task Annotations_for_other_checks_do_not_silence_it(string key, string value)
    {
        var container = Probe("{|#0:readinessProbe|}", HttpGet("/health")) + Probe("{|#1:livenessProbe|}", HttpGet("/health"));
        await VerifyAsync(App("app.MapHealthChecks(\"/health\");"), Deployment(container, annotations: Annotations(key, value)), SG2003("GET /health on port 8080"));
    }
}
