using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using ShutdownGuard.Manifests;
using ShutdownGuard.Tests.Verification;
using static ShutdownGuard.Tests.Verification.Manifests;
using Verifier = ShutdownGuard.Tests.Verification.AnalyzerVerifier<ShutdownGuard.Rules.ProgramAnalyzer>;

namespace ShutdownGuard.Tests.Rendering;

/// <summary>
/// Rendered Kustomize output traced back to the overlay. Each rendered text is what <c>kubectl kustomize</c> (kustomize
/// 5.5) printed for the same files, rendered through a wrapper kustomization in <c>obj/shutdownguard/1</c> with
/// <c>buildMetadata: [originAnnotations]</c>. A source file marks with <c>{|#0:…|}</c> where the traced node must stand.
/// </summary>
public class KustomizeAttributionTests
{
    private const string RenderedPath = "/obj/shutdownguard/1/rendered.yaml";
    private const string OverlayPath = "/deploy/overlays/prod/kustomization.yaml";
    private const string BasePath = "/deploy/base/deployment.yaml";
    private const string GracePath = "/deploy/overlays/prod/grace.yaml";

    private static readonly (string Path, string Text) BaseKustomization = ("/deploy/base/kustomization.yaml", "resources:\n- deployment.yaml\n");

    /// <summary>The base Deployment; <paramref name="grace"/>, <paramref name="probePath"/> and <paramref name="probeKey"/>
    /// are what its lines say, markup included.</summary>
    private static string Base(string grace = "30", string probePath = "/health/ready", string probeKey = "readinessProbe") => $"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: orders
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
                image: registry.example.com/orders-api:1.0
                ports:
                - containerPort: 8080
                {probeKey}:
                  httpGet:
                    path: {probePath}
                    port: 8080

        """;

    /// <summary>The prod overlay: a name prefix, a strategic-merge patch file and an inline JSON6902 op.</summary>
    private static string Overlay(string port = "9090") => $"""
        resources:
        - ../../base
        namePrefix: prod-
        patches:
        - path: grace.yaml
        - target:
            kind: Deployment
            name: orders
          patch: |-
            - op: replace
              path: /spec/template/spec/containers/0/readinessProbe/httpGet/port
              value: {port}

        """;

    private static string Grace(string seconds = "10") => $"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: orders
        spec:
          template:
            spec:
              terminationGracePeriodSeconds: {seconds}

        """;

    /// <summary>What kubectl renders for <see cref="Base"/>, <see cref="Overlay"/> and <see cref="Grace"/>.</summary>
    private const string ProdRendered = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          annotations:
            config.kubernetes.io/origin: |
              path: ../../../deploy/base/deployment.yaml
          name: prod-orders
        spec:
          selector:
            matchLabels:
              app: orders
          template:
            metadata:
              labels:
                app: orders
            spec:
              containers:
              - image: registry.example.com/orders-api:1.0
                name: orders-api
                ports:
                - containerPort: 8080
                readinessProbe:
                  httpGet:
                    path: /health/ready
                    port: 9090
              terminationGracePeriodSeconds: 10

        """;

    /// <summary>The same render with other values: the ports and grace period the patches set.</summary>
    private static string Rendered(string name = "prod-orders", string port = "9090", string grace = "10", string container = "") => ProdRendered
        .Replace("name: prod-orders", "name: " + name)
        .Replace("port: 9090", "port: " + port)
        .Replace("terminationGracePeriodSeconds: 10", "terminationGracePeriodSeconds: " + grace)
        .Replace("      - image: registry.example.com/orders-api:1.0\n", "      - image: registry.example.com/orders-api:1.0\n" + container);

    [Fact]
    public void A_value_the_base_holds_stands_in_the_base_and_can_be_fixed()
    {
        var project = Project.Of(Rendered(), (BasePath, Base(probePath: "{|#0:/health/ready|}")), (OverlayPath, Overlay()), (GracePath, Grace()));

        var path = project.Container.ReadinessProbe!.Path!.Span;

        project.AssertStandsAtMark(path);
        Assert.Equal("deploy/base/deployment.yaml:22", project.File.Describe(path));
        Assert.Equal(new TextChange(project.Marked, "/ready"), project.File.MapEdit(new TextChange(path, "/ready")));
    }

    [Fact]
    public void A_key_the_base_holds_stands_at_its_key_in_the_base_without_a_fix()
    {
        var project = Project.Of(Rendered(), (BasePath, Base(probeKey: "{|#0:readinessProbe|}")), (OverlayPath, Overlay()), (GracePath, Grace()));

        var key = project.Container.ReadinessProbe!.KeySpan;

        project.AssertStandsAtMark(key);
        Assert.Null(project.File.MapEdit(new TextChange(key, "livenessProbe")));
    }

    [Fact]
    public void A_value_a_strategic_merge_patch_file_sets_stands_in_the_patch_and_can_be_fixed()
    {
        var project = Project.Of(Rendered(), (BasePath, Base()), (OverlayPath, Overlay()), (GracePath, Grace("{|#0:10|}")));

        var grace = project.Workload.Pod.TerminationGracePeriodSeconds!.Span;

        project.AssertStandsAtMark(grace);
        Assert.Equal("deploy/overlays/prod/grace.yaml:8", project.File.Describe(grace));
        Assert.Equal((GracePath, new[] { new TextChange(project.Marked, "60") }), Mapped(project, grace, "60"));
    }

    [Theory]
    [InlineData("resources:\n- ../../base\npatches:\n- path: ./grace.yaml\n")]
    [InlineData("resources:\n- ../../base\npatchesStrategicMerge:\n- grace.yaml\n")]
    [InlineData("resources:\n- ../../base\npatches:\n- path: grace.yaml\n  target:\n    kind: Deployment\n    name: orders\n")]
    public void Every_way_to_name_a_strategic_merge_patch_file_is_traced_to_it(string kustomization)
    {
        var project = Project.Of(Rendered(name: "orders", port: "8080"), (BasePath, Base()), (OverlayPath, kustomization), (GracePath, Grace("{|#0:10|}")));

        project.AssertStandsAtMark(project.Workload.Pod.TerminationGracePeriodSeconds!.Span);
    }

    [Fact]
    public void A_value_an_inline_JSON6902_op_sets_stands_at_its_value_line_in_the_kustomization_and_can_be_fixed()
    {
        var project = Project.Of(Rendered(), (BasePath, Base()), (OverlayPath, Overlay("{|#0:9090|}")), (GracePath, Grace()));

        var port = project.Container.ReadinessProbe!.Port!.Span;

        project.AssertStandsAtMark(port);
        Assert.Equal("deploy/overlays/prod/kustomization.yaml:12", project.File.Describe(port));
        Assert.Equal((OverlayPath, new[] { new TextChange(project.Marked, "8080") }), Mapped(project, port, "8080"));
    }

    [Fact]
    public void An_inline_op_in_a_kustomization_with_CRLF_line_ends_stands_at_its_value()
    {
        var project = Project.Of(Rendered(), (BasePath, Base()), (OverlayPath, Overlay("{|#0:9090|}").Replace("\n", "\r\n")), (GracePath, Grace()));

        var port = project.Container.ReadinessProbe!.Port!.Span;

        project.AssertStandsAtMark(port);
        Assert.NotNull(project.File.MapEdit(new TextChange(port, "8080")));
    }

    [Fact]
    public void An_inline_op_on_one_line_stands_at_its_value_in_the_line()
    {
        const string Kustomization = """
            resources:
            - ../../base
            patches:
            - target: {kind: Deployment, name: orders}
              patch: '[{"op": "replace", "path": "/spec/template/spec/terminationGracePeriodSeconds", "value": {|#0:15|}}]'
            """;
        var project = Project.Of(Rendered(name: "orders", port: "8080", grace: "15"), (BasePath, Base()), (OverlayPath, Kustomization));

        var grace = project.Workload.Pod.TerminationGracePeriodSeconds!.Span;

        project.AssertStandsAtMark(grace);
        Assert.Equal((OverlayPath, new[] { new TextChange(project.Marked, "60") }), Mapped(project, grace, "60"));
    }

    [Fact]
    public void Patches_select_by_the_name_a_base_prefixed_or_the_original_one_and_not_by_a_longer_name()
    {
        const string Workers = """
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: orders-worker
            spec:
              selector:
                matchLabels:
                  app: orders-worker
              template:
                metadata:
                  labels:
                    app: orders-worker
                spec:
                  terminationGracePeriodSeconds: 30
                  containers:
                  - name: orders-worker
                    image: registry.example.com/orders-worker:1.0

            """;
        const string Kustomization = """
            resources:
            - ../../base
            namePrefix: prod-
            patches:
            - path: grace.yaml
              target:
                name: base-orders
            - target:
                kind: Deployment
                name: orders-worker
              patch: |-
                - op: replace
                  path: /spec/template/spec/terminationGracePeriodSeconds
                  value: {|#0:90|}
            """;
        const string WorkersRendered = """
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              annotations:
                config.kubernetes.io/origin: |
                  path: ../../../deploy/base/deployment.yaml
              name: prod-base-orders-worker
            spec:
              selector:
                matchLabels:
                  app: orders-worker
              template:
                metadata:
                  labels:
                    app: orders-worker
                spec:
                  containers:
                  - image: registry.example.com/orders-worker:1.0
                    name: orders-worker
                  terminationGracePeriodSeconds: 90

            """;
        var project = Project.Of(
            Rendered(name: "prod-base-orders", port: "8080") + WorkersRendered,
            (BasePath, Base() + Workers),
            ("/deploy/base/kustomization.yaml", "resources:\n- deployment.yaml\nnamePrefix: base-\n"),
            (OverlayPath, Kustomization),
            (GracePath, Grace()));

        project.AssertStandsAt(project.Workload.Pod.TerminationGracePeriodSeconds!.Span, GracePath, line: 8);
        project.AssertStandsAtMark(project.Named("prod-base-orders-worker").Pod.TerminationGracePeriodSeconds!.Span);
    }

    [Fact]
    public void PatchesJson6902_select_by_the_name_after_the_overlay_prefix()
    {
        const string Kustomization = """
            resources:
            - ../../base
            namePrefix: prod-
            patchesJson6902:
            - target:
                kind: Deployment
                name: prod-base-orders
              patch: |-
                - op: replace
                  path: /spec/template/spec/terminationGracePeriodSeconds
                  value: {|#0:5|}
            """;
        var project = Project.Of(
            Rendered(name: "prod-base-orders", port: "8080", grace: "5"),
            (BasePath, Base()),
            ("/deploy/base/kustomization.yaml", "resources:\n- deployment.yaml\nnamePrefix: base-\n"),
            (OverlayPath, Kustomization));

        project.AssertStandsAtMark(project.Workload.Pod.TerminationGracePeriodSeconds!.Span);
    }

    [Fact]
    public void A_value_a_JSON6902_op_file_sets_stands_in_that_file()
    {
        const string Kustomization = """
            resources:
            - ../../base
            patchesJson6902:
            - target:
                group: apps
                version: v1
                kind: Deployment
                name: orders
              path: grace.json
            """;
        const string Ops = """[{"op": "replace", "path": "/spec/template/spec/terminationGracePeriodSeconds", "value": {|#0:15|}}]""";
        var project = Project.Of(Rendered(name: "orders", port: "8080", grace: "15"), (BasePath, Base()), (OverlayPath, Kustomization), ("/deploy/overlays/prod/grace.json", Ops));

        var grace = project.Workload.Pod.TerminationGracePeriodSeconds!.Span;

        project.AssertStandsAtMark(grace);
        Assert.Equal("deploy/overlays/prod/grace.json:1", project.File.Describe(grace));
        Assert.NotNull(project.File.MapEdit(new TextChange(grace, "60")));
    }

    [Fact]
    public void A_value_two_patches_set_stands_at_the_overlay_without_a_fix()
    {
        const string Kustomization = """
            resources:
            - ../../base
            patches:
            - path: grace.yaml
            - target:
                kind: Deployment
              patch: |-
                - op: replace
                  path: /spec/template/spec/terminationGracePeriodSeconds
                  value: 12
            """;
        var project = Project.Of(Rendered(name: "orders", port: "8080", grace: "12"), (BasePath, Base()), (OverlayPath, Kustomization), (GracePath, Grace()));

        var grace = project.Workload.Pod.TerminationGracePeriodSeconds!.Span;

        project.AssertStandsAt(grace, OverlayPath, line: 1);
        Assert.Null(project.File.MapEdit(new TextChange(grace, "60")));
    }

    [Fact]
    public void A_patch_whose_target_names_another_object_is_ignored()
    {
        const string Kustomization = """
            resources:
            - ../../base
            patches:
            - target:
                kind: Deployment
                name: payments
              patch: |-
                - op: replace
                  path: /spec/template/spec/terminationGracePeriodSeconds
                  value: 5
            """;
        var project = Project.Of(Rendered(name: "orders", port: "8080", grace: "30"), (BasePath, Base(grace: "{|#0:30|}")), (OverlayPath, Kustomization));

        var grace = project.Workload.Pod.TerminationGracePeriodSeconds!.Span;

        project.AssertStandsAtMark(grace);
        Assert.NotNull(project.File.MapEdit(new TextChange(grace, "60")));
    }

    [Fact]
    public void A_patch_whose_label_selector_the_object_never_matched_is_ignored()
    {
        const string Kustomization = """
            resources:
            - ../../base
            patches:
            - target:
                kind: Deployment
                labelSelector: app=orders
              patch: |-
                - op: replace
                  path: /spec/template/spec/terminationGracePeriodSeconds
                  value: 12
            """;
        var project = Project.Of(Rendered(name: "orders", port: "8080", grace: "30"), (BasePath, Base(grace: "{|#0:30|}")), (OverlayPath, Kustomization));

        project.AssertStandsAtMark(project.Workload.Pod.TerminationGracePeriodSeconds!.Span);
    }

    [Fact]
    public void A_patch_that_may_select_the_object_leaves_what_it_sets_at_the_overlay()
    {
        const string Kustomization = """
            resources:
            - ../../base
            patches:
            - target:
                kind: Deployment
                labelSelector: app in (orders)
              patch: |-
                - op: replace
                  path: /spec/template/spec/terminationGracePeriodSeconds
                  value: 12
            """;
        var project = Project.Of(Rendered(name: "orders", port: "8080", grace: "30"), (BasePath, Base()), (OverlayPath, Kustomization));

        project.AssertStandsAt(project.Workload.Pod.TerminationGracePeriodSeconds!.Span, OverlayPath, line: 1);
        project.AssertStandsAt(project.Container.Image!.Span, BasePath, line: 17);
    }

    [Fact]
    public void A_value_an_image_or_replacement_may_write_stands_at_the_overlay_even_where_the_base_says_the_same()
    {
        const string Kustomization = """
            resources:
            - ../../base
            images:
            - name: registry.example.com/orders-api
              newTag: "1.0"
            replacements:
            - source:
                kind: Deployment
                fieldPath: metadata.name
              targets:
              - select:
                  kind: Deployment
                fieldPaths:
                - spec.template.metadata.labels.app
            """;
        var project = Project.Of(Rendered(name: "orders", port: "8080", grace: "30"), (BasePath, Base(grace: "{|#0:30|}")), (OverlayPath, Kustomization));
        var podLabel = project.File.Text.ToString().IndexOf("        app: orders", StringComparison.Ordinal) + "        app: ".Length;

        project.AssertStandsAt(project.Container.Image!.Span, OverlayPath, line: 1);
        project.AssertStandsAt(new TextSpan(podLabel, "orders".Length), OverlayPath, line: 1);
        project.AssertStandsAtMark(project.Workload.Pod.TerminationGracePeriodSeconds!.Span);
    }

    [Fact]
    public void A_node_inside_the_value_of_an_op_stands_in_that_value_and_escaped_pointers_are_read()
    {
        const string Kustomization = """
            resources:
            - ../../base
            patches:
            - target:
                kind: Deployment
                name: orders
              patch: |-
                - op: replace
                  path: /spec/template/spec/containers/0/readinessProbe
                  value:
                    httpGet:
                      path: {|#0:/ready|}
                      port: 8080
                - op: add
                  path: /metadata/annotations/shutdown-guard.io~1ignore
                  value: {|#1:SG2004|}
            """;
        var rendered = Rendered(name: "orders", port: "8080", grace: "30")
            .Replace("path: /health/ready", "path: /ready")
            .Replace("      path: ../../../deploy/base/deployment.yaml\n", "      path: ../../../deploy/base/deployment.yaml\n    shutdown-guard.io/ignore: SG2004\n");
        var probe = Project.Of(rendered, (BasePath, Base()), (OverlayPath, Kustomization.Replace("{|#1:SG2004|}", "SG2004")));
        var ignore = Project.Of(rendered, (BasePath, Base()), (OverlayPath, Kustomization.Replace("{|#0:/ready|}", "/ready").Replace("#1", "#0")));

        probe.AssertStandsAtMark(probe.Container.ReadinessProbe!.Path!.Span);
        ignore.AssertStandsAtMark(ignore.Workload.Annotations["shutdown-guard.io/ignore"].Span);
    }

    [Fact]
    public void A_name_the_prefix_changed_stands_at_the_overlay_and_patches_still_select_the_original_name()
    {
        var project = Project.Of(Rendered(), (BasePath, Base()), (OverlayPath, Overlay()), (GracePath, Grace()));

        var name = project.Workload.Name!.Span;

        Assert.Equal("prod-orders", project.File.Text.ToString(name));
        project.AssertStandsAt(name, OverlayPath, line: 1);
        Assert.Null(project.File.MapEdit(new TextChange(name, "orders")));
        project.AssertStandsAt(project.Workload.Pod.TerminationGracePeriodSeconds!.Span, GracePath, line: 8);
    }

    [Fact]
    public void A_stale_render_whose_sources_say_otherwise_stays_in_the_rendered_file()
    {
        var project = Project.Of(Rendered(), (BasePath, Base()), (OverlayPath, Overlay(port: "7070")), (GracePath, Grace("20")));

        project.AssertStandsAt(project.Workload.Pod.TerminationGracePeriodSeconds!.Span, RenderedPath, line: 26);
        project.AssertStandsAt(project.Container.ReadinessProbe!.Port!.Span, RenderedPath, line: 25);
    }

    [Fact]
    public void A_patch_that_is_not_valid_YAML_leaves_the_value_at_the_overlay()
    {
        var project = Project.Of(Rendered(), (BasePath, Base()), (OverlayPath, Overlay()), (GracePath, "spec: [template\n"));

        project.AssertStandsAt(project.Workload.Pod.TerminationGracePeriodSeconds!.Span, OverlayPath, line: 1);
        project.AssertStandsAt(project.Container.ReadinessProbe!.Path!.Span, OverlayPath, line: 1);
    }

    [Fact]
    public void A_component_patch_and_an_inline_strategic_merge_patch_are_traced()
    {
        const string Component = """
            apiVersion: kustomize.config.k8s.io/v1alpha1
            kind: Component
            patches:
            - path: prestop.yaml
            """;
        const string PreStop = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: orders
            spec:
              template:
                spec:
                  containers:
                  - name: orders-api
                    lifecycle:
                      preStop:
                        sleep:
                          seconds: {|#0:5|}
            """;
        const string Kustomization = """
            resources:
            - ../../base
            components:
            - ../../components/drain
            patches:
            - patch: |
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: orders
                spec:
                  template:
                    spec:
                      terminationGracePeriodSeconds: {|#0:45|}
            """;
        var rendered = Rendered(name: "orders", port: "8080", grace: "45", container: "        lifecycle:\n          preStop:\n            sleep:\n              seconds: 5\n");
        var files = new[] { (BasePath, Base()), ("/deploy/components/drain/kustomization.yaml", Component), ("/deploy/components/drain/prestop.yaml", PreStop) };
        var prestop = Project.Of(rendered, [.. files, (OverlayPath, Kustomization.Replace("{|#0:45|}", "45"))]);
        var grace = Project.Of(rendered, [.. files.Select(file => (file.Item1, file.Item2.Replace("{|#0:5|}", "5"))), (OverlayPath, Kustomization)]);

        prestop.AssertStandsAtMark(prestop.Container.PreStop!.DelayValue!.Span);
        grace.AssertStandsAtMark(grace.Workload.Pod.TerminationGracePeriodSeconds!.Span);
        Assert.Equal((OverlayPath, new[] { new TextChange(grace.Marked, "60") }), Mapped(grace, grace.Workload.Pod.TerminationGracePeriodSeconds.Span, "60"));
    }

    [Fact]
    public void A_container_a_JSON6902_op_appends_stands_in_the_op_and_the_others_stay_in_the_base()
    {
        const string Kustomization = """
            resources:
            - ../../base
            patches:
            - target:
                kind: Deployment
              patch: |-
                - op: add
                  path: /spec/template/spec/containers/-
                  value:
                    name: proxy
                    image: {|#0:registry.example.com/proxy:2.0|}
            """;
        var rendered = Rendered(name: "orders", port: "8080", grace: "30")
            .Replace("            port: 8080\n", "            port: 8080\n      - image: registry.example.com/proxy:2.0\n        name: proxy\n");
        var project = Project.Of(rendered, (BasePath, Base()), (OverlayPath, Kustomization));

        var proxy = project.Workload.Pod.Containers.Single(container => container.Name?.Text == "proxy");

        project.AssertStandsAtMark(proxy.Image!.Span);
        project.AssertStandsAt(project.Container.Image!.Span, BasePath, line: 17);
    }

    [Theory]
    [InlineData("resources:\n- ../../base\npatches:\n- path: grace.yaml\n- target: [\n")]
    [InlineData("resources:\n- ../../base\npatches: 3\n")]
    [InlineData("resources:\n- ../../base\npatches:\n- {}\n")]
    [InlineData("resources:\n- ../../base\npatches:\n- path: missing.yaml\n")]
    [InlineData("resources:\n- ../../base\npatches:\n- target: {kind: Deployment}\n  patch: \"- op: [\"\n")]
    [InlineData("resources:\n- ../../base\npatches:\n- target: {kind: Deployment}\n  patch: '[{op: replace, path: 7}]'\n")]
    [InlineData("resources:\n- ../../base\npatchesStrategicMerge:\n- missing.yaml\n")]
    [InlineData("resources:\n- ../../base\npatches:\n- target: {kind: Deployment}\n  patch: '[{op: replace, path: \"\", value: {}}]'\n")]
    [InlineData("resources:\n- ../../base\npatches:\n- target: {kind: Deployment}\n  patch: '[{op: copy, from: /spec/replicas, path: /spec/template/spec/terminationGracePeriodSeconds}]'\n")]
    [InlineData("resources:\n- ../../base\npatchesJson6902:\n- path: grace.yaml\n")]
    [InlineData("resources:\n- ../../base\npatches:\n- target: {kind: Deploy.*, name: \"[\"}\n  path: grace.yaml\n")]
    [InlineData("resources:\n- ../../base\n- ../prod\npatches:\n- path: grace.yaml\n")]
    public void Half_typed_or_unreadable_patches_name_the_overlay_and_throw_nothing(string kustomization)
    {
        var project = Project.Of(Rendered(name: "orders", port: "8080"), (BasePath, Base()), (OverlayPath, kustomization), (GracePath, Grace()));

        project.AssertStandsAt(project.Workload.Pod.TerminationGracePeriodSeconds!.Span, OverlayPath, line: 1);
    }

    [Theory]
    [InlineData(BasePath, "kind: [")]
    [InlineData("/deploy/base/kustomization.yaml", "resources: [")]
    [InlineData("/deploy/base/kustomization.yaml", "resources:\n- other.yaml\n")]
    [InlineData(OverlayPath, "")]
    public void Sources_half_typed_or_no_longer_leading_to_the_resource_name_the_overlay(string path, string text)
    {
        var files = new[] { (BasePath, Base()), BaseKustomization, (OverlayPath, Overlay()), (GracePath, Grace()) }
            .Select(file => file.Item1 == path ? (path, text) : file)
            .ToArray();
        var project = Project.Of(Rendered(), files);

        project.AssertStandsAt(project.Workload.Pod.TerminationGracePeriodSeconds!.Span, OverlayPath, line: 1);
        project.AssertStandsAt(project.Container.ReadinessProbe!.KeySpan, OverlayPath, line: 1);
    }

    [Fact]
    public void Every_prefix_of_the_overlay_its_patch_and_the_base_throws_nothing_and_names_a_file_of_the_render()
    {
        var sources = new[] { (OverlayPath, Overlay()), (GracePath, Grace()), (BasePath, Base()) };
        var paths = sources.Select(source => source.Item1).Append(RenderedPath).ToHashSet();
        foreach (var (path, whole) in sources)
        {
            for (var length = 0; length <= whole.Length; length++)
            {
                var project = Project.Of(Rendered(), [.. sources.Select(source => source.Item1 == path ? (path, whole.Substring(0, length)) : source)]);
                var container = project.Container;
                foreach (var span in new[] { project.Workload.Name!.Span, project.Workload.Pod.TerminationGracePeriodSeconds!.Span, container.Image!.Span, container.ReadinessProbe!.KeySpan, container.ReadinessProbe.Port!.Span })
                {
                    Assert.Contains(project.File.GetLocation(span).GetLineSpan().Path, paths);
                    _ = project.File.Describe(span);
                    _ = project.File.MapEdit(new TextChange(span, "1"));
                }
            }
        }
    }

    [Fact]
    public void Kustomizations_that_include_each_other_throw_nothing()
    {
        var project = Project.Of(Rendered(), (BasePath, Base()), (OverlayPath, Overlay()), (GracePath, Grace()), ("/deploy/base/kustomization.yaml", "resources:\n- deployment.yaml\n- ../overlays/prod\n"));

        project.AssertStandsAt(project.Workload.Pod.TerminationGracePeriodSeconds!.Span, OverlayPath, line: 1);
    }

    [Fact]
    public async Task SG1003_names_the_patch_line_that_sets_the_grace_period()
    {
        const string Code = """
            using System;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.Hosting;

            var builder = WebApplication.CreateBuilder(args);
            builder.Host.ConfigureHostOptions(options => options.ShutdownTimeout = {|#0:TimeSpan.FromSeconds(20)|});
            builder.Build().Run();
            """;
        var files = new[] { (BasePath, Base()), BaseKustomization, (OverlayPath, Overlay()), (GracePath, Grace("{|#1:10|}")) };
        var verifier = new Verifier().Only("SG1003")
            .Source(Code)
            .File("/obj/shutdownguard.renders.json", Project.Index(files))
            .File(RenderedPath, Rendered());
        foreach (var (path, text) in files)
        {
            verifier.File(path, text);
        }

        await verifier
            .Expect(Expect.Diagnostic("SG1003", DiagnosticSeverity.Warning).WithLocation(0).WithLocation(1).WithArguments(
                "ShutdownTimeout 20 s (ConfigureHostOptions (Test0.cs:6)) + margin 5 s",
                "terminationGracePeriodSeconds 10 s of Deployment/prod-orders (deploy/overlays/prod/grace.yaml:8)"))
            .RunAsync();
    }

    private static (string Path, TextChange[] Changes)? Mapped(Project project, TextSpan span, string text) =>
        project.File.MapEdits(new[] { new TextChange(span, text) }) is { } mapped ? (mapped.Path, mapped.Changes.ToArray()) : null;

    /// <summary>A project whose one render is the prod overlay: the render index, the rendered file and the sources, one of
    /// which may mark a span.</summary>
    private sealed class Project
    {
        private readonly ManifestSet _set;

        private Project(ManifestSet set, string? markedPath, TextSpan marked)
        {
            _set = set;
            MarkedPath = markedPath;
            Marked = marked;
        }

        /// <summary>The rendered file.</summary>
        public AdditionalFiles.AdditionalFileEntry<ManifestFile> File => Assert.Single(_set.Files);

        /// <summary>The first rendered workload.</summary>
        public Workload Workload => _set.Workloads.First().Workload;

        public ContainerSpec Container => Workload.Pod.Containers.First();

        public string? MarkedPath { get; }

        public TextSpan Marked { get; }

        public Workload Named(string name) => _set.Workloads.Single(entry => entry.Workload.Name?.Text == name).Workload;

        /// <summary>The project of a rendered text and its sources, the base's kustomization added unless given; the
        /// source that marks <c>#0</c> is where the test expects the traced node.</summary>
        public static Project Of(string rendered, params (string Path, string Text)[] sources)
        {
            var files = sources.Any(file => file.Path == BaseKustomization.Path) ? sources : [.. sources, BaseKustomization];
            string? markedPath = null;
            TextSpan marked = default;
            var unmarked = files.Select(file =>
            {
                var (text, spans) = Markup.ParseAll(file.Text);
                if (!spans.IsEmpty)
                {
                    (markedPath, marked) = (file.Path, Assert.Single(spans));
                }

                return (file.Path, text);
            }).ToArray();
            var set = Set([("/obj/shutdownguard.renders.json", Index(unmarked)), (RenderedPath, rendered), .. unmarked]);
            return new Project(set, markedPath, marked);
        }

        /// <summary>The render index the build writes for the prod overlay rendered from these inputs.</summary>
        public static string Index(IEnumerable<(string Path, string Text)> inputs) =>
            $$"""
            {"version": 1, "project": "OrdersApi.csproj", "renders": [{"kind": "kustomize", "name": "deploy/overlays/prod",
              "source": "deploy/overlays/prod/kustomization.yaml", "status": "rendered", "tool": "kubectl", "error": null,
              "valueFiles": [], "set": [], "inputs": [{{string.Join(", ", inputs.Select(input => "\"" + input.Path.TrimStart('/') + "\""))}}],
              "output": "obj/shutdownguard/1/rendered.yaml"}]}
            """;

        public void AssertStandsAtMark(TextSpan rendered)
        {
            var location = File.GetLocation(rendered);
            Assert.Equal(MarkedPath, location.GetLineSpan().Path);
            Assert.Equal(Marked, location.SourceSpan);
        }

        public void AssertStandsAt(TextSpan rendered, string path, int line)
        {
            var location = File.GetLocation(rendered).GetLineSpan();
            Assert.Equal((path, line), (location.Path, location.StartLinePosition.Line + 1));
        }
    }
}
