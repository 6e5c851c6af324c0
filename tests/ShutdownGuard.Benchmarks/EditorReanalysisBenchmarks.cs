using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using ShutdownGuard.Instrumentation;
using ShutdownGuard.Tests.Verification;

namespace ShutdownGuard.Benchmarks;

/// <summary>
/// The editor's case: one C# file changed, the manifests unchanged. The re-analysis must not parse a manifest again
/// (the texts are the same, so the per-text cache answers); its cost is compared with the first analysis of the same
/// compilation, whose manifest texts are new and so parsed.
/// </summary>
[MemoryDiagnoser]
public class EditorReanalysisBenchmarks
{
    private static readonly ImmutableArray<DiagnosticAnalyzer> ShutdownGuard = ExportedComponents.Analyzers();

    private ProjectCompilation _project = null!;
    private ImmutableArray<AdditionalText> _openTexts;
    private Compilation _compilation = null!;
    private AnalyzerOptions _options = null!;

    [GlobalSetup]
    public void Setup()
    {
        _project = new ProjectCompilation(LargeProject.WebApp);
        _openTexts = _project.NewAdditionalTexts();
        ProjectCompilation.Expect(
            ProjectCompilation.AnalyzeAsync(_project.Compilation.Clone(), ShutdownGuard, ProjectCompilation.Options(_openTexts)).GetAwaiter().GetResult(),
            ExpectedDiagnostics.WebApp);
    }

    /// <summary>The edited compilation with new texts: their models are not cached, so the manifest is parsed.</summary>
    [IterationSetup(Target = nameof(FirstAnalysis))]
    public void EditOneFileWithNewTexts() => EditOneFile(_project.NewAdditionalTexts());

    /// <summary>The edited compilation with the texts the editor already had open: their models are cached.</summary>
    [IterationSetup(Target = nameof(AfterCSharpEdit))]
    public void EditOneFileWithOpenTexts() => EditOneFile(_openTexts);

    private void EditOneFile(ImmutableArray<AdditionalText> texts)
    {
        var tree = _project.Compilation.SyntaxTrees.First(tree => tree.FilePath.EndsWith("Module0500.cs", StringComparison.Ordinal));
        var text = tree.GetText();
        var at = text.ToString().LastIndexOf('}');
        var edited = tree.WithChangedText(text.WithChanges(new TextChange(new TextSpan(at, 0), "    public int Twice(int value) => value * 2;\n")));
        _compilation = _project.Compilation.ReplaceSyntaxTree(tree, edited);
        _options = ProjectCompilation.Options(texts);
    }

    [Benchmark(Baseline = true)]
    public async Task FirstAnalysis()
    {
        using var work = WorkCounters.Start();
        ProjectCompilation.Expect(await ProjectCompilation.AnalyzeAsync(_compilation, ShutdownGuard, _options), ExpectedDiagnostics.WebApp);
        if (work.AdditionalFilesRead == 0)
        {
            throw new InvalidOperationException("The first analysis read no additional file: it measures nothing the edit saves.");
        }
    }

    [Benchmark]
    public async Task AfterCSharpEdit()
    {
        using var work = WorkCounters.Start();
        ProjectCompilation.Expect(await ProjectCompilation.AnalyzeAsync(_compilation, ShutdownGuard, _options), ExpectedDiagnostics.WebApp);
        if (work.AdditionalFilesRead != 0)
        {
            throw new InvalidOperationException($"A C# edit read {work.AdditionalFilesRead} additional file(s) again.");
        }
    }
}
