namespace ShutdownGuard.Tests.Rendering;

/// <summary>
/// A small chart as a project holds it, with the output of <c>helm template</c> (helm 3.17) for it and the render index
/// the build writes: the inputs of tests that trace rendered findings back to the chart.
/// </summary>
internal static class HelmCharts
{
    public const string ChartYaml = """
        apiVersion: v2
        name: orders
        version: 1.0.0

        """;

    /// <summary>The chart's values; <paramref name="port"/> may be marked, as in <c>{|#2:8080|}</c>.</summary>
    public static string Values(string port = "8080", string grace = "30") => $"""
        image:
          repository: registry.example.com/orders-api
          tag: "1.0"
        terminationGracePeriodSeconds: {grace}
        service:
          port: {port}
        readinessProbe:
          httpGet:
            path: /healthz/ready
            port: http

        """;

    public static string ProdValues(string grace = "20") => $"""
        # production
        terminationGracePeriodSeconds: {grace}

        """;

    public const string DeploymentTemplate = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {{ .Release.Name }}-orders
          labels:
            app: orders
        spec:
          selector:
            matchLabels:
              app: orders
          template:
            metadata:
              labels:
                app: orders
            spec:
              terminationGracePeriodSeconds: {{ .Values.terminationGracePeriodSeconds }}
              containers:
                - name: orders-api
                  image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
                  ports:
                    - name: http
                      containerPort: {{ .Values.service.port }}
                  {{- with .Values.readinessProbe }}
                  readinessProbe:
                    {{- toYaml . | nindent 12 }}
                  {{- end }}

        """;

    /// <summary>What <c>helm template RELEASE deploy/chart --skip-tests -f deploy/chart/values.yaml -f
    /// deploy/values-prod.yaml</c> prints for the chart above.</summary>
    public static string Rendered(string release = "prod", string grace = "20", string port = "8080") => $"""
        ---
        # Source: orders/templates/deployment.yaml
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {release}-orders
          labels:
            app: orders
        spec:
          selector:
            matchLabels:
              app: orders
          template:
            metadata:
              labels:
                app: orders
            spec:
              terminationGracePeriodSeconds: {grace}
              containers:
                - name: orders-api
                  image: "registry.example.com/orders-api:1.0"
                  ports:
                    - name: http
                      containerPort: {port}
                  readinessProbe:
                    httpGet:
                      path: /healthz/ready
                      port: http

        """;

    public const string IndexPath = "/obj/shutdownguard/shutdownguard.renders.json";

    /// <summary>One entry of the render index.</summary>
    public static string Render(int number, string release = "prod", string status = "rendered", string? error = null, string valueFiles = "\"deploy/chart/values.yaml\", \"deploy/values-prod.yaml\"", string set = "") => $$"""
        {
          "kind": "helm",
          "name": "{{release}}",
          "source": "deploy/chart",
          "status": "{{status}}",
          "tool": "helm",
          "error": {{(error is null ? "null" : "\"" + error + "\"")}},
          "valueFiles": [{{valueFiles}}],
          "set": [{{set}}],
          "inputs": ["deploy/chart/Chart.yaml", "deploy/chart/templates/deployment.yaml", "deploy/chart/values.yaml", "deploy/values-prod.yaml"],
          "output": {{(status == "failed" ? "null" : $"\"obj/shutdownguard/{number}/rendered.yaml\"")}}
        }
        """;

    public static string Index(params string[] renders) => $$"""
        {
          "version": 1,
          "project": "OrdersApi.csproj",
          "renders": [{{string.Join(",\n", renders)}}]
        }
        """;

    public static string OutputPath(int number) => $"/obj/shutdownguard/{number}/rendered.yaml";
}
