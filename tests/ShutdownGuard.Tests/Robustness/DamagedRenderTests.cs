using ShutdownGuard.Tests.Rendering;
using ShutdownGuard.Tests.Verification;
using InMemoryFile = ShutdownGuard.Tests.Verification.Manifests.InMemoryFile;

namespace ShutdownGuard.Tests.Robustness;

/// <summary>
/// A rendered chart whose files are half-written (a template or values file being edited, a render index or output cut
/// short), through every exported analyzer: silence or a clear diagnostic, never an exception, and never a finding in
/// the rendered output.
/// </summary>
public class DamagedRenderTests
{
    private static readonly string App = AnalyzerVerifier<ShutdownGuard.Rules.ProgramAnalyzer>.WebApp;

    private static readonly (string Path, string Text)[] Chart =
    [
        ("/deploy/chart/Chart.yaml", HelmCharts.ChartYaml),
        ("/deploy/chart/values.yaml", HelmCharts.Values()),
        ("/deploy/values-prod.yaml", HelmCharts.ProdValues()),
        ("/deploy/chart/templates/deployment.yaml", HelmCharts.DeploymentTemplate),
        (HelmCharts.OutputPath(1), HelmCharts.Rendered()),
        (HelmCharts.IndexPath, HelmCharts.Index(HelmCharts.Render(1))),
    ];

    public static TheoryData<string> Files() => new(Chart.Select(file => file.Path));

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Every_prefix_of_a_chart_file_throws_nothing_and_reports_nothing_in_rendered_output(string damaged)
    {
        var text = Chart.Single(file => file.Path == damaged).Text;
        for (var length = 0; length < text.Length; length += Math.Max(1, text.Length / 40))
        {
            var files = Chart.Select(file => new InMemoryFile(file.Path, file.Path == damaged ? text[..length] : file.Text));

            var analysis = (await FullAnalysis.RunAsync(App, files)).AssertNoException();

            Assert.DoesNotContain(
                analysis.Diagnostics.SelectMany(diagnostic => diagnostic.AdditionalLocations.Prepend(diagnostic.Location)),
                location => location.GetLineSpan().Path.StartsWith("/obj/", StringComparison.Ordinal));
        }
    }
}
