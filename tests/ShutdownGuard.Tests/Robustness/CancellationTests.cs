using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using ShutdownGuard.Tests.Verification;

namespace ShutdownGuard.Tests.Robustness;

/// <summary>A cancelled analysis (the user typed again) stops instead of reading the rest of the manifests.</summary>
public class CancellationTests
{
    private const int Manifests = 40;
    private const int CancelAfter = 5;

    private static readonly string App = AnalyzerVerifier<ShutdownGuard.Rules.ProgramAnalyzer>.WebApp;

    [Fact]
    public async Task Cancelled_mid_run_the_analysis_throws_and_reads_no_further()
    {
        using var cancellation = new CancellationTokenSource();
        var reads = 0;
        var files = CountedManifests(() =>
        {
            if (Interlocked.Increment(ref reads) == CancelAfter)
            {
                cancellation.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => FullAnalysis.RunAsync(App, files, concurrent: false, cancellation.Token));

        Assert.Equal(CancelAfter, reads);
    }

    [Fact]
    public async Task Not_cancelled_the_analysis_reads_every_manifest()
    {
        var reads = 0;

        (await FullAnalysis.RunAsync(App, CountedManifests(() => Interlocked.Increment(ref reads)), concurrent: false)).AssertNoException();

        Assert.True(reads >= Manifests, $"{reads} reads");
    }

    private static IEnumerable<AdditionalText> CountedManifests(Action onRead) => Enumerable.Range(0, Manifests)
        .Select(i => new CountedFile($"/k8s/m{i:00}.yaml", Verification.Manifests.Deployment("orders-" + i, "orders-api"), onRead))
        .ToArray();

    private sealed class CountedFile(string path, string text, Action onRead) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text);

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default)
        {
            onRead();
            return _text;
        }
    }
}
