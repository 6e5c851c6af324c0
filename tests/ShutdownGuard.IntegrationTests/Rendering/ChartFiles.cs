namespace ShutdownGuard.IntegrationTests.Rendering;

/// <summary>Helm charts and Kustomize trees for the consumer project, written file by file.</summary>
public static class ChartFiles
{
    /// <summary>What the chart's Secret holds: it must appear in no file the build writes.</summary>
    public const string SecretValue = "s3cr3t-never-on-disk";

    public static void WriteChart(ConsumerProject consumer, string folder, string name = "orders")
    {
        consumer.WriteFile($"{folder}/Chart.yaml", $"""
            apiVersion: v2
            name: {name}
            version: 0.1.0

            """);
        consumer.WriteFile($"{folder}/values.yaml", """
            replicaCount: 1
            terminationGracePeriodSeconds: 60

            """);
        consumer.WriteFile($"{folder}/templates/_helpers.tpl", """
            {{- define "orders.fullname" -}}{{ .Release.Name }}-orders-api{{- end }}

            """);
        consumer.WriteFile($"{folder}/templates/deployment.yaml", """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: {{ include "orders.fullname" . }}
            spec:
              replicas: {{ .Values.replicaCount }}
              selector:
                matchLabels:
                  app: orders-api
              template:
                metadata:
                  labels:
                    app: orders-api
                spec:
                  terminationGracePeriodSeconds: {{ .Values.terminationGracePeriodSeconds }}
                  containers:
                    - name: orders-api
                      image: registry.example.com/orders-api:1.0

            """);
        consumer.WriteFile($"{folder}/templates/secret.yaml", $"""
            apiVersion: v1
            kind: Secret
            metadata:
              name: orders-credentials
            stringData:
              password: {SecretValue}

            """);
        consumer.WriteFile($"{folder}/templates/tests/connection.yaml", """
            apiVersion: v1
            kind: Pod
            metadata:
              name: connection-test
              annotations:
                "helm.sh/hook": test
            spec:
              containers:
                - name: wget
                  image: busybox
                  command: ["wget", "orders-api"]

            """);
    }

    /// <summary>A base with a Deployment and an overlay that patches its replicas.</summary>
    public static void WriteKustomizeBaseAndOverlay(ConsumerProject consumer, string baseFolder, string overlayFolder)
    {
        consumer.WriteFile($"{baseFolder}/kustomization.yaml", """
            resources:
              - deployment.yaml

            """);
        consumer.WriteFile($"{baseFolder}/deployment.yaml", """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: orders-api
            spec:
              replicas: 1
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

            """);
        var baseFromOverlay = Path.GetRelativePath(consumer.PathOf(overlayFolder), consumer.PathOf(baseFolder)).Replace('\\', '/');
        consumer.WriteFile($"{overlayFolder}/kustomization.yaml", $"""
            resources:
              - {baseFromOverlay}
            patches:
              - path: replicas.yaml
            secretGenerator:
              - name: orders-credentials
                literals:
                  - password={SecretValue}

            """);
        consumer.WriteFile($"{overlayFolder}/replicas.yaml", """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: orders-api
            spec:
              replicas: 3

            """);
    }

    /// <summary>The files under <paramref name="folder"/>, relative to the project and sorted, as the index lists inputs.</summary>
    public static List<string> FilesUnder(ConsumerProject consumer, string folder) =>
        Directory.EnumerateFiles(consumer.PathOf(folder), "*", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(consumer.Directory, file).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
}
