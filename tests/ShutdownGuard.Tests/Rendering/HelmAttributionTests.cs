using Microsoft.CodeAnalysis.Text;
using ShutdownGuard.AdditionalFiles;
using ShutdownGuard.Manifests;
using ShutdownGuard.Options;
using static ShutdownGuard.Tests.Rendering.HelmCharts;

namespace ShutdownGuard.Tests.Rendering;

public class HelmAttributionTests
{
    private static ManifestSet Chart(string values, string prodValues, string rendered, string index) =>
        Verification.Manifests.Set(
            ("/deploy/chart/Chart.yaml", ChartYaml),
            ("/deploy/chart/values.yaml", values),
            ("/deploy/values-prod.yaml", prodValues),
            ("/deploy/chart/templates/deployment.yaml", DeploymentTemplate),
            (OutputPath(1), rendered),
            (IndexPath, index));

    private static ManifestSet ProdChart() => Chart(Values(), ProdValues(), Rendered(), Index(Render(1)));

    private static (AdditionalFileEntry<ManifestFile> File, Workload Workload) TheWorkload(ManifestSet set)
    {
        var entry = Assert.Single(set.Workloads);
        return (entry.File, entry.Workload);
    }

    private static string Where(AdditionalFileEntry<ManifestFile> file, TextSpan span)
    {
        var location = file.GetLocation(span).GetLineSpan();
        return location.Path + ":" + (location.StartLinePosition.Line + 1);
    }

    [Fact]
    public void The_chart_s_files_are_not_read_raw_and_the_rendered_workload_is()
    {
        var set = ProdChart();

        var file = Assert.Single(set.Files);
        Assert.Equal(OutputPath(1), file.Path);
        Assert.Equal("Deployment/prod-orders", TheWorkload(set).Workload.DisplayName);
    }

    [Fact]
    public void A_value_from_the_last_values_file_that_sets_it_stands_there()
    {
        var (file, workload) = TheWorkload(ProdChart());
        var grace = workload.Pod.TerminationGracePeriodSeconds!;

        Assert.Equal("/deploy/values-prod.yaml:2", Where(file, grace.Span));
        Assert.Equal("deploy/values-prod.yaml:2", file.Describe(grace.Span));
    }

    [Fact]
    public void A_value_only_the_chart_s_values_set_stands_in_values_yaml()
    {
        var (file, workload) = TheWorkload(ProdChart());
        var port = workload.Pod.Containers.Single().Ports.Single().Port!;

        Assert.Equal("/deploy/chart/values.yaml:6", Where(file, port.Span));
    }

    [Fact]
    public void A_value_in_a_toYaml_block_of_values_stands_at_its_values_line()
    {
        var (file, workload) = TheWorkload(ProdChart());
        var probe = workload.Pod.Containers.Single().ReadinessProbe!;

        Assert.Equal("/deploy/chart/values.yaml:10", Where(file, probe.Port!.Span));
    }

    [Fact]
    public void A_key_stands_at_the_template_line_that_writes_it()
    {
        var (file, workload) = TheWorkload(ProdChart());
        var container = workload.Pod.Containers.Single();

        Assert.Equal("/deploy/chart/templates/deployment.yaml:18", Where(file, container.Name!.Span));
        Assert.Equal("/deploy/chart/templates/deployment.yaml:2", Where(file, workload.KindSpan));
    }

    [Fact]
    public void An_edit_of_a_values_literal_applies_to_the_values_file()
    {
        var (file, workload) = TheWorkload(ProdChart());
        var grace = workload.Pod.TerminationGracePeriodSeconds!;

        var edit = file.MapEdits(new[] { new TextChange(grace.Span, "40") });

        Assert.NotNull(edit);
        Assert.Equal("/deploy/values-prod.yaml", edit.Value.Path);
        var change = Assert.Single(edit.Value.Changes);
        Assert.Equal("20", SourceText.From(ProdValues()).ToString(change.Span));
    }

    [Fact]
    public void An_insertion_into_rendered_text_is_no_edit_of_the_chart()
    {
        var (file, workload) = TheWorkload(ProdChart());
        var container = workload.Pod.Containers.Single();

        Assert.Null(file.MapEdit(new TextChange(new TextSpan(container.Span.End, 0), "lifecycle: {}")));
    }

    [Fact]
    public void A_value_the_values_file_no_longer_holds_stays_in_the_rendered_file()
    {
        var set = Chart(Values(), ProdValues(grace: "45"), Rendered(grace: "20"), Index(Render(1)));
        var (file, workload) = TheWorkload(set);

        Assert.Equal(OutputPath(1) + ":18", Where(file, workload.Pod.TerminationGracePeriodSeconds!.Span));
    }

    [Fact]
    public void A_value_given_with_set_stands_at_the_project_file_without_an_edit()
    {
        var set = Chart(Values(), ProdValues(), Rendered(grace: "15"), Index(Render(1, set: "\"terminationGracePeriodSeconds=15\"")));
        var (file, workload) = TheWorkload(set);
        var grace = workload.Pod.TerminationGracePeriodSeconds!;

        Assert.Equal("/OrdersApi.csproj:1", Where(file, grace.Span));
        Assert.Null(file.MapEdit(new TextChange(grace.Span, "40")));
    }

    [Fact]
    public void Without_an_index_the_chart_is_read_as_written_and_rendered_output_not_at_all()
    {
        var set = Verification.Manifests.Set(
            ("/deploy/chart/values.yaml", Values()),
            ("/deploy/chart/templates/deployment.yaml", DeploymentTemplate),
            (OutputPath(1), Rendered()));

        Assert.Equal(new[] { "/deploy/chart/templates/deployment.yaml", "/deploy/chart/values.yaml" }, set.Files.Select(file => file.Path));
        Assert.Empty(set.Workloads);
    }

    [Fact]
    public void An_index_of_an_unknown_version_is_ignored()
    {
        var set = Chart(Values(), ProdValues(), Rendered(), Index(Render(1)).Replace("\"version\": 1", "\"version\": 2"));

        Assert.Contains(set.Files, file => file.Path == "/deploy/chart/templates/deployment.yaml");
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("[1, 2]")]
    [InlineData("{\"version\": 1, \"renders\": [{\"kind\": \"helm\"}, 3, null]}")]
    public void A_broken_index_throws_nothing(string index)
    {
        var set = Chart(Values(), ProdValues(), Rendered(), index);

        Assert.NotEmpty(set.Files);
    }

    [Fact]
    public void A_template_the_project_does_not_include_puts_findings_at_Chart_yaml()
    {
        var set = Verification.Manifests.Set(
            ("/deploy/chart/Chart.yaml", ChartYaml),
            ("/deploy/chart/values.yaml", Values()),
            ("/deploy/values-prod.yaml", ProdValues()),
            (OutputPath(1), Rendered()),
            (IndexPath, Index(Render(1))));
        var (file, workload) = TheWorkload(set);

        Assert.Equal("/deploy/chart/Chart.yaml:1", Where(file, workload.KindSpan));
    }
}

public class HelmSubchartAttributionTests
{
    private const string SubchartValues = """
        terminationGracePeriodSeconds: 30
        containers:
          - name: orders-api
            image: registry.example.com/orders-api:1.0
            port: 8080
          - name: proxy
            image: envoy:1
            port: 9901

        """;

    private const string SubchartTemplate = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {{ .Release.Name }}-orders
        spec:
          template:
            spec:
              terminationGracePeriodSeconds: {{ .Values.terminationGracePeriodSeconds }}
              containers:
              {{- range .Values.containers }}
                - name: {{ .name }}
                  image: {{ .image }}
                  ports:
                    - containerPort: {{ .port }}
              {{- end }}

        """;

    /// <summary>What <c>helm template shop deploy/shop --skip-tests -f deploy/shop/values.yaml</c> prints: the subchart
    /// in folder <c>charts/orders-chart</c> is named <c>orders</c>.</summary>
    private const string Rendered = """
        ---
        # Source: shop/charts/orders/templates/deployment.yaml
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: shop-orders
        spec:
          template:
            spec:
              terminationGracePeriodSeconds: 15
              containers:
                - name: orders-api
                  image: registry.example.com/orders-api:1.0
                  ports:
                    - containerPort: 8080
                - name: proxy
                  image: envoy:1
                  ports:
                    - containerPort: 9901

        """;

    private static ManifestSet Shop(string parentValues = "orders:\n  terminationGracePeriodSeconds: 15\n", string renderedGrace = "15") =>
        Verification.Manifests.Set(
            ("/deploy/shop/Chart.yaml", "apiVersion: v2\nname: shop\nversion: 1.0.0\n"),
            ("/deploy/shop/values.yaml", parentValues),
            ("/deploy/shop/charts/orders-chart/Chart.yaml", "apiVersion: v2\nname: orders\nversion: 1.0.0\n"),
            ("/deploy/shop/charts/orders-chart/values.yaml", SubchartValues),
            ("/deploy/shop/charts/orders-chart/templates/deployment.yaml", SubchartTemplate),
            (HelmCharts.OutputPath(1), Rendered.Replace("terminationGracePeriodSeconds: 15", "terminationGracePeriodSeconds: " + renderedGrace)),
            (HelmCharts.IndexPath, HelmCharts.Index("""
                {"kind": "helm", "name": "shop", "source": "deploy/shop", "status": "rendered", "tool": "helm", "error": null,
                 "valueFiles": ["deploy/shop/values.yaml"], "set": [],
                 "inputs": ["deploy/shop/Chart.yaml", "deploy/shop/values.yaml", "deploy/shop/charts/orders-chart/Chart.yaml", "deploy/shop/charts/orders-chart/values.yaml", "deploy/shop/charts/orders-chart/templates/deployment.yaml"],
                 "output": "obj/shutdownguard/1/rendered.yaml"}
                """)));

    private static string Where(AdditionalFileEntry<ManifestFile> file, TextSpan span)
    {
        var location = file.GetLocation(span).GetLineSpan();
        return location.Path + ":" + (location.StartLinePosition.Line + 1);
    }

    [Fact]
    public void A_subchart_s_value_set_by_the_parent_stands_under_the_subchart_s_name_in_the_parent_s_values()
    {
        var entry = Assert.Single(Shop().Workloads);

        Assert.Equal("/deploy/shop/values.yaml:2", Where(entry.File, entry.Workload.Pod.TerminationGracePeriodSeconds!.Span));
    }

    [Fact]
    public void A_subchart_s_value_the_parent_leaves_stands_in_the_subchart_s_own_values()
    {
        var entry = Assert.Single(Shop(parentValues: "orders: {}\n", renderedGrace: "30").Workloads);

        Assert.Equal("/deploy/shop/charts/orders-chart/values.yaml:1", Where(entry.File, entry.Workload.Pod.TerminationGracePeriodSeconds!.Span));
    }

    [Fact]
    public void A_key_written_in_a_range_stands_at_its_template_line_and_its_computed_value_has_no_edit()
    {
        var entry = Assert.Single(Shop().Workloads);
        var proxy = entry.Workload.Pod.Containers.Single(container => container.Name?.Text == "proxy");
        var port = proxy.Ports.Single().Port!;

        Assert.Equal("/deploy/shop/charts/orders-chart/templates/deployment.yaml:14", Where(entry.File, port.Span));
        Assert.Null(entry.File.MapEdit(new TextChange(port.Span, "8080")));
    }
}

public class RenderedWorkloadMatchTests
{
    /// <summary>The chart rendered for two environments; <paramref name="renderTwice"/> false leaves one render.</summary>
    private static ManifestSet TwoReleases(bool renderTwice = true)
    {
        var files = new List<(string, string)>
        {
            ("/deploy/chart/Chart.yaml", HelmCharts.ChartYaml),
            ("/deploy/chart/values.yaml", HelmCharts.Values()),
            ("/deploy/values-prod.yaml", HelmCharts.ProdValues()),
            ("/deploy/chart/templates/deployment.yaml", HelmCharts.DeploymentTemplate),
            (HelmCharts.OutputPath(1), HelmCharts.Rendered("prod")),
            (HelmCharts.IndexPath, renderTwice ? HelmCharts.Index(HelmCharts.Render(1, "prod"), HelmCharts.Render(2, "staging")) : HelmCharts.Index(HelmCharts.Render(1, "prod"))),
        };
        if (renderTwice)
        {
            files.Add((HelmCharts.OutputPath(2), HelmCharts.Rendered("staging")));
        }

        return Verification.Manifests.Set(files.ToArray());
    }

    [Fact]
    public void The_only_workload_of_each_render_of_one_chart_runs_the_project()
    {
        var matches = WorkloadMatcher.Match(TwoReleases(), selector: null, new[] { "Unrelated" });

        Assert.Equal(new[] { "Deployment/prod-orders", "Deployment/staging-orders" }, matches.Select(match => match.Workload.Workload.DisplayName).Order());
    }

    [Fact]
    public void Plain_manifests_beside_a_render_keep_the_only_workload_rule_strict()
    {
        var set = Verification.Manifests.Set(
            ("/deploy/chart/Chart.yaml", HelmCharts.ChartYaml),
            ("/deploy/chart/values.yaml", HelmCharts.Values()),
            ("/deploy/values-prod.yaml", HelmCharts.ProdValues()),
            ("/deploy/chart/templates/deployment.yaml", HelmCharts.DeploymentTemplate),
            (HelmCharts.OutputPath(1), HelmCharts.Rendered("prod")),
            (HelmCharts.IndexPath, HelmCharts.Index(HelmCharts.Render(1, "prod"))),
            ("/k8s/worker.yaml", Verification.Manifests.Deployment("worker")));

        Assert.Empty(WorkloadMatcher.Match(set, selector: null, new[] { "Unrelated" }));
    }

    [Fact]
    public void A_selector_matches_the_workload_of_that_name_in_every_render()
    {
        Assert.True(WorkloadSelector.TryParse("Deployment/prod-orders", out var selector));

        var match = Assert.Single(WorkloadMatcher.Match(TwoReleases(), selector, new[] { "Unrelated" }));
        Assert.Equal("Deployment/prod-orders", match.Workload.Workload.DisplayName);
    }
}

public class RenderedOverlayWorkloadMatchTests
{
    /// <summary>What <c>kubectl kustomize</c> prints for the prod overlay (name prefix <c>prod-</c>) through the build's
    /// wrapper kustomization in <c>obj/shutdownguard/1</c>.</summary>
    private const string Rendered = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          annotations:
            config.kubernetes.io/origin: |
              path: ../../../deploy/base/deployment.yaml
          name: prod-orders-api
        spec:
          template:
            spec:
              containers:
              - image: registry.example.com/web:1.0
                name: web

        """;

    private static ManifestSet Overlay() => Verification.Manifests.Set(
        ("/deploy/base/deployment.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: orders-api\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: registry.example.com/web:1.0\n"),
        ("/deploy/base/kustomization.yaml", "resources:\n  - deployment.yaml\n"),
        ("/deploy/overlays/prod/kustomization.yaml", "resources:\n  - ../../base\nnamePrefix: prod-\n"),
        (HelmCharts.OutputPath(1), Rendered),
        (HelmCharts.IndexPath, HelmCharts.Index("""
            {"kind": "kustomize", "name": "deploy/overlays/prod", "source": "deploy/overlays/prod/kustomization.yaml", "status": "rendered", "tool": "kubectl", "error": null,
             "valueFiles": [], "set": [], "inputs": ["deploy/base/deployment.yaml", "deploy/base/kustomization.yaml", "deploy/overlays/prod/kustomization.yaml"],
             "output": "obj/shutdownguard/1/rendered.yaml"}
            """)));

    [Theory]
    [InlineData("Deployment/orders-api")]
    [InlineData("Deployment/prod-orders-api")]
    public void A_selector_matches_an_overlay_s_object_by_its_name_before_or_after_the_prefix(string property)
    {
        Assert.True(WorkloadSelector.TryParse(property, out var selector));

        var match = Assert.Single(WorkloadMatcher.Match(Overlay(), selector, new[] { "Orders.Api" }));
        Assert.Equal("Deployment/prod-orders-api", match.Workload.Workload.DisplayName);
    }

    [Fact]
    public void A_selector_naming_another_object_matches_nothing()
    {
        Assert.True(WorkloadSelector.TryParse("Deployment/payments", out var selector));

        Assert.Empty(WorkloadMatcher.Match(Overlay(), selector, new[] { "Orders.Api" }));
    }
}
