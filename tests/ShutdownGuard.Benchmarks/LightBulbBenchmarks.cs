using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using ShutdownGuard.CodeFixes.Draining;
using ShutdownGuard.Instrumentation;
using ShutdownGuard.Tests.Verification;

namespace ShutdownGuard.Benchmarks;

/// <summary>
/// What the light bulb costs on the large web app: <c>RegisterCodeFixesAsync</c> of the SG1001 and SG1002 fixes, with the
/// compilation already built (as in an editor that has shown the diagnostic). Offering must compute no fixed solution;
/// each benchmark throws if it does, or if it offers other actions than expected: the SG1001 scaffolding, and no gate
/// for <c>/ready</c>, whose checks liveness (<c>/live</c>) runs too (SG2003 says so; a gate would restart the pod).
/// </summary>
[MemoryDiagnoser]
public class LightBulbBenchmarks
{
    private Document _program = null!;
    private Diagnostic _noShutdownReaction = null!;
    private Diagnostic _ungatedReadiness = null!;

    /// <summary>The generated modules' method bodies.</summary>
    [Params(BodyShape.Small, BodyShape.RealShaped)]
    public BodyShape Bodies { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var project = Workspace(new ProjectCompilation(LargeProject.Of(Bodies, webHost: true)));
        var compilation = project.GetCompilationAsync().GetAwaiter().GetResult()!;
        var diagnostics = compilation.WithAnalyzers(ExportedComponents.Analyzers(), project.AnalyzerOptions).GetAllDiagnosticsAsync().GetAwaiter().GetResult();
        ProjectCompilation.Expect(diagnostics, ExpectedDiagnostics.WebApp);
        _noShutdownReaction = diagnostics.Single(diagnostic => diagnostic.Id == "SG1001");
        _ungatedReadiness = diagnostics.Single(diagnostic => diagnostic.Id == "SG1002");
        _program = project.GetDocument(_noShutdownReaction.Location.SourceTree)!;
    }

    [Benchmark]
    public Task ShutdownReaction_SG1001() => OfferAsync(new ShutdownReactionCodeFix(), _noShutdownReaction, expectedActions: 1);

    [Benchmark]
    public Task ReadinessGate_SG1002() => OfferAsync(new ReadinessGateCodeFix(), _ungatedReadiness, expectedActions: 0);

    private async Task OfferAsync(CodeFixProvider fix, Diagnostic diagnostic, int expectedActions)
    {
        var actions = new List<CodeAction>();
        using var work = WorkCounters.Start();
        await fix.RegisterCodeFixesAsync(new CodeFixContext(_program.Project.GetDocument(diagnostic.Location.SourceTree)!, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
        if (actions.Count != expectedActions || work.FixedSolutionsComputed != 0)
        {
            throw new InvalidOperationException($"{diagnostic.Id}: {actions.Count} action(s) offered, {work.FixedSolutionsComputed} fixed solution(s) computed while offering.");
        }
    }

    /// <summary>The generated project as an editor's workspace holds it: its sources, references, additional files and the
    /// build properties the analyzer reads.</summary>
    private static Project Workspace(ProjectCompilation generated)
    {
        var projectId = ProjectId.CreateNewId();
        var compilation = generated.Compilation;
        var solution = new AdhocWorkspace().CurrentSolution.AddProject(ProjectInfo.Create(
            projectId,
            VersionStamp.Default,
            LargeProject.Name,
            LargeProject.Name,
            LanguageNames.CSharp,
            filePath: ProjectCompilation.Root + LargeProject.Name + ".csproj",
            compilationOptions: compilation.Options,
            parseOptions: compilation.SyntaxTrees.First().Options,
            metadataReferences: compilation.References));
        foreach (var tree in compilation.SyntaxTrees)
        {
            solution = solution.AddDocument(DocumentId.CreateNewId(projectId), Path.GetFileName(tree.FilePath), tree.GetText(), filePath: tree.FilePath);
        }

        foreach (var (path, text) in generated.AdditionalFiles)
        {
            solution = solution.AddAdditionalDocument(DocumentId.CreateNewId(projectId), Path.GetFileName(path), SourceText.From(text), filePath: path);
        }

        var globalConfig = $"is_global = true\nbuild_property.MSBuildProjectName = {LargeProject.Name}\nbuild_property.ProjectDir = {ProjectCompilation.Root}\n";
        solution = solution.AddAnalyzerConfigDocument(DocumentId.CreateNewId(projectId), ".globalconfig", SourceText.From(globalConfig), filePath: ProjectCompilation.Root + ".globalconfig");
        return solution.GetProject(projectId)!;
    }
}
