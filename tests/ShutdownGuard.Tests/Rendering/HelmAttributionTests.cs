using Microsoft.CodeAnalysis.Text;
using ShutdownGuard.AdditionalFiles;
using ShutdownGuard.Manifests;
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
    public void Without_an_index_the_chart_is_read_as_written()
    {
        var set = Verification.Manifests.Set(
            ("/deploy/chart/values.yaml", Values()),
            ("/deploy/chart/templates/deployment.yaml", DeploymentTemplate),
            (OutputPath(1), Rendered()));

        Assert.Contains(set.Files, file => file.Path == "/deploy/chart/templates/deployment.yaml");
        Assert.Null(TheWorkload(set).File.Origin);
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
