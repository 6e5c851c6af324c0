using Microsoft.CodeAnalysis.CodeFixes;
using ShutdownGuard.CodeFixes.Manifests;
using ShutdownGuard.Rules;
using ShutdownGuard.Tests.Verification;
using static ShutdownGuard.Tests.Rules.ProbeManifests;
using static ShutdownGuard.Tests.Rules.ProbePortRuleTests;
using static ShutdownGuard.Tests.Verification.Manifests;

namespace ShutdownGuard.Tests.Rules;

public class ProbePortCodeFixTests
{
    private const string Path = "/k8s/deployment.yaml";
    private const string NamedPorts = "        ports:\n        - name: legacy\n          containerPort: 80\n        - name: http\n          containerPort: 8080\n";

    /// <summary>Checks that a fixed manifest reads again and every probe of the project's container names a port.</summary>
    private static AdditionalDocumentFixVerifier<ProgramAnalyzer, ProbePortCodeFix> Verifier() =>
        new AdditionalDocumentFixVerifier<ProgramAnalyzer, ProbePortCodeFix>("SG2011")
            .Source(AnalyzerVerifier<ProgramAnalyzer>.WebApp)
            .File("/Dockerfile", "FROM mcr.microsoft.com/dotnet/aspnet:10.0\n")
            .Validate((path, text) => Assert.All(
                Set((path, text)).Workloads.SelectMany(entry => entry.Workload.Pod.Containers),
                container => Assert.NotNull(container.ReadinessProbe?.Port)));

    [Fact]
    public async Task The_probe_and_the_target_port_get_the_apps_port_number()
    {
        await Verifier()
            .File(Path, Pod(Probe("readinessProbe", HttpGet("/ready", "80")), targetPort: "80"))
            .FixEachAsync((Path, Pod(Probe("readinessProbe", HttpGet("/ready", "8080")), targetPort: "8080")));
    }

    [Fact]
    public async Task The_name_the_container_gives_the_apps_port_is_preferred()
    {
        await Verifier()
            .File(Path, Pod(Probe("readinessProbe", HttpGet("/ready", "legacy")) + Probe("livenessProbe", TcpSocket("80")), NamedPorts, targetPort: "legacy"))
            .FixEachAsync((Path, Pod(Probe("readinessProbe", HttpGet("/ready", "http")) + Probe("livenessProbe", TcpSocket("http")), NamedPorts, targetPort: "http")));
    }

    [Fact]
    public async Task No_fix_when_the_app_listens_on_several_ports_or_the_service_has_no_target_port()
    {
        var manifest = Pod(Probe("readinessProbe", HttpGet("/ready", "80")) + "        env:\n        - name: ASPNETCORE_HTTP_PORTS\n          value: \"8080;8081\"\n");
        var diagnostic = Assert.Single(await Verifier().File(Path, manifest).DiagnosticsAsync());
        Assert.Empty(diagnostic.Properties);

        var service = Pod(string.Empty, targetPort: "80").Replace("    targetPort: 80\n", string.Empty);
        diagnostic = Assert.Single(await Verifier().File(Path, service).DiagnosticsAsync());
        Assert.Empty(diagnostic.Properties);
    }

    [Theory]
    [InlineData(FixAllScope.Project)]
    [InlineData(FixAllScope.Solution)]
    public async Task Fix_all_points_every_port_at_the_app(FixAllScope scope)
    {
        await Verifier()
            .File("/k8s/prod/deployment.yaml", Pod(Probe("readinessProbe", HttpGet("/ready", "80")) + Probe("startupProbe", HttpGet("/ready", "80")), targetPort: "80"))
            .File("/k8s/staging/deployment.yaml", Pod(Probe("readinessProbe", TcpSocket("80"))))
            .FixAllAsync(
                scope,
                ("/k8s/prod/deployment.yaml", Pod(Probe("readinessProbe", HttpGet("/ready", "8080")) + Probe("startupProbe", HttpGet("/ready", "8080")), targetPort: "8080")),
                ("/k8s/staging/deployment.yaml", Pod(Probe("readinessProbe", TcpSocket("8080")))));
    }
}
