using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using ShutdownGuard.Tests.Verification;

namespace ShutdownGuard.Benchmarks;

/// <summary>
/// What ShutdownGuard adds to a build: the compiler's diagnostics plus every exported ShutdownGuard analyzer, over
/// the same diagnostics with an empty analyzer (the baseline). Each invocation analyses a fresh clone of the
/// compilation with fresh additional texts, so nothing is cached from the previous one.
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class AnalyzerOverheadBenchmarks
{
    private static readonly ImmutableArray<DiagnosticAnalyzer> Baseline = ImmutableArray.Create<DiagnosticAnalyzer>(new EmptyAnalyzer(withOperationAction: false));
    private static readonly ImmutableArray<DiagnosticAnalyzer> OperationTrees = ImmutableArray.Create<DiagnosticAnalyzer>(new EmptyAnalyzer(withOperationAction: true));
    private static readonly ImmutableArray<DiagnosticAnalyzer> ShutdownGuard = ExportedComponents.Analyzers();

    private ProjectCompilation _library = null!;
    private ProjectCompilation _webApp = null!;
    private Compilation _compilation = null!;
    private AnalyzerOptions _options = null!;

    /// <summary>The generated modules' method bodies: the small ones, or ten real-shaped async methods a file.</summary>
    [Params(BodyShape.Small, BodyShape.RealShaped)]
    public BodyShape Bodies { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _library = new ProjectCompilation(LargeProject.Of(Bodies, webHost: false));
        _webApp = new ProjectCompilation(LargeProject.Of(Bodies, webHost: true));
    }

    [IterationSetup(Targets = new[] { nameof(Library_Baseline), nameof(Library_ShutdownGuard) })]
    public void FreshLibrary() => Fresh(_library);

    [IterationSetup(Targets = new[] { nameof(WebApp_Baseline), nameof(WebApp_OperationTrees), nameof(WebApp_ShutdownGuard) })]
    public void FreshWebApp() => Fresh(_webApp);

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Library")]
    public async Task Library_Baseline() => ProjectCompilation.Expect(await ProjectCompilation.AnalyzeAsync(_compilation, Baseline, _options), ExpectedDiagnostics.None);

    [Benchmark]
    [BenchmarkCategory("Library")]
    public async Task Library_ShutdownGuard() => ProjectCompilation.Expect(await ProjectCompilation.AnalyzeAsync(_compilation, ShutdownGuard, _options), ExpectedDiagnostics.None);

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("WebApp")]
    public async Task WebApp_Baseline() => ProjectCompilation.Expect(await ProjectCompilation.AnalyzeAsync(_compilation, Baseline, _options), ExpectedDiagnostics.None);

    /// <summary>What any analyzer with operation actions costs before its callbacks do anything: Roslyn builds the
    /// operation trees. A build with the SDK's analyzers on pays it already.</summary>
    [Benchmark]
    [BenchmarkCategory("WebApp")]
    public async Task WebApp_OperationTrees() => ProjectCompilation.Expect(await ProjectCompilation.AnalyzeAsync(_compilation, OperationTrees, _options), ExpectedDiagnostics.None);

    [Benchmark]
    [BenchmarkCategory("WebApp")]
    public async Task WebApp_ShutdownGuard() => ProjectCompilation.Expect(await ProjectCompilation.AnalyzeAsync(_compilation, ShutdownGuard, _options), ExpectedDiagnostics.WebApp);

    private void Fresh(ProjectCompilation project)
    {
        _compilation = project.Compilation.Clone();
        _options = ProjectCompilation.Options(project.NewAdditionalTexts());
    }
}
