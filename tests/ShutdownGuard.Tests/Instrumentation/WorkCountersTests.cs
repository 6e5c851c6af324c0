using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using ShutdownGuard.CodeFixes.Budget;
using ShutdownGuard.CodeFixes.Draining;
using ShutdownGuard.Instrumentation;
using ShutdownGuard.Rules;
using ShutdownGuard.Rules.Budget;
using ShutdownGuard.Tests.Verification;

namespace ShutdownGuard.Tests.Instrumentation;

public class WorkCountersTests
{
    [Fact]
    public async Task Each_flow_counts_only_its_own_reads()
    {
        static Task<int> ReadAsync(int files) => Task.Run(() =>
        {
            using var work = WorkCounters.Start();
            Verification.Manifests.Set(Enumerable.Range(0, files).Select(i => ($"/k8s/{i}.yaml", "a: 1")).ToArray());
            return work.AdditionalFilesRead;
        });

        using var outer = WorkCounters.Start();
        var counts = await Task.WhenAll(ReadAsync(1), ReadAsync(2), ReadAsync(3));

        Assert.Equal(new[] { 1, 2, 3 }, counts);
        Assert.Equal(0, outer.AdditionalFilesRead);
    }

    [Fact]
    public async Task A_CSharp_edit_reads_no_rendered_chart_again_even_where_a_finding_is_traced_to_it()
    {
        const string Program = "var app = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder(args).Build();\napp.Run();\n";
        var files = new (string Path, SourceText Text)[]
        {
            ("/deploy/chart/Chart.yaml", SourceText.From(Rendering.HelmCharts.ChartYaml)),
            ("/deploy/chart/values.yaml", SourceText.From(Rendering.HelmCharts.Values())),
            ("/deploy/values-prod.yaml", SourceText.From(Rendering.HelmCharts.ProdValues())),
            ("/deploy/chart/templates/deployment.yaml", SourceText.From(Rendering.HelmCharts.DeploymentTemplate)),
            (Rendering.HelmCharts.OutputPath(1), SourceText.From(Rendering.HelmCharts.Rendered())),
            (Rendering.HelmCharts.IndexPath, SourceText.From(Rendering.HelmCharts.Index(Rendering.HelmCharts.Render(1)))),
        };
        var project = await WorkspaceProject.CreateAsync([("/Program.cs", SourceText.From(Program))], files, "is_global = true\nbuild_property.ProjectDir = /\n");
        var first = await FullAnalysis.RunAsync(project);
        Assert.Contains(first.Diagnostics, diagnostic => diagnostic.Id == "SG1003" && diagnostic.AdditionalLocations.Any(location => location.GetLineSpan().Path == "/deploy/values-prod.yaml"));

        var document = project.Documents.Single();
        var edited = document.WithText(SourceText.From(Program + "// edited\n")).Project;
        using var work = WorkCounters.Start();
        var second = await FullAnalysis.RunAsync(edited);

        Assert.Equal(0, work.AdditionalFilesRead);
        Assert.Equal(first.Diagnostics.Select(diagnostic => diagnostic.GetMessage()), second.Diagnostics.Select(diagnostic => diagnostic.GetMessage()));
    }

    [Fact]
    public async Task The_grace_period_fix_computes_its_solution_when_applied_not_when_offered()
    {
        const string Manifest = "spec:\n  terminationGracePeriodSeconds: 30\n";
        var projectId = ProjectId.CreateNewId();
        var documentId = DocumentId.CreateNewId(projectId);
        var solution = new AdhocWorkspace().CurrentSolution
            .AddProject(projectId, "Orders", "Orders", LanguageNames.CSharp)
            .AddDocument(documentId, "Program.cs", "class Program { }")
            .AddAdditionalDocument(DocumentId.CreateNewId(projectId), "deployment.yaml", SourceText.From(Manifest), filePath: "/k8s/deployment.yaml");
        var properties = TextEditProperties.Create(new TextChange(new TextSpan(Manifest.IndexOf("30", StringComparison.Ordinal), 2), "35"))
            .Add(ShutdownBudgetProperties.ManifestPath, "/k8s/deployment.yaml")
            .Add(ShutdownBudgetProperties.FittingGracePeriod, "35");
        var diagnostic = Diagnostic.Create(Descriptors.ShutdownBudget, Location.None, properties, "35 s", "30 s");
        var actions = new List<CodeAction>();

        using var work = WorkCounters.Start();
        await new ShutdownBudgetCodeFix().RegisterCodeFixesAsync(
            new CodeFixContext(solution.GetDocument(documentId)!, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
        var offered = work.FixedSolutionsComputed;
        await Assert.Single(actions).GetOperationsAsync(CancellationToken.None);

        Assert.Equal(0, offered);
        Assert.Equal(1, work.FixedSolutionsComputed);
    }

    [Theory]
    [InlineData("SG1001")]
    [InlineData("SG1002")]
    public async Task The_draining_fixes_compute_their_solution_when_applied_not_when_offered(string id)
    {
        const string Program = """
            using Microsoft.AspNetCore.Builder;

            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.MapGet("/ready", () => "ready");
            app.Run();
            """;
        var project = await WorkspaceProject.CreateAsync(
            [("/Program.cs", SourceText.From(Program))], [], "is_global = true\nbuild_property.ProjectDir = /\n");
        var diagnostic = Assert.Single((await FullAnalysis.RunAsync(project)).Diagnostics, d => d.Id == id);
        CodeFixProvider fix = id == "SG1001" ? new ShutdownReactionCodeFix() : new ReadinessGateCodeFix();
        var actions = new List<CodeAction>();

        using var work = WorkCounters.Start();
        await fix.RegisterCodeFixesAsync(
            new CodeFixContext(project.GetDocument(diagnostic.Location.SourceTree)!, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
        var offered = work.FixedSolutionsComputed;
        await Assert.Single(actions).GetOperationsAsync(CancellationToken.None);

        Assert.Equal(0, offered);
        Assert.Equal(1, work.FixedSolutionsComputed);
    }
}
