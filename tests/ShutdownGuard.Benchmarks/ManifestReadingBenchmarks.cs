using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis.Text;
using ShutdownGuard.Manifests;
using YamlDotNet.Core;

namespace ShutdownGuard.Benchmarks;

/// <summary>Reading the 20,000-line manifest: ShutdownGuard's model over YamlDotNet's own event parse of the same text.</summary>
[MemoryDiagnoser]
public class ManifestReadingBenchmarks
{
    private string _text = null!;
    private SourceText _sourceText = null!;

    [GlobalSetup]
    public void Setup()
    {
        _text = LargeProject.WebApp.AdditionalFiles().Single(file => file.Path == LargeProject.ManifestPath).Text;
        _sourceText = SourceText.From(_text);
    }

    [Benchmark(Baseline = true)]
    public int YamlDotNetEvents()
    {
        var parser = new Parser(new StringReader(_text));
        var events = 0;
        while (parser.MoveNext())
        {
            events++;
        }

        return events;
    }

    [Benchmark]
    public int ManifestModel()
    {
        var file = ManifestReader.Read(_sourceText, isKustomizationFile: false, CancellationToken.None);
        if (file.Problem is not null || file.Workloads.Length != LargeProject.WebApp.WorkloadCount || file.Services.Length != LargeProject.WebApp.WorkloadCount)
        {
            throw new InvalidOperationException("The manifest was not read completely.");
        }

        return file.Workloads.Length;
    }
}
