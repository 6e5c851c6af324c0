using static ShutdownGuard.Tests.Hosting.Endpoints.MinimalApiEndpointsTests;

namespace ShutdownGuard.Tests.Rules;

/// <summary>An app with endpoints and the Deployment that runs it, for the probe rules.</summary>
internal static class ProbeManifests
{
    /// <summary>A web app that maps <paramref name="mappings"/> (statements on <c>app</c>, with health checks registered).</summary>
    public static string App(string mappings) => Usings + """
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), tags: new[] { "live" })
            .AddCheck("database", () => HealthCheckResult.Healthy(), tags: new[] { "ready" });
        var app = builder.Build();

        """ + mappings + """

        app.Run();
        """;

    /// <summary>The Deployment of the project's container, which declares port 8080 named <c>http</c>; the container
    /// lines and annotations are indented for their place.</summary>
    public static string Deployment(string container, string annotations = "", string podMetadata = "") => $"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: orders
        {annotations}spec:
          template:
        {podMetadata}    spec:
              containers:
              - name: orders-api
                image: registry.example.com/orders-api:1.0
                ports:
                - name: http
                  containerPort: 8080
        {container}
        """;

    /// <summary>A probe of the container: <c>readinessProbe</c>, <c>livenessProbe</c> or <c>startupProbe</c>, which
    /// may be marked where a finding stands (<c>{|#0:readinessProbe|}</c>), as may the values of the handlers below.</summary>
    public static string Probe(string key, string handler, string timing = "") => $"        {key}:\n{handler}{timing}";

    public static string HttpGet(string path, string port = "8080") => $"          httpGet:\n            path: {path}\n            port: {port}\n";

    public static string Exec(string command) => $"          exec:\n            command: {command}\n";

    public static string Grpc(string port, string service = "") =>
        $"          grpc:\n            port: {port}\n" + (service.Length == 0 ? string.Empty : $"            service: {service}\n");

    public static string TcpSocket(string port) => $"          tcpSocket:\n            port: {port}\n";

    /// <summary>Workload annotations (for <see cref="Deployment"/>'s <c>annotations</c>).</summary>
    public static string Annotations(string key, string value) => $"  annotations:\n    {key}: {value}\n";

    /// <summary>Pod template annotations (for <see cref="Deployment"/>'s <c>podMetadata</c>).</summary>
    public static string PodAnnotations(string key, string value) => $"    metadata:\n      annotations:\n        {key}: {value}\n";
}
