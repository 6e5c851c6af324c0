using Microsoft.CodeAnalysis.Text;
using ShutdownGuard.Instrumentation;
using ShutdownGuard.Manifests;
using ShutdownGuard.Tests.Verification;

namespace ShutdownGuard.Tests.Manifests;

public class ManifestReaderTests
{
    private const string Deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: orders-api
          namespace: shop
          annotations:
            shutdown-guard.io/ignore: "SG2008"
            team: orders
        spec:
          replicas: 3
          strategy:
            type: RollingUpdate
            rollingUpdate:
              maxUnavailable: 25%
              maxSurge: 1
          selector:
            matchLabels:
              app: orders
          template:
            metadata:
              labels:
                app: orders
                tier: "{{ .Values.tier }}"
              annotations:
                team: payments
            spec:
              terminationGracePeriodSeconds: 60
              initContainers:
                - name: migrate
                  image: registry.example.com/orders-migrate:1.2
              containers:
                - name: orders
                  image: registry.example.com/shop/orders-api:1.4.2
                  ports:
                    - name: http
                      containerPort: 8080
                  env:
                    - name: DOTNET_SHUTDOWNTIMEOUTSECONDS
                      value: "45"
                    - name: POD_NAME
                      valueFrom:
                        fieldRef:
                          fieldPath: metadata.name
                  envFrom:
                    - configMapRef:
                        name: orders-config
                  command: ["dotnet", "Orders.Api.dll"]
                  args:
                    - --urls
                    - http://+:8080
                  readinessProbe:
                    httpGet:
                      path: /ready
                      port: http
                    initialDelaySeconds: 5
                    periodSeconds: 10
                    timeoutSeconds: 2
                    failureThreshold: 3
                    successThreshold: 1
                  livenessProbe:
                    tcpSocket:
                      port: 8080
                  startupProbe:
                    grpc:
                      port: 9090
                      service: orders.Health
                  lifecycle:
                    preStop:
                      sleep:
                        seconds: 5
        """;

    internal static (ManifestFile File, SourceText Text) Read(string yaml, string path = "deploy/app.yaml")
    {
        var text = SourceText.From(yaml);
        return (ManifestReader.Read(text, ManifestReader.IsKustomizationFileName(path), CancellationToken.None), text);
    }

    private static int Line(SourceText text, TextSpan span) => text.Lines.GetLinePosition(span.Start).Line;

    private static Workload SingleWorkload(string yaml)
    {
        var (file, _) = Read(yaml);
        Assert.Null(file.Problem);
        return Assert.Single(file.Workloads);
    }

    [Fact]
    public void A_Deployment_fills_every_member()
    {
        var (file, text) = Read(Deployment);

        Assert.True(file.LooksLikeKubernetes);
        Assert.Null(file.Problem);
        Assert.Empty(file.Services);
        var workload = Assert.Single(file.Workloads);
        Assert.Equal("Deployment", workload.Kind);
        Assert.Equal("Deployment", text.ToString(workload.KindSpan));
        Assert.Equal(1, Line(text, workload.KindSpan));
        Assert.Equal("Deployment/orders-api", workload.DisplayName);
        Assert.Equal("shop", workload.Namespace!.Text);
        Assert.Equal("\"SG2008\"", text.ToString(workload.Annotations["shutdown-guard.io/ignore"].Span));
        Assert.Equal("payments", workload.Annotations["team"].Text);
        Assert.Equal(new Dictionary<string, string> { ["app"] = "orders" }, workload.PodLabels);
        Assert.True(workload.HasReplicasKey);
        Assert.Equal(3, workload.Replicas!.AsInt());

        var strategy = workload.Strategy!;
        Assert.Equal("RollingUpdate", strategy.Type!.Text);
        Assert.Equal("25%", strategy.MaxUnavailable!.Text);
        Assert.Null(strategy.MaxUnavailable.AsInt());
        Assert.Equal(1, strategy.MaxSurge!.AsInt());
        Assert.StartsWith("type: RollingUpdate", text.ToString(strategy.Span));

        var pod = workload.Pod;
        Assert.Equal("spec", text.ToString(pod.KeySpan));
        Assert.Equal(25, Line(text, pod.KeySpan));
        Assert.Equal(6, pod.ChildIndent);
        Assert.Equal(60, pod.TerminationGracePeriodSeconds!.AsInt());
        Assert.Equal("60", text.ToString(pod.TerminationGracePeriodSeconds.Span));
        Assert.Equal("migrate", Assert.Single(pod.InitContainers).Name!.Text);

        var container = Assert.Single(pod.Containers);
        Assert.Equal("orders", container.Name!.Text);
        Assert.Equal("registry.example.com/shop/orders-api:1.4.2", container.Image!.Text);
        Assert.Equal(10, container.ChildIndent);
        Assert.StartsWith("name: orders\n", text.ToString(container.Span));
        Assert.EndsWith("seconds: 5", text.ToString(container.Span));
        var port = Assert.Single(container.Ports);
        Assert.Equal("http", port.Name!.Text);
        Assert.Equal(8080, port.Port!.AsInt());

        Assert.Collection(
            container.Env,
            e =>
            {
                Assert.Equal("DOTNET_SHUTDOWNTIMEOUTSECONDS", e.Name.Text);
                Assert.Equal("45", e.Value!.Text);
                Assert.Equal("\"45\"", text.ToString(e.Value.Span));
                Assert.False(e.HasValueFrom);
                Assert.StartsWith("name: DOTNET_SHUTDOWNTIMEOUTSECONDS", text.ToString(e.Span));
            },
            e =>
            {
                Assert.Equal("POD_NAME", e.Name.Text);
                Assert.Null(e.Value);
                Assert.True(e.HasValueFrom);
            });
        Assert.True(container.HasEnvFrom);
        Assert.Equal(new[] { "dotnet", "Orders.Api.dll" }, container.Command.Select(c => c.Text));
        Assert.Equal("\"Orders.Api.dll\"", text.ToString(container.Command[1].Span));
        Assert.Equal(new[] { "--urls", "http://+:8080" }, container.Args.Select(c => c.Text));

        var readiness = container.ReadinessProbe!;
        Assert.Equal(ProbeKind.HttpGet, readiness.Kind);
        Assert.Equal("readinessProbe", text.ToString(readiness.KeySpan));
        Assert.Equal("/ready", readiness.Path!.Text);
        Assert.Equal("http", readiness.Port!.Text);
        Assert.Equal(5, readiness.InitialDelaySeconds!.AsInt());
        Assert.Equal(10, readiness.PeriodSeconds!.AsInt());
        Assert.Equal(2, readiness.TimeoutSeconds!.AsInt());
        Assert.Equal(3, readiness.FailureThreshold!.AsInt());
        Assert.Equal(1, readiness.SuccessThreshold!.AsInt());

        Assert.Equal(ProbeKind.TcpSocket, container.LivenessProbe!.Kind);
        Assert.Equal(8080, container.LivenessProbe.Port!.AsInt());
        Assert.Null(container.LivenessProbe.Path);
        Assert.Equal(ProbeKind.Grpc, container.StartupProbe!.Kind);
        Assert.Equal(9090, container.StartupProbe.Port!.AsInt());
        Assert.Equal("orders.Health", container.StartupProbe.GrpcService!.Text);

        var preStop = container.PreStop!;
        Assert.Equal(PreStopKind.Sleep, preStop.Kind);
        Assert.Equal("preStop", text.ToString(preStop.KeySpan));
        Assert.Equal(5, preStop.DelaySeconds);
        Assert.Equal("5", text.ToString(preStop.DelayValue!.Span));
        Assert.False(preStop.UsesShell);
    }

    private static string WithPodTemplate(string kind, string apiVersion = "apps/v1") => $"""
        apiVersion: {apiVersion}
        kind: {kind}
        metadata:
          name: w
        spec:
          updateStrategy:
            type: RollingUpdate
            rollingUpdate:
              maxUnavailable: 1
          template:
            metadata:
              labels:
                app: w
            spec:
              containers:
                - name: app
                  image: app:1
        """;

    [Theory]
    [InlineData("Deployment")]
    [InlineData("StatefulSet")]
    [InlineData("DaemonSet")]
    [InlineData("ReplicaSet")]
    [InlineData("ReplicationController")]
    [InlineData("Job")]
    public void Pod_template_kinds_are_workloads(string kind)
    {
        var workload = SingleWorkload(WithPodTemplate(kind));

        Assert.Equal(kind, workload.Kind);
        Assert.Equal("app", Assert.Single(workload.Pod.Containers).Name!.Text);
        Assert.Equal("w", workload.PodLabels["app"]);
        Assert.False(workload.HasReplicasKey);
        Assert.Null(workload.Replicas);
    }

    [Theory]
    [InlineData("StatefulSet", true)]
    [InlineData("DaemonSet", true)]
    [InlineData("Job", false)]
    [InlineData("ReplicaSet", false)]
    public void The_update_strategy_is_read_where_rollouts_exist(string kind, bool hasStrategy)
    {
        var workload = SingleWorkload(WithPodTemplate(kind));

        Assert.Equal(hasStrategy, workload.Strategy != null);
        if (hasStrategy)
        {
            Assert.Equal(1, workload.Strategy!.MaxUnavailable!.AsInt());
            Assert.Null(workload.Strategy.MaxSurge);
        }
    }

    [Fact]
    public void A_Pod_uses_its_own_spec_and_labels()
    {
        var (yaml, podSpec) = Markup.Parse("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: p
              labels: {app: p}
              annotations:
                a: "1"
            {|#0:spec|}:
              terminationGracePeriodSeconds: 10
              containers: [{name: app, image: "app:1"}]
            """);
        var (file, text) = Read(yaml);

        var workload = Assert.Single(file.Workloads);
        Assert.Equal("Pod/p", workload.DisplayName);
        Assert.Equal("p", workload.PodLabels["app"]);
        Assert.Equal("1", workload.Annotations["a"].Text);
        Assert.False(workload.HasReplicasKey);
        Assert.Null(workload.Strategy);
        Assert.Equal(podSpec, workload.Pod.KeySpan);
        Assert.Equal(2, workload.Pod.ChildIndent);
        var container = Assert.Single(workload.Pod.Containers);
        Assert.Equal(-1, container.ChildIndent);
        Assert.Equal("{name: app, image: \"app:1\"}", text.ToString(container.Span));
        Assert.Equal("\"app:1\"", text.ToString(container.Image!.Span));
    }

    [Fact]
    public void A_CronJob_reads_the_pod_of_its_job_template()
    {
        var (yaml, podSpec) = Markup.Parse("""
            apiVersion: batch/v1
            kind: CronJob
            metadata:
              name: nightly
            spec:
              schedule: "0 3 * * *"
              jobTemplate:
                spec:
                  template:
                    metadata:
                      labels:
                        job: nightly
                    {|#0:spec|}:
                      restartPolicy: OnFailure
                      containers:
                        - name: report
                          image: report:2
            """);
        var (file, _) = Read(yaml);

        var workload = Assert.Single(file.Workloads);
        Assert.Equal("CronJob", workload.Kind);
        Assert.Equal("nightly", workload.PodLabels["job"]);
        Assert.Equal(podSpec, workload.Pod.KeySpan);
        Assert.Equal(10, workload.Pod.ChildIndent);
        Assert.Equal("report", Assert.Single(workload.Pod.Containers).Name!.Text);
        Assert.Null(workload.Strategy);
    }

    [Fact]
    public void A_custom_resource_with_pod_template_containers_is_a_workload()
    {
        var workload = SingleWorkload("""
            apiVersion: argoproj.io/v1alpha1
            kind: Rollout
            metadata:
              name: orders
            spec:
              replicas: 5
              strategy:
                canary:
                  steps:
                    - setWeight: 20
              template:
                spec:
                  containers:
                    - name: orders
                      image: orders:1
            """);

        Assert.Equal("Rollout/orders", workload.DisplayName);
        Assert.Equal(5, workload.Replicas!.AsInt());
        Assert.Null(workload.Strategy!.MaxUnavailable);
    }

    [Fact]
    public void A_custom_resource_without_containers_is_ignored()
    {
        var (file, _) = Read("""
            apiVersion: example.com/v1
            kind: Widget
            metadata:
              name: w
            spec:
              template:
                spec:
                  size: 3
            """);

        Assert.True(file.LooksLikeKubernetes);
        Assert.Empty(file.Workloads);
    }

    [Fact]
    public void A_Knative_Service_is_a_workload_not_a_Service()
    {
        var (file, _) = Read("""
            apiVersion: serving.knative.dev/v1
            kind: Service
            metadata:
              name: hello
            spec:
              template:
                spec:
                  containers:
                    - image: hello:1
            """);

        Assert.Empty(file.Services);
        Assert.Equal("Service/hello", Assert.Single(file.Workloads).DisplayName);
    }

    [Fact]
    public void A_List_reads_its_items()
    {
        var (file, _) = Read("""
            apiVersion: v1
            kind: List
            items:
              - apiVersion: v1
                kind: Service
                metadata:
                  name: orders
                spec:
                  selector:
                    app: orders
              - apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: orders
                spec:
                  template:
                    spec:
                      containers:
                        - name: orders
            """);

        Assert.Equal("orders", Assert.Single(file.Services).Name!.Text);
        Assert.Equal("Deployment/orders", Assert.Single(file.Workloads).DisplayName);
    }

    [Fact]
    public void Documents_with_commented_separators_and_a_document_end_are_each_read()
    {
        var (yaml, kinds) = Markup.ParseAll("""
            # leading comment
            ---
            apiVersion: v1
            kind: {|#0:Service|}
            metadata:
              name: orders
            spec:
              selector:
                app: orders
                version: "{{ .Values.version }}"
            ...
            --- # the workload
            apiVersion: apps/v1
            kind: {|#1:Deployment|}
            metadata:
              name: orders
            spec:
              template:
                spec:
                  containers:
                    - name: orders
            ---
            ---
            # only a comment
            """);
        var (file, _) = Read(yaml);

        Assert.Null(file.Problem);
        var service = Assert.Single(file.Services);
        Assert.Equal(new Dictionary<string, string> { ["app"] = "orders" }, service.Selector);
        Assert.Equal(kinds[0], service.KindSpan);
        var workload = Assert.Single(file.Workloads);
        Assert.Equal(kinds[1], workload.KindSpan);
    }

    [Fact]
    public void CRLF_and_a_byte_order_mark_keep_spans_exact()
    {
        var yaml = "\uFEFFapiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n  name: 'p'\r\nspec:\r\n  containers:\r\n  - name: app\r\n    image: app:1\r\n";
        var (file, text) = Read(yaml);

        var workload = Assert.Single(file.Workloads);
        Assert.Equal("Pod", text.ToString(workload.KindSpan));
        Assert.Equal(1, Line(text, workload.KindSpan));
        Assert.Equal("'p'", text.ToString(workload.Name!.Span));
        Assert.Equal("p", workload.Name.Text);
        var container = Assert.Single(workload.Pod.Containers);
        Assert.Equal(4, container.ChildIndent);
        Assert.Equal("app:1", text.ToString(container.Image!.Span));
        Assert.Equal(7, Line(text, container.Image.Span));
    }

    [Fact]
    public void A_byte_order_mark_before_the_first_key_does_not_hide_it()
    {
        var (file, _) = Read("\uFEFFapiVersion: v1\nkind: Service\nmetadata: {name: s}\n");

        Assert.True(file.LooksLikeKubernetes);
        Assert.Single(file.Services);
    }

    [Fact]
    public void A_JSON_manifest_is_read()
    {
        var (file, text) = Read("""
            {
              "apiVersion": "apps/v1",
              "kind": "Deployment",
              "metadata": { "name": "orders" },
              "spec": {
                "replicas": 2,
                "template": {
                  "spec": {
                    "terminationGracePeriodSeconds": 45,
                    "containers": [
                      {
                        "name": "orders",
                        "image": "orders:1",
                        "lifecycle": { "preStop": { "exec": { "command": ["sleep", "10"] } } }
                      }
                    ]
                  }
                }
              }
            }
            """, "deploy/app.json");

        var workload = Assert.Single(file.Workloads);
        Assert.Equal("\"Deployment\"", text.ToString(workload.KindSpan));
        Assert.Equal(2, workload.Replicas!.AsInt());
        Assert.Equal(45, workload.Pod.TerminationGracePeriodSeconds!.AsInt());
        Assert.Equal(-1, workload.Pod.ChildIndent);
        var container = Assert.Single(workload.Pod.Containers);
        Assert.Equal(-1, container.ChildIndent);
        Assert.StartsWith("{", text.ToString(container.Span));
        Assert.EndsWith("}", text.ToString(container.Span));
        Assert.Equal(PreStopKind.ExecSleep, container.PreStop!.Kind);
        Assert.Equal(10, container.PreStop.DelaySeconds);
        Assert.Equal("\"10\"", text.ToString(container.PreStop.DelayValue!.Span));
    }

    [Fact]
    public void A_template_inside_a_value_and_a_quoted_number_are_unknown_values()
    {
        var (file, text) = Read("""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: orders
            spec:
              replicas: "{{ .Values.replicas }}"
              template:
                spec:
                  terminationGracePeriodSeconds: "60"
                  containers:
                    - name: orders
                      image: registry/orders:{{ .Values.tag }}
                      lifecycle:
                        preStop:
                          sleep:
                            seconds: ${PRESTOP_SECONDS}
            """);

        Assert.Null(file.Problem);
        var workload = Assert.Single(file.Workloads);
        Assert.True(workload.HasReplicasKey);
        Assert.True(workload.Replicas!.IsTemplate);
        Assert.Null(workload.Replicas.AsInt());
        Assert.Equal("\"{{ .Values.replicas }}\"", text.ToString(workload.Replicas.Span));
        var grace = workload.Pod.TerminationGracePeriodSeconds!;
        Assert.False(grace.IsPlain);
        Assert.Null(grace.AsInt());
        Assert.Equal("\"60\"", text.ToString(grace.Span));
        var container = Assert.Single(workload.Pod.Containers);
        Assert.True(container.Image!.IsTemplate);
        Assert.Equal(PreStopKind.Sleep, container.PreStop!.Kind);
        Assert.Null(container.PreStop.DelaySeconds);
    }

    [Fact]
    public void Anchors_and_tags_are_not_part_of_a_scalar_s_span()
    {
        var (file, text) = Read("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: &name orders
            spec:
              terminationGracePeriodSeconds: !!int 30
              containers:
                - name: *name
                  image: orders:1
                  readinessProbe: &probe
                    httpGet: {path: /ready, port: 8080}
                  livenessProbe: *probe
            """);

        var workload = Assert.Single(file.Workloads);
        Assert.Equal("orders", text.ToString(workload.Name!.Span));
        Assert.Equal("30", text.ToString(workload.Pod.TerminationGracePeriodSeconds!.Span));
        var container = Assert.Single(workload.Pod.Containers);

        // An alias reads as the anchored node, whose span is the anchored text.
        Assert.Equal(workload.Name.Span, container.Name!.Span);
        Assert.True(container.Name.IsShared);
        Assert.False(workload.Pod.TerminationGracePeriodSeconds.IsShared);
        Assert.Equal(ProbeKind.HttpGet, container.ReadinessProbe!.Kind);
        Assert.Equal(ProbeKind.HttpGet, container.LivenessProbe!.Kind);
        Assert.Equal(container.ReadinessProbe.Path!.Span, container.LivenessProbe.Path!.Span);
        Assert.Equal("livenessProbe", text.ToString(container.LivenessProbe.KeySpan));
    }

    [Fact]
    public void Merge_keys_apply_to_containers_local_keys_win_and_earlier_mappings_win_over_later_ones()
    {
        var (file, text) = Read("""
            apiVersion: apps/v1
            kind: List
            items:
              - apiVersion: apps/v1
                kind: Deployment
                metadata: {name: orders}
                spec:
                  strategy: &strategy
                    rollingUpdate: {maxUnavailable: 0}
                  template:
                    metadata:
                      labels: &labels {app: orders, tier: web}
                    spec: &pod
                      terminationGracePeriodSeconds: 45
                      containers:
                        - &base
                          name: base
                          image: orders:1
                          ports: [{name: http, containerPort: 8080}]
                          env: [{name: DOTNET_SHUTDOWNTIMEOUTSECONDS, value: "20"}]
                          readinessProbe: {httpGet: {path: /ready, port: http}}
                          lifecycle:
                            preStop: {sleep: {seconds: 5}}
              - apiVersion: apps/v1
                kind: Deployment
                metadata: {name: billing}
                spec:
                  strategy: *strategy
                  template:
                    metadata:
                      labels:
                        <<: [*labels, {app: billing, team: pay}]
                        tier: api
                    spec:
                      containers:
                        - <<: *base
                          name: billing
                          "<<": not a merge
            """);

        Assert.Null(file.Problem);
        var billing = file.Workloads[1];
        Assert.Equal(new Dictionary<string, string> { ["app"] = "orders", ["tier"] = "api", ["team"] = "pay" }, billing.PodLabels);
        Assert.Equal("0", billing.Strategy!.MaxUnavailable!.Text);
        Assert.True(billing.Strategy.MaxUnavailable.IsShared);
        Assert.Equal(-1, billing.Strategy.Key.ChildIndent);
        var container = Assert.Single(billing.Pod.Containers);
        Assert.Equal("billing", container.Name!.Text);
        Assert.False(container.Name.IsShared);
        Assert.True(container.ChildIndent > 0);
        Assert.Equal("orders:1", container.Image!.Text);
        Assert.Equal(8080, container.PortNumber(container.ReadinessProbe!.Port));
        Assert.Equal("20", Assert.Single(container.Env).Value!.Text);
        Assert.Equal(5, container.PreStop!.DelaySeconds);
        Assert.Equal(-1, container.Lifecycle!.ChildIndent);

        // What a merged or aliased value holds is read where the anchor stands.
        Assert.Equal(22, Line(text, container.PreStop.KeySpan));
        Assert.True(container.PreStop.DelayValue!.IsShared);

        // The anchored container is shared by both workloads: nothing may be inserted into it.
        var orders = file.Workloads[0];
        Assert.Equal(-1, orders.Pod.Containers[0].ChildIndent);
        Assert.True(orders.Pod.ChildIndent > 0);
        Assert.False(orders.Pod.TerminationGracePeriodSeconds!.IsShared);
    }

    [Fact]
    public void ConfigMaps_envFrom_sources_and_configMapKeyRefs_are_read()
    {
        var (file, _) = Read("""
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: settings, namespace: shop}
            data:
              DOTNET_SHUTDOWNTIMEOUTSECONDS: "45"
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: derived}
            data:
              <<: {DOTNET_SHUTDOWNTIMEOUTSECONDS: "45"}
              EXTRA: "1"
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: nested}
            data: {KEY: [1, 2]}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: orders, namespace: shop}
            spec:
              containers:
                - name: orders
                  env:
                    - name: A
                      valueFrom: {configMapKeyRef: {name: settings, key: K, optional: true}}
                    - name: B
                      valueFrom: {secretKeyRef: {name: secrets, key: K}}
                  envFrom:
                    - prefix: APP_
                      configMapRef: {name: settings}
                    - secretRef: {name: secrets}
                    - "{{ .Values.envFrom }}"
            """);

        Assert.Null(file.Problem);
        Assert.Equal(3, file.ConfigMaps.Length);
        Assert.Equal("shop", file.ConfigMaps[0].Namespace!.Text);
        Assert.Equal("45", file.ConfigMaps[0].Data!["DOTNET_SHUTDOWNTIMEOUTSECONDS"].Text);
        Assert.Equal(new[] { "DOTNET_SHUTDOWNTIMEOUTSECONDS", "EXTRA" }, file.ConfigMaps[1].Data!.Keys.OrderBy(key => key, StringComparer.Ordinal));
        Assert.Null(file.ConfigMaps[2].Data);

        var container = Assert.Single(Assert.Single(file.Workloads).Pod.Containers);
        var reference = container.Env[0].ConfigMapKey!;
        Assert.Equal(("settings", "K", true), (reference.Name!.Text, reference.Key!.Text, reference.IsOptional));
        Assert.True(container.Env[1].HasValueFrom);
        Assert.Null(container.Env[1].ConfigMapKey);
        Assert.Equal(new[] { EnvFromKind.ConfigMap, EnvFromKind.Secret, EnvFromKind.Unknown }, container.EnvFrom.Select(source => source.Kind));
        Assert.Equal("APP_", container.EnvFrom[0].Prefix!.Text);
    }

    [Fact]
    public void An_aliased_pod_spec_is_read_through_the_alias_and_shared()
    {
        var (file, _) = Read(Verification.Manifests.BlueGreen(
            "spec: &pod\n        terminationGracePeriodSeconds: 45\n        containers: [{name: app, image: \"app:1\"}]",
            "spec: *pod"));

        Assert.Equal(2, file.Workloads.Length);
        Assert.All(file.Workloads, workload =>
        {
            Assert.Equal(45, workload.Pod.TerminationGracePeriodSeconds!.AsInt());
            Assert.True(workload.Pod.TerminationGracePeriodSeconds.IsShared);
            Assert.Equal(-1, workload.Pod.ChildIndent);
            Assert.Equal("app", Assert.Single(workload.Pod.Containers).Name!.Text);
        });
    }

    [Theory]
    [InlineData("sleep: {seconds: 7}", "Sleep", 7, "7", false)]
    [InlineData("exec: {command: [\"sleep\", \"5\"]}", "ExecSleep", 5, "\"5\"", true)]
    [InlineData("exec: {command: [\"/bin/sleep\", \"5s\"]}", "ExecSleep", 5, "\"5s\"", true)]
    [InlineData("exec: {command: [\"sh\", \"-c\", \"sleep 5\"]}", "ExecSleep", 5, "\"sleep 5\"", true)]
    [InlineData("exec: {command: [\"/bin/sh\", \"-c\", \"echo x; sleep 10 && kill 1\"]}", "ExecSleep", 10, "\"echo x; sleep 10 && kill 1\"", true)]
    [InlineData("exec: {command: [\"/bin/bash\", \"-ec\", \"sleep 1m\"]}", "ExecSleep", 60, "\"sleep 1m\"", true)]
    [InlineData("exec: {command: [\"/usr/bin/env\", \"sleep\", \"3\"]}", "ExecSleep", 3, "\"3\"", true)]
    [InlineData("exec: {command: [\"sh\", \"-c\", \"sleep $DELAY\"]}", "ExecSleep", null, "\"sleep $DELAY\"", true)]
    [InlineData("exec: {command: [\"sleep\", \"0.5\"]}", "ExecSleep", null, "\"0.5\"", true)]
    [InlineData("exec: {command: [\"sh\", \"-c\", \"nginx -s quit\"]}", "Exec", null, null, true)]
    [InlineData("exec: {command: [\"/app/drain\"]}", "Exec", null, null, false)]
    [InlineData("httpGet: {path: /drain, port: 8080}", "HttpGet", null, null, false)]
    [InlineData("tcpSocket: {port: 8080}", "Unknown", null, null, false)]
    public void Every_preStop_form_is_read(string hook, string kind, int? delay, string? delayText, bool usesShell)
    {
        var (yaml, key) = Markup.Parse($$"""
            apiVersion: v1
            kind: Pod
            metadata: {name: p}
            spec:
              containers:
                - name: app
                  lifecycle:
                    {|#0:preStop|}: {{{hook}}}
            """);
        var (file, text) = Read(yaml);

        var preStop = Assert.Single(Assert.Single(file.Workloads).Pod.Containers).PreStop!;
        Assert.Equal(kind, preStop.Kind.ToString());
        Assert.Equal(delay, preStop.DelaySeconds);
        Assert.Equal(delayText, preStop.DelayValue is { } value ? text.ToString(value.Span) : null);
        Assert.Equal(usesShell, preStop.UsesShell);
        Assert.Equal(key, preStop.KeySpan);
    }

    [Fact]
    public void A_preStop_exec_command_in_block_style_is_read()
    {
        var (yaml, delay) = Markup.Parse("""
            apiVersion: v1
            kind: Pod
            metadata: {name: p}
            spec:
              containers:
                - name: app
                  lifecycle:
                    preStop:
                      exec:
                        command:
                          - /bin/sh
                          - -c
                          - {|#0:|
                            echo draining
                            sleep 15|}
            """);
        var (file, _) = Read(yaml);

        var preStop = Assert.Single(Assert.Single(file.Workloads).Pod.Containers).PreStop!;
        Assert.Equal(PreStopKind.ExecSleep, preStop.Kind);
        Assert.Equal(15, preStop.DelaySeconds);
        Assert.Equal(3, preStop.Command.Length);
        Assert.Equal(delay, preStop.DelayValue!.Span);
    }

    [Fact]
    public void An_exec_probe_and_a_missing_lifecycle_are_read()
    {
        var container = Assert.Single(SingleWorkload("""
            apiVersion: v1
            kind: Pod
            metadata: {name: p}
            spec:
              containers:
                - name: app
                  readinessProbe:
                    exec:
                      command: [cat, /tmp/ready]
                    periodSeconds: 2
                  livenessProbe:
                  envFrom: []
            """).Pod.Containers);

        Assert.Equal(ProbeKind.Exec, container.ReadinessProbe!.Kind);
        Assert.Equal(new[] { "cat", "/tmp/ready" }, container.ReadinessProbe.Command.Select(c => c.Text));
        Assert.Equal(2, container.ReadinessProbe.PeriodSeconds!.AsInt());
        Assert.Null(container.LivenessProbe);
        Assert.Null(container.StartupProbe);
        Assert.Null(container.PreStop);
        Assert.False(container.HasEnvFrom);
        Assert.Empty(container.Env);
        Assert.Empty(container.Command);
    }

    [Fact]
    public void A_Service_selector_keeps_its_literal_values()
    {
        var (file, text) = Read("""
            apiVersion: v1
            kind: Service
            metadata:
              name: orders
              namespace: shop
            spec:
              selector:
                app: orders
                release: ${RELEASE}
              ports:
                - port: 80
                  targetPort: http
            """);

        Assert.Empty(file.Workloads);
        var service = Assert.Single(file.Services);
        Assert.Equal("orders", service.Name!.Text);
        Assert.Equal("shop", service.Namespace!.Text);
        Assert.Equal(new Dictionary<string, string> { ["app"] = "orders" }, service.Selector);
        Assert.Equal("Service", text.ToString(service.KindSpan));
    }

    [Theory]
    [InlineData("overlays/prod/kustomization.yaml", "")]
    [InlineData("overlays/prod/other.yaml", "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n")]
    [InlineData(@"overlays\prod\Kustomization", "")]
    public void A_kustomization_lists_its_patch_files(string path, string header)
    {
        var (file, _) = Read(header + """
            resources:
              - ../../base
            patchesStrategicMerge:
              - replicas.yaml
              - |-
                apiVersion: apps/v1
                kind: Deployment
            patches:
              - path: patches/probes.yaml
                target: {kind: Deployment}
              - patch: |-
                  - op: remove
                    path: /spec/replicas
            patchesJson6902:
              - target: {kind: Deployment, name: orders}
                path: patches/json.yaml
            """, path);

        Assert.Null(file.Problem);
        Assert.True(file.LooksLikeKubernetes);
        Assert.Empty(file.Workloads);
        Assert.Equal(new[] { "replicas.yaml", "patches/probes.yaml", "patches/json.yaml" }, file.KustomizePatches);
    }

    [Theory]
    [InlineData("compose.yaml", """
        services:
          web:
            image: "nginx:{{TAG}}"
            ports: ["80:80"]
        """)]
    [InlineData(".github/workflows/ci.yml", """
        name: CI
        on: [push]
        jobs:
          build:
            runs-on: ubuntu-latest
            steps:
              - run: echo ${{ github.sha }}
                if: ${{ github.event_name == 'push' }}
        """)]
    [InlineData("chart/Chart.yaml", """
        apiVersion: v2
        name: orders
        version: 0.1.0
        appVersion: "1.0"
        """)]
    [InlineData("openapi.yaml", """
        openapi: 3.0.0
        info: {title: Orders, version: "1"}
        components:
          schemas:
            Thing:
              properties:
                apiVersion: {type: string}
                kind: {type: string}
        """)]
    [InlineData("empty.yaml", "")]
    [InlineData("comments.yaml", "# nothing here\n---\n")]
    public void YAML_that_is_not_Kubernetes_is_silent(string path, string yaml)
    {
        var (file, _) = Read(yaml, path);

        Assert.False(file.LooksLikeKubernetes);
        Assert.Null(file.Problem);
        Assert.Empty(file.Workloads);
        Assert.Empty(file.Services);
        Assert.Empty(file.KustomizePatches);
    }

    [Fact]
    public void A_Helm_template_is_a_template_problem_only()
    {
        var (file, text) = Read("""
            # {{ a comment does not count }}
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: {{ include "orders.fullname" . }}
            spec:
              {{- if not .Values.autoscaling.enabled }}
              replicas: {{ .Values.replicaCount }}
              {{- end }}
              template:
                spec:
                  containers:
                    - name: {{ .Chart.Name }}
            """, "chart/templates/deployment.yaml");

        Assert.True(file.LooksLikeKubernetes);
        Assert.Equal(ManifestProblemKind.Template, file.Problem!.Kind);
        Assert.Equal("{{", text.ToString(file.Problem.Span));
        Assert.Equal(4, Line(text, file.Problem.Span));
        Assert.Empty(file.Workloads);
    }

    [Fact]
    public void A_Helm_template_that_is_valid_YAML_but_not_only_in_values_is_a_template()
    {
        var (file, text) = Read("""
            apiVersion: v1
            kind: Service
            metadata:
              name: orders
              labels: {{ toYaml .Values.labels }}
            """);

        Assert.Equal(ManifestProblemKind.Template, file.Problem!.Kind);
        Assert.Equal(4, Line(text, file.Problem.Span));
    }

    [Fact]
    public void Go_templates_inside_values_are_not_Helm_templates()
    {
        var (file, _) = Read("""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: alerts
            data:
              rules.yaml: |
                summary: "Instance {{ $labels.instance }} down"
            """);

        Assert.Null(file.Problem);
        Assert.True(file.LooksLikeKubernetes);
    }

    [Fact]
    public void Every_read_is_counted()
    {
        using var work = WorkCounters.Start();

        Verification.Manifests.Set(("/a.yaml", "a: 1"), ("/b.yaml", "b: 2"));

        Assert.Equal(2, work.AdditionalFilesRead);
    }
}
