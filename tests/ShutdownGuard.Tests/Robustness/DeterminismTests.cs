using Microsoft.CodeAnalysis;
using ShutdownGuard.Tests.Verification;
using InMemoryFile = ShutdownGuard.Tests.Verification.Manifests.InMemoryFile;

namespace ShutdownGuard.Tests.Robustness;

/// <summary>The same project gives the same diagnostics, in the same order, however the analysis is scheduled.</summary>
public class DeterminismTests
{
    private const string App = """
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder(args);
        var app = builder.Build();
        app.Run();
        """;

    private static readonly (string Path, string Text)[] Files =
    {
        ("/k8s/a.yaml", Verification.Manifests.Deployment("orders-blue", "orders-api").Replace("    spec:\n", "    spec:\n      terminationGracePeriodSeconds: 20\n", StringComparison.Ordinal)),
        ("/k8s/b.yaml", Verification.Manifests.Deployment("orders-green", "orders-api").Replace("    spec:\n", "    spec:\n      terminationGracePeriodSeconds: 25\n", StringComparison.Ordinal)),
        ("/k8s/broken.yaml", "apiVersion: v1\nkind: Pod\nspec: [\n"),
        ("/k8s/chart.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n"),
        ("/Dockerfile", "FROM mcr.microsoft.com/dotnet/aspnet:8.0\nENTRYPOINT dotnet OrdersApi.dll\n"),
        ("/deploy/Dockerfile.dev", "FROM mcr.microsoft.com/dotnet/aspnet:8.0\nCMD dotnet OrdersApi.dll\n"),
    };

    [Fact]
    public async Task Repeated_concurrent_runs_with_files_in_any_order_report_alike()
    {
        var random = new Random(7);
        var first = await DescribeAsync(Files);
        Assert.Equal(
            new[] { "SG0001", "SG1001", "SG1003", "SG1003", "SG2001", "SG2009", "SG3001", "SG3001" },
            first.Select(line => line.Split(' ')[0]).Order(StringComparer.Ordinal));

        for (var run = 0; run < 8; run++)
        {
            var shuffled = Files.OrderBy(_ => random.Next()).ToArray();
            Assert.Equal(first, await DescribeAsync(shuffled));
        }
    }

    /// <summary>Fresh texts each run, so the models are read again rather than taken from the cache.</summary>
    private static async Task<IReadOnlyList<string>> DescribeAsync((string Path, string Text)[] files)
    {
        var analysis = await FullAnalysis.RunAsync(
            App,
            files.Select(file => (AdditionalText)new InMemoryFile(file.Path, new string(file.Text.AsSpan()))),
            concurrent: true,
            CancellationToken.None,
            ("shutdown_guard.safety_margin_seconds", "plenty"));
        return analysis.AssertNoException().Described();
    }
}
