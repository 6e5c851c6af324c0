using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using ShutdownGuard.Tests.Verification;
using static ShutdownGuard.Tests.Rules.ProbeManifests;
using Verifier = ShutdownGuard.Tests.Verification.AnalyzerVerifier<ShutdownGuard.Rules.ProgramAnalyzer>;

namespace ShutdownGuard.Tests.Rules;

public class ProbePortRuleTests
{
    private const string Path = "/k8s/deployment.yaml";
    private const string Aspnet10 = "FROM mcr.microsoft.com/dotnet/aspnet:10.0\n";
    private const string Aspnet10Default = "ASPNETCORE_HTTP_PORTS=8080 of mcr.microsoft.com/dotnet/aspnet:10.0";
    private const string Port80 = "        ports:\n        - containerPort: 80\n";
    private const string Sidecar = "      - name: metrics\n        image: registry.example.com/metrics:1.0\n        ports:\n        - containerPort: 9090\n";
    private const string NamedPort8080 = "        ports:\n        - name: http\n          containerPort: 8080\n";

    /// <summary>The Deployment of the project's container and, when <paramref name="targetPort"/> is set, the Service
    /// that selects it; the container lines are indented for their place.</summary>
    public static string Pod(string container, string ports = Port80, string targetPort = "", string otherContainers = "") =>
        $"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: orders
        spec:
          template:
            metadata:
              labels:
                app: orders
            spec:
              containers:
              - name: orders-api
                image: registry.example.com/orders-api:1.0

        """ + ports + container + otherContainers + (targetPort.Length == 0 ? string.Empty : $"""
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: orders
        spec:
          selector:
            app: orders
          ports:
          - port: 80
            targetPort: {targetPort}

        """);

    private static string Env(string name, string value) => $"        env:\n        - name: {name}\n          value: \"{value}\"\n";

    private static DiagnosticResult SG2011(string user, string port, string listens = "8080", string source = Aspnet10Default, int marker = 0) =>
        Expect.Diagnostic("SG2011", DiagnosticSeverity.Warning)
            .WithLocation(marker)
            .WithArguments(user, port, "orders-api", "Deployment/orders", listens, source);

    private static Verifier Verify(string manifest, string dockerfile = Aspnet10, string code = "") =>
        new Verifier().Only("SG2011")
            .Source(code.Length == 0 ? Verifier.WebApp : code)
            .File("/Dockerfile", dockerfile)
            .File(Path, manifest);

    private static string WebApp(string statements) =>
        "using Microsoft.AspNetCore.Hosting;\nvar builder = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder(args);\n" + statements + "\nvar app = builder.Build();\napp.Run();\n";

    [Fact]
    public async Task Probes_written_for_port_80_on_a_dotnet_10_image_are_reported_at_their_port()
    {
        var container = Probe("readinessProbe", HttpGet("/ready", "{|#0:80|}")) + Probe("livenessProbe", TcpSocket("{|#1:80|}"));
        await Verify(Pod(container)).Expect(SG2011("The readiness probe", "80"), SG2011("The liveness probe", "80", marker: 1)).RunAsync();
    }

    [Fact]
    public async Task A_service_target_port_the_app_does_not_listen_on_is_reported()
    {
        await Verify(Pod(string.Empty, targetPort: "{|#0:80|}")).Expect(SG2011("Service/orders (targetPort)", "80")).RunAsync();
    }

    [Fact]
    public async Task A_named_port_is_followed_to_its_number()
    {
        const string Ports = "        ports:\n        - name: http\n          containerPort: 80\n";
        await Verify(Pod(Probe("readinessProbe", HttpGet("/ready", "{|#0:http|}")), Ports, targetPort: "{|#1:http|}"))
            .Expect(SG2011("The readiness probe", "http (80)"), SG2011("Service/orders (targetPort)", "http (80)", marker: 1))
            .RunAsync();
    }

    [Theory]
    [InlineData("FROM mcr.microsoft.com/dotnet/aspnet:7.0-jammy-chiseled\n", "ASPNETCORE_URLS=http://+:8080 of mcr.microsoft.com/dotnet/aspnet:7.0-jammy-chiseled")]
    [InlineData("FROM mcr.microsoft.com/dotnet/aspnet:8.0.11-bookworm-slim AS base\nFROM base\n", "ASPNETCORE_HTTP_PORTS=8080 of mcr.microsoft.com/dotnet/aspnet:8.0.11-bookworm-slim")]
    [InlineData("FROM mcr.microsoft.com/dotnet/runtime-deps:9.0-noble-chiseled\n", "ASPNETCORE_HTTP_PORTS=8080 of mcr.microsoft.com/dotnet/runtime-deps:9.0-noble-chiseled")]
    public async Task The_image_default_decides_when_nothing_else_sets_the_port(string dockerfile, string source)
    {
        await Verify(Pod(Probe("readinessProbe", HttpGet("/ready", "{|#0:80|}"))), dockerfile)
            .Expect(SG2011("The readiness probe", "80", source: source))
            .RunAsync();
    }

    [Fact]
    public async Task Any_urls_setting_beats_any_http_ports_setting()
    {
        // The 7.0 image sets ASPNETCORE_URLS=http://+:80: the container's ASPNETCORE_HTTP_PORTS does not move the app.
        var container = Env("ASPNETCORE_HTTP_PORTS", "8080") + Probe("readinessProbe", HttpGet("/ready", "{|#0:8080|}"));
        await Verify(Pod(container, NamedPort8080.Replace("8080", "80")), "FROM mcr.microsoft.com/dotnet/aspnet:7.0\n")
            .Expect(SG2011("The readiness probe", "8080", "80", "ASPNETCORE_URLS=http://+:80 of mcr.microsoft.com/dotnet/aspnet:7.0"))
            .RunAsync();
    }

    [Fact]
    public async Task Code_settings_are_named_in_the_message()
    {
        await Verify(Pod(Probe("readinessProbe", HttpGet("/ready", "{|#0:80|}"))), code: WebApp("builder.WebHost.UseUrls(\"http://+:5000\");"))
            .Expect(Expect.Diagnostic("SG2011", DiagnosticSeverity.Warning).WithLocation(0))
            .RunAsync();
    }

    [Theory]
    [InlineData("builder.WebHost.ConfigureKestrel(options => options.ListenAnyIP(5000));")]
    [InlineData("builder.WebHost.ConfigureKestrel(options => options.Listen(System.Net.IPAddress.Any, 5000));")]
    [InlineData("builder.WebHost.UseSetting(\"http_ports\", \"5000\");")]
    [InlineData("builder.WebHost.UseSetting(Microsoft.AspNetCore.Hosting.WebHostDefaults.ServerUrlsKey, \"http://*:5000\");")]
    public async Task Ports_set_in_code_replace_the_image_default(string statements)
    {
        await Verify(Pod(Probe("readinessProbe", HttpGet("/ready", "{|#0:8080|}"))), code: WebApp(statements))
            .Expect(Expect.Diagnostic("SG2011", DiagnosticSeverity.Warning).WithLocation(0))
            .RunAsync();
    }

    [Fact]
    public async Task Kestrel_endpoints_in_appsettings_replace_every_address_setting()
    {
        const string Settings = """{ "Kestrel": { "Endpoints": { "Http": { "Url": "http://0.0.0.0:5000" } } }, "urls": "http://+:8080" }""";
        await Verify(Pod(Probe("readinessProbe", HttpGet("/ready", "{|#0:8080|}"))))
            .File("/appsettings.json", Settings)
            .Expect(SG2011("The readiness probe", "8080", "5000", "Kestrel:Endpoints in appsettings.json"))
            .RunAsync();
    }

    public static TheoryData<string, string, string, string> NearMisses() => new()
    {
        { "8080 on aspnet:8.0", Pod(Probe("readinessProbe", HttpGet("/ready", "8080"))), "FROM mcr.microsoft.com/dotnet/aspnet:8.0\n", string.Empty },
        { "ASPNETCORE_HTTP_PORTS=80 in env", Pod(Env("ASPNETCORE_HTTP_PORTS", "80") + Probe("readinessProbe", HttpGet("/ready", "80")), targetPort: "80"), Aspnet10, string.Empty },
        { "HTTP_PORTS=80 in env", Pod(Env("HTTP_PORTS", "80") + Probe("readinessProbe", HttpGet("/ready", "80"))), Aspnet10, string.Empty },
        { "ENV in the Dockerfile", Pod(Probe("readinessProbe", HttpGet("/ready", "80"))), Aspnet10 + "ENV ASPNETCORE_HTTP_PORTS=80\n", string.Empty },
        { "legacy ENV form", Pod(Probe("readinessProbe", HttpGet("/ready", "80"))), Aspnet10 + "ENV ASPNETCORE_URLS http://+:80\n", string.Empty },
        { "named port", Pod(Probe("readinessProbe", HttpGet("/ready", "http")), NamedPort8080, targetPort: "http"), Aspnet10, string.Empty },
        { "UseUrls 5000, probe 5000", Pod(Probe("readinessProbe", HttpGet("/ready", "5000"))), Aspnet10, WebApp("builder.WebHost.UseUrls(\"http://+:5000\");") },
        { "app.Urls.Add 5000", Pod(Probe("readinessProbe", HttpGet("/ready", "5000"))), Aspnet10, "var app = Microsoft.AspNetCore.Builder.WebApplication.Create(args);\napp.Urls.Add(\"http://+:5000\");\napp.Run();\n" },
        { "app.Run(url)", Pod(Probe("readinessProbe", HttpGet("/ready", "5000"))), Aspnet10, "var app = Microsoft.AspNetCore.Builder.WebApplication.Create(args);\napp.Run(\"http://*:5000\");\n" },
        { "7.0 on 80", Pod(Probe("readinessProbe", HttpGet("/ready", "80"))), "FROM mcr.microsoft.com/dotnet/aspnet:7.0\n", string.Empty },
        { "appsettings.Development.json", Pod(Probe("readinessProbe", HttpGet("/ready", "8080"))), Aspnet10, string.Empty },
        { "gRPC probe", Pod(Probe("readinessProbe", Grpc("80"))), Aspnet10, string.Empty },
    };

    [Theory]
    [MemberData(nameof(NearMisses))]
    public async Task Near_misses_are_silent(string description, string manifest, string dockerfile, string code)
    {
        Assert.NotEmpty(description);
        await Verify(manifest, dockerfile, code)
            .File("/appsettings.Development.json", """{ "urls": "http://localhost:5000" }""")
            .RunAsync();
    }

    public static TheoryData<string, string, string, string> Unknowns() => new()
    {
        { "a sidecar's port", Pod(Probe("readinessProbe", HttpGet("/ready", "9090")), otherContainers: Sidecar), Aspnet10, string.Empty },
        { "--urls in args", Pod("        args: [\"--urls\", \"http://+:80\"]\n" + Probe("readinessProbe", HttpGet("/ready", "80"))), Aspnet10, string.Empty },
        { "--urls in the Dockerfile", Pod(Probe("readinessProbe", HttpGet("/ready", "80"))), Aspnet10 + "ENTRYPOINT [\"dotnet\", \"Orders.dll\", \"--urls\", \"http://+:80\"]\n", string.Empty },
        { "template port", Pod(Probe("readinessProbe", HttpGet("/ready", "\"${PORT}\""))), Aspnet10, string.Empty },
        { "template env", Pod(Env("ASPNETCORE_HTTP_PORTS", "${PORT}") + Probe("readinessProbe", HttpGet("/ready", "80"))), Aspnet10, string.Empty },
        { "env reference", Pod(Env("ASPNETCORE_URLS", "http://+:$(PORT)") + Probe("readinessProbe", HttpGet("/ready", "80"))), Aspnet10, string.Empty },
        { "envFrom", Pod("        envFrom:\n        - configMapRef:\n            name: orders\n" + Probe("readinessProbe", HttpGet("/ready", "80"))), Aspnet10, string.Empty },
        { "valueFrom", Pod("        env:\n        - name: ASPNETCORE_HTTP_PORTS\n          valueFrom:\n            configMapKeyRef: {name: orders, key: port}\n" + Probe("readinessProbe", HttpGet("/ready", "80"))), Aspnet10, string.Empty },
        { "Kestrel variable", Pod(Env("Kestrel__Endpoints__Http__Url", "http://+:80") + Probe("readinessProbe", HttpGet("/ready", "80"))), Aspnet10, string.Empty },
        { "unknown image", Pod(Probe("readinessProbe", HttpGet("/ready", "80"))), "FROM registry.example.com/base:1.0\n", string.Empty },
        { "latest tag", Pod(Probe("readinessProbe", HttpGet("/ready", "80"))), "FROM mcr.microsoft.com/dotnet/aspnet:latest\n", string.Empty },
        { "tag in a variable", Pod(Probe("readinessProbe", HttpGet("/ready", "80"))), "ARG TAG\nFROM mcr.microsoft.com/dotnet/aspnet:$TAG\n", string.Empty },
        { "ENV from a variable", Pod(Probe("readinessProbe", HttpGet("/ready", "80"))), Aspnet10 + "ARG PORT=80\nENV ASPNETCORE_HTTP_PORTS=$PORT\n", string.Empty },
        { "disagreeing sources", Pod(Env("ASPNETCORE_URLS", "http://+:5000") + Probe("readinessProbe", HttpGet("/ready", "80"))), Aspnet10, WebApp("builder.WebHost.UseUrls(\"http://+:6000\");") },
        { "DOTNET_ and ASPNETCORE_ disagree", Pod(Env("DOTNET_HTTP_PORTS", "80") + "        - name: ASPNETCORE_HTTP_PORTS\n          value: \"5000\"\n" + Probe("readinessProbe", HttpGet("/ready", "80"))), Aspnet10, string.Empty },
        { "port not a constant", Pod(Probe("readinessProbe", HttpGet("/ready", "80"))), Aspnet10, WebApp("builder.WebHost.UseUrls(args[0]);") },
        { "localhost", Pod(Probe("readinessProbe", HttpGet("/ready", "80"))), Aspnet10, WebApp("builder.WebHost.ConfigureKestrel(options => options.ListenLocalhost(5000));") },
        { "Kestrel configuration section", Pod(Probe("readinessProbe", HttpGet("/ready", "80"))), Aspnet10, WebApp("builder.WebHost.ConfigureKestrel(options => options.Configure(builder.Configuration.GetSection(\"Web\")));") },
        { "environment unknown", Pod("        env:\n        - name: ASPNETCORE_ENVIRONMENT\n          valueFrom:\n            fieldRef: {fieldPath: metadata.namespace}\n" + Probe("readinessProbe", HttpGet("/ready", "80"))), Aspnet10, string.Empty },
        { "undeclared Service port in a pod of two", Pod(string.Empty, "", targetPort: "80", otherContainers: "      - name: proxy\n        image: envoyproxy/envoy:v1.30\n"), Aspnet10, string.Empty },
    };

    [Theory]
    [MemberData(nameof(Unknowns))]
    public async Task Unknowns_are_silent(string description, string manifest, string dockerfile, string code)
    {
        Assert.NotEmpty(description);
        await Verify(manifest, dockerfile, code).RunAsync();
    }

    [Fact]
    public async Task No_dockerfile_and_no_container_properties_is_silent()
    {
        await new Verifier().Only("SG2011").Source(Verifier.WebApp).File(Path, Pod(Probe("readinessProbe", HttpGet("/ready", "80")))).RunAsync();
    }

    [Fact]
    public async Task Sdk_container_publish_uses_the_base_image_unless_its_variables_may_set_the_port()
    {
        var manifest = Pod(Probe("readinessProbe", HttpGet("/ready", "{|#0:80|}")));
        await new Verifier().Only("SG2011").Source(Verifier.WebApp).File(Path, manifest)
            .GlobalConfig("build_property.ContainerBaseImage = mcr.microsoft.com/dotnet/aspnet:8.0\nbuild_property.ContainerPort = 80\n")
            .Expect(SG2011("The readiness probe", "80", source: "ASPNETCORE_HTTP_PORTS=8080 of mcr.microsoft.com/dotnet/aspnet:8.0"))
            .RunAsync();
        await new Verifier().Only("SG2011").Source(Verifier.WebApp).File(Path, manifest.Replace("{|#0:80|}", "80"))
            .GlobalConfig("build_property.ContainerBaseImage = mcr.microsoft.com/dotnet/aspnet:8.0\nbuild_property.ShutdownGuardContainerEnvironment = TZ,ASPNETCORE_HTTP_PORTS\n")
            .RunAsync();
    }

    [Fact]
    public async Task A_worker_is_silent()
    {
        await new Verifier().Only("SG2011")
            .References(References.Hosting80)
            .Source("using Microsoft.Extensions.Hosting;\nHost.CreateApplicationBuilder(args).Build().Run();")
            .File("/Dockerfile", Aspnet10)
            .File(Path, Pod(Probe("readinessProbe", HttpGet("/ready", "80"))))
            .RunAsync();
    }
}
