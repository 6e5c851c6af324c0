namespace ShutdownGuard.IntegrationTests;

/// <summary>Kubernetes manifests for the consumer project <see cref="ConsumerProject.AssemblyName"/>.</summary>
public static class Manifests
{
    /// <summary>Matches the consumer and fits its shutdown: preStop 5 s + ShutdownTimeout 50 s + margin 5 s = grace period 60 s.</summary>
    public const string Clean = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: orders-api
        spec:
          replicas: 3
          strategy:
            rollingUpdate:
              maxUnavailable: 0
              maxSurge: 1
          selector:
            matchLabels:
              app: orders-api
          template:
            metadata:
              labels:
                app: orders-api
            spec:
              terminationGracePeriodSeconds: 60
              containers:
                - name: orders-api
                  image: registry.example.com/orders-api:1.0
                  ports:
                    - containerPort: 8080
                  readinessProbe:
                    httpGet:
                      path: /ready
                      port: 8080
                  livenessProbe:
                    httpGet:
                      path: /live
                      port: 8080
                  lifecycle:
                    preStop:
                      sleep:
                        seconds: 5
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: orders-api
        spec:
          selector:
            app: orders-api
          ports:
            - port: 80
              targetPort: 8080
        """;

    /// <summary>
    /// <see cref="Clean"/> without a readiness probe, its labels anchored in the Deployment's metadata and repeated through
    /// an alias (the selector) and a merge key (the pod template): the Service selects the pod, so SG2002 stands at the
    /// container's name on line <see cref="AliasedContainerLine"/>.
    /// </summary>
    public static string AliasedWithoutReadinessProbe { get; } = Clean
        .Replace("kind: Deployment\nmetadata:\n  name: orders-api\n", "kind: Deployment\nmetadata:\n  name: orders-api\n  labels: &labels\n    app: orders-api\n")
        .Replace("    matchLabels:\n      app: orders-api\n", "    matchLabels: *labels\n")
        .Replace("      labels:\n        app: orders-api\n", "      labels:\n        <<: *labels\n        version: v1\n")
        .Replace("          readinessProbe:\n            httpGet:\n              path: /ready\n              port: 8080\n", string.Empty);

    public const int AliasedContainerLine = 23;

    /// <summary><see cref="Clean"/> with a grace period 5 s short: SG1003 at the consumer's ShutdownTimeout (Program.cs line 2).</summary>
    public static string GracePeriodTooShort { get; } = Clean.Replace("terminationGracePeriodSeconds: 60", "terminationGracePeriodSeconds: 55");

    /// <summary><see cref="Clean"/> as written for .NET 6/7: probes, containerPort and targetPort on port 80.</summary>
    public static string Port80 { get; } = Clean.Replace("8080", "80");

    /// <summary>The final image of a .NET 10 app, started in exec form: it listens on 8080 (ASPNETCORE_HTTP_PORTS).</summary>
    public const string Aspnet10Dockerfile = """
        FROM mcr.microsoft.com/dotnet/aspnet:10.0
        WORKDIR /app
        COPY . .
        ENTRYPOINT ["dotnet", "Orders.Api.dll"]
        """;

    /// <summary>Looks like Kubernetes but does not parse: line <see cref="UnreadableErrorLine"/> is indented one space short.</summary>
    public const string Unreadable = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: orders-api
        spec:
          template:
            spec:
              containers:
                - name: orders-api
                 image: registry.example.com/orders-api:1.0
        """;

    public const int UnreadableErrorLine = 10;

    public const string HelmTemplate = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {{ .Release.Name }}-orders-api
        spec:
          replicas: {{ .Values.replicas }}
          template:
            spec:
              containers:
                - name: orders-api
                  image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
        """;

    /// <summary>Two workloads, neither named after the consumer, so none matches it.</summary>
    public const string OtherWorkloads = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: billing-worker
        spec:
          template:
            spec:
              containers:
                - name: billing-worker
                  image: registry.example.com/billing-worker:1.0
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: shipping-worker
        spec:
          template:
            spec:
              containers:
                - name: shipping-worker
                  image: registry.example.com/shipping-worker:1.0
        """;
}
