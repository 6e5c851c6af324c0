using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Testing;
using ShutdownGuard.CodeFixes.Budget;
using ShutdownGuard.CodeFixes.Manifests;
using ShutdownGuard.Rules;
using ShutdownGuard.Tests.Verification;
using static ShutdownGuard.Tests.Rendering.HelmCharts;
using ProgramVerifier = ShutdownGuard.Tests.Verification.AnalyzerVerifier<ShutdownGuard.Rules.ProgramAnalyzer>;
using ReadabilityVerifier = ShutdownGuard.Tests.Verification.AnalyzerVerifier<ShutdownGuard.Rules.Manifests.ManifestReadabilityAnalyzer>;

namespace ShutdownGuard.Tests.Rendering;

/// <summary>The rules on a rendered chart, as the user meets them: findings in the chart's files, never in rendered
/// output; failed renders and missing tools reported at the chart.</summary>
public class RenderedChartRulesTests
{
    private const string App = """
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder(args);
        var app = builder.{|#0:Build()|};
        app.Run();
        """;

    private static DiagnosticResult SG1003 => Expect.Diagnostic("SG1003", DiagnosticSeverity.Warning);

    private static ProgramVerifier Chart(ProgramVerifier verifier, string values, string prodValues, params (int Number, string Rendered)[] outputs)
    {
        verifier
            .File("/deploy/chart/Chart.yaml", ChartYaml)
            .File("/deploy/chart/values.yaml", values)
            .File("/deploy/values-prod.yaml", prodValues)
            .File("/deploy/chart/templates/deployment.yaml", DeploymentTemplate);
        foreach (var (number, rendered) in outputs)
        {
            verifier.File(OutputPath(number), rendered);
        }

        return verifier;
    }

    [Fact]
    public async Task SG1003_names_the_values_line_that_set_the_grace_period()
    {
        await Chart(new ProgramVerifier().Only("SG1003"), Values(), ProdValues("{|#1:20|}"), (1, Rendered()))
            .File(IndexPath, Index(Render(1)))
            .Source(App)
            .Expect(SG1003.WithLocation(0).WithLocation(1).WithArguments(
                "ShutdownTimeout 30 s (default for Microsoft.Extensions.Hosting 8.0) + margin 5 s",
                "terminationGracePeriodSeconds 20 s of Deployment/prod-orders (deploy/values-prod.yaml:2)"))
            .RunAsync();
    }

    [Fact]
    public async Task A_finding_whose_values_line_changed_since_the_render_is_not_reported()
    {
        await Chart(new ProgramVerifier().Only("SG1003"), Values(), ProdValues("20"), (1, Rendered(grace: "25")))
            .File(IndexPath, Index(Render(1)))
            .Source(App)
            .RunAsync();
    }

    [Fact]
    public async Task One_finding_of_two_releases_at_one_place_is_reported_once_naming_both()
    {
        // Both releases take the grace period from the chart's own values.yaml.
        var values = Values(grace: "{|#1:20|}");
        await Chart(new ProgramVerifier().Only("SG1003"), values, "# production\n", (1, Rendered("prod")), (2, Rendered("staging")))
            .File(IndexPath, Index(Render(1, "prod"), Render(2, "staging")))
            .Source(App)
            .Expect(SG1003.WithLocation(0).WithLocation(1).WithMessage(
                "ShutdownTimeout 30 s (default for Microsoft.Extensions.Hosting 8.0) + margin 5 s exceeds terminationGracePeriodSeconds 20 s of Deployment/prod-orders (deploy/chart/values.yaml:4): Kubernetes kills the app before it finishes draining (in release prod, release staging)"))
            .RunAsync();
    }

    [Fact]
    public async Task The_grace_period_fix_edits_the_values_file_the_value_came_from()
    {
        await new CodeFixVerifier<ProgramAnalyzer, ShutdownBudgetCodeFix>(ShutdownBudgetCodeFix.RaiseGracePeriodKey).Only("SG1003")
            .Source(App)
            .File("/deploy/chart/Chart.yaml", ChartYaml)
            .File("/deploy/chart/values.yaml", Values())
            .File("/deploy/values-prod.yaml", ProdValues("{|#1:20|}"), ProdValues("35"))
            .File("/deploy/chart/templates/deployment.yaml", DeploymentTemplate)
            .File(OutputPath(1), Rendered())
            .File(IndexPath, Index(Render(1)))
            .Expect(SG1003.WithLocation(0).WithLocation(1))
            .RunAsync();
    }

    private static readonly string ValuesWithoutProbe = Values().Substring(0, Values().IndexOf("readinessProbe:", StringComparison.Ordinal));

    private static readonly string RenderedWithoutProbe = Rendered().Substring(0, Rendered().IndexOf("          readinessProbe:", StringComparison.Ordinal));

    private static readonly string ValuesWithProbe = ValuesWithoutProbe + "readinessProbe:\n  httpGet:\n    path: /healthz/ready\n    port: 8080\n";

    /// <summary>A served readiness path, and a chart whose values leave out the probe its template renders from them.</summary>
    private static AdditionalDocumentFixVerifier<ProgramAnalyzer, ReadinessProbeCodeFix> ChartWithoutProbe() =>
        new AdditionalDocumentFixVerifier<ProgramAnalyzer, ReadinessProbeCodeFix>("SG2002")
            .Source("""
                var app = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder(args).Build();
                Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapGet(app, "/healthz/ready", () => "ok");
                app.Run();
                """)
            .File("/deploy/chart/Chart.yaml", ChartYaml)
            .File("/deploy/chart/values.yaml", ValuesWithoutProbe)
            .File("/deploy/values-prod.yaml", ProdValues())
            .File("/deploy/chart/templates/deployment.yaml", DeploymentTemplate)
            .File(OutputPath(1), RenderedWithoutProbe)
            .File(IndexPath, Index(Render(1)))
            .Validate((path, text) => Assert.Null(ShutdownGuard.Manifests.ManifestReader.Read(Microsoft.CodeAnalysis.Text.SourceText.From(text), isKustomizationFile: false, CancellationToken.None).Problem));

    [Fact]
    public async Task A_readiness_probe_the_template_takes_from_values_is_added_to_values_yaml()
    {
        await ChartWithoutProbe().FixEachAsync(("/deploy/chart/values.yaml", ValuesWithProbe), (OutputPath(1), RenderedWithoutProbe));
    }

    [Theory]
    [InlineData(FixAllScope.Project)]
    [InlineData(FixAllScope.Solution)]
    public async Task Fix_All_adds_the_readiness_probe_to_values_yaml_once(FixAllScope scope)
    {
        await ChartWithoutProbe().FixAllAsync(scope, ("/deploy/chart/values.yaml", ValuesWithProbe), (OutputPath(1), RenderedWithoutProbe));
    }

    [Fact]
    public async Task A_finding_at_a_template_key_names_the_values_that_rendered_its_block()
    {
        const string Liveness = "livenessProbe:\n  httpGet:\n    path: /healthz/ready\n    port: http\n";
        var values = Values().Replace("readinessProbe:", "{|#2:readinessProbe|}:") + Liveness;
        var template = DeploymentTemplate.Replace("          readinessProbe:", "          {|#1:readinessProbe|}:")
            + "          {{- with .Values.livenessProbe }}\n          {|#3:livenessProbe|}:\n            {{- toYaml . | nindent 12 }}\n          {{- end }}\n";
        var rendered = Rendered() + "          livenessProbe:\n            httpGet:\n              path: /healthz/ready\n              port: http\n";
        await new ProgramVerifier().Only("SG2003")
            .Source(App)
            .File("/deploy/chart/Chart.yaml", ChartYaml)
            .File("/deploy/chart/values.yaml", values)
            .File("/deploy/values-prod.yaml", ProdValues())
            .File("/deploy/chart/templates/deployment.yaml", template)
            .File(OutputPath(1), rendered)
            .File(IndexPath, Index(Render(1)))
            .Expect(Expect.Diagnostic("SG2003", DiagnosticSeverity.Warning).WithLocation(1).WithLocation(3).WithLocation(2))
            .RunAsync();
    }

    [Fact]
    public async Task A_failed_render_is_SG2012_at_Chart_yaml_and_its_templates_get_no_SG2009()
    {
        await new ReadabilityVerifier()
            .Source(ReadabilityVerifier.WebApp)
            .File("/deploy/chart/Chart.yaml", "{|#0:apiVersion: v2|}\nname: orders\nversion: 1.0.0\n")
            .File("/deploy/chart/values.yaml", Values())
            .File("/deploy/chart/templates/deployment.yaml", DeploymentTemplate)
            .File(IndexPath, Index(Render(1, status: "failed", error: "execution error at (orders/templates/deployment.yaml:19:47): image.tag is required")))
            .Expect(Expect.Diagnostic("SG2012", DiagnosticSeverity.Warning).WithLocation(0).WithArguments(
                "Helm chart deploy/chart (release prod)",
                "execution error at (orders/templates/deployment.yaml:19:47): image.tag is required"))
            .RunAsync();
    }

    [Fact]
    public async Task A_chart_whose_tool_is_missing_gets_SG2009_naming_the_tool_and_its_property()
    {
        await new ReadabilityVerifier()
            .Source(ReadabilityVerifier.WebApp)
            .File("/deploy/chart/Chart.yaml", ChartYaml)
            .File("/deploy/chart/values.yaml", Values())
            .File("/deploy/chart/templates/deployment.yaml", DeploymentTemplate.Replace("name: {{ .Release.Name }}", "name: {|#0:|}{{ .Release.Name }}"))
            .File(IndexPath, Index(Render(1, status: "missingTool")))
            .Expect(Expect.Diagnostic("SG2009", DiagnosticSeverity.Info).WithLocation(0, DiagnosticLocationOptions.IgnoreLength)
                .WithArguments("deploy/chart", "helm", "ShutdownGuardHelmPath"))
            .RunAsync();
    }

    [Fact]
    public async Task Rendered_output_is_never_a_place_for_SG2001()
    {
        await new ReadabilityVerifier()
            .Source(ReadabilityVerifier.WebApp)
            .File("/deploy/chart/Chart.yaml", ChartYaml)
            .File(OutputPath(1), "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n\tname: broken\n")
            .File(IndexPath, Index(Render(1)))
            .RunAsync();
    }
}
