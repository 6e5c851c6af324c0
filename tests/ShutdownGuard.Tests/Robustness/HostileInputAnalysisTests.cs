using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using ShutdownGuard.Tests.Manifests;
using ShutdownGuard.Tests.Verification;
using InMemoryFile = ShutdownGuard.Tests.Verification.Manifests.InMemoryFile;

namespace ShutdownGuard.Tests.Robustness;

/// <summary>Runs alone: it measures what the analysis allocates.</summary>
[CollectionDefinition(nameof(AllocationSensitive), DisableParallelization = true)]
public sealed class AllocationSensitive;

/// <summary>
/// Hostile files through every exported analyzer, as a build gives them: each ends in a clear diagnostic or in
/// silence, never in an exception, and the analysis does not copy a huge file.
/// </summary>
[Collection(nameof(AllocationSensitive))]
public class HostileInputAnalysisTests
{
    private static readonly string App = AnalyzerVerifier<ShutdownGuard.Rules.ProgramAnalyzer>.WebApp;

    /// <summary>A manifest that runs the project: with the default grace period, SG1003 stands at <c>Build()</c>.</summary>
    private static readonly string Deployment = Verification.Manifests.Deployment("orders", "orders-api");

    private const string ShellDockerfile = "FROM mcr.microsoft.com/dotnet/aspnet:8.0\nENTRYPOINT dotnet OrdersApi.dll\n";

    private static Task<FullAnalysis> AnalyzeAsync(params (string Path, string Text)[] files) =>
        FullAnalysis.RunAsync(App, files.Select(file => new InMemoryFile(file.Path, file.Text)));

    [Fact]
    public async Task Alias_bomb_is_SG2001_at_the_alias()
    {
        var analysis = (await AnalyzeAsync(("/k8s/lol.yaml", HostileManifestTests.BillionLaughs()))).AssertNoException();

        Assert.Equal(new[] { "/k8s/lol.yaml:9" }, analysis.Lines("SG2001"));
    }

    /// <summary>Started on a 1 MB stack; the analyzer driver may go on on pool threads (1.5 MB), so the reader's own
    /// stack use is proven on a 1 MB stack by <see cref="HostileManifestTests"/>.</summary>
    [Theory]
    [MemberData(nameof(HostileManifestTests.DeepDocuments), MemberType = typeof(HostileManifestTests))]
    public void Deep_nesting_is_SG2001(string shape, int depth)
    {
        var content = HostileManifestTests.PodHeader + "spec:\n  containers:\n    " + HostileManifestTests.Nested(shape, depth) + "\n";

        var analysis = SmallStack.Run(() => AnalyzeAsync(("/k8s/deep.yaml", content)).GetAwaiter().GetResult()).AssertNoException();

        Assert.Equal(new[] { "/k8s/deep.yaml:7" }, analysis.Lines("SG2001"));
        Assert.Contains("nesting deeper than 64 levels", Assert.Single(analysis.Diagnostics, d => d.Id == "SG2001").GetMessage());
    }

    [Fact]
    public async Task A_50_MB_manifest_is_SG2001_without_being_copied()
    {
        var builder = new StringBuilder(Deployment).Append("        env:\n");
        while (builder.Length < 50_000_000)
        {
            builder.Append("        - name: SETTING\n          value: \"a long enough value to fill fifty megabytes\"\n");
        }

        var file = new InMemoryFile("/k8s/huge.yaml", builder.ToString());
        builder.Clear();
        var before = GC.GetTotalAllocatedBytes(precise: true);

        var analysis = (await FullAnalysis.RunAsync(App, new[] { file })).AssertNoException();

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.Equal(new[] { "/k8s/huge.yaml:1" }, analysis.Lines("SG2001"));
        Assert.Contains("file larger than limit", Assert.Single(analysis.Diagnostics, d => d.Id == "SG2001").GetMessage());
        // The text takes 100 MB; reading its head, checking the rest and placing the diagnostic must not copy it.
        Assert.InRange(allocated, 0, 40_000_000);
    }

    [Fact]
    public async Task Very_long_lines_are_read()
    {
        var longValue = new string('x', 1_000_000);
        var manifest = Deployment + "        env:\n        - name: LONG\n          value: " + longValue + "\n";
        var dockerfile = "FROM mcr.microsoft.com/dotnet/aspnet:8.0\nRUN echo " + longValue + "\nENTRYPOINT dotnet OrdersApi.dll\n";

        var analysis = (await AnalyzeAsync(("/k8s/app.yaml", manifest), ("/Dockerfile", dockerfile))).AssertNoException();

        Assert.Empty(analysis.Lines("SG2001"));
        Assert.Equal(new[] { "/Program.cs:2" }, analysis.Lines("SG1003"));
        Assert.Equal(new[] { "/Dockerfile:3" }, analysis.Lines("SG3001"));
    }

    /// <summary>YamlDotNet stops at a NUL as at the end of the text: what follows would be lost without a word.</summary>
    [Theory]
    [InlineData("orders-api:1.0", 10)]
    [InlineData("spec:", 5)]
    public async Task A_NUL_byte_makes_a_manifest_SG2001_and_leaves_a_Dockerfile_readable(string after, int line)
    {
        var manifest = Deployment.Replace(after, after + "\0", StringComparison.Ordinal);
        var dockerfile = ShellDockerfile.Replace("OrdersApi.dll", "Orders\0Api.dll", StringComparison.Ordinal);

        var analysis = (await AnalyzeAsync(("/k8s/app.yaml", manifest), ("/Dockerfile", dockerfile))).AssertNoException();

        Assert.Equal(new[] { "/k8s/app.yaml:" + line }, analysis.Lines("SG2001"));
        Assert.Contains("NUL character", Assert.Single(analysis.Diagnostics, d => d.Id == "SG2001").GetMessage());
        Assert.Empty(analysis.Lines("SG1003"));
        Assert.Equal(new[] { "/Dockerfile:2" }, analysis.Lines("SG3001"));
    }

    public static TheoryData<string> Encodings() => new() { "utf-16", "utf-16BE", "utf-8" };

    [Theory]
    [MemberData(nameof(Encodings))]
    public async Task Files_in_UTF16_or_UTF8_with_a_byte_order_mark_read_alike(string encodingName)
    {
        var encoding = Encoding.GetEncoding(encodingName);
        AdditionalText Encoded(string path, string text)
        {
            var bytes = encoding.GetPreamble().Concat(encoding.GetBytes(text)).ToArray();
            return new InMemoryFile(path, SourceText.From(bytes, bytes.Length, encoding: null, checksumAlgorithm: SourceHashAlgorithm.Sha256, throwIfBinaryDetected: false, canBeEmbedded: false));
        }

        var analysis = (await FullAnalysis.RunAsync(App, new[] { Encoded("/k8s/app.yaml", Deployment), Encoded("/Dockerfile", ShellDockerfile) })).AssertNoException();

        Assert.Empty(analysis.Lines("SG2001"));
        Assert.Equal(new[] { "/Program.cs:2" }, analysis.Lines("SG1003"));
        Assert.Equal(new[] { "/Dockerfile:2" }, analysis.Lines("SG3001"));
    }

    [Fact]
    public async Task A_5000_line_Dockerfile_is_read_to_its_last_line()
    {
        var dockerfile = new StringBuilder("FROM mcr.microsoft.com/dotnet/aspnet:8.0\n");
        for (var line = 2; line < 5_000; line++)
        {
            dockerfile.Append(line % 2 == 0 ? "RUN echo step " + line + " \\\n" : "    && true\n");
        }

        dockerfile.Append("ENTRYPOINT dotnet OrdersApi.dll\n");

        var analysis = (await AnalyzeAsync(("/Dockerfile", dockerfile.ToString()))).AssertNoException();

        Assert.Equal(new[] { "/Dockerfile:5000" }, analysis.Lines("SG3001"));
    }
}
