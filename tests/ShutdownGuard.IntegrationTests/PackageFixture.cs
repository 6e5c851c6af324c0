using System.Reflection;
using System.Text.RegularExpressions;

namespace ShutdownGuard.IntegrationTests;

/// <summary>
/// Packs ShutdownGuard.Analyzers once per test run into a temporary feed, with a package cache of
/// its own so that restores never pick up an older build of the same version.
/// </summary>
public sealed partial class PackageFixture : IAsyncLifetime
{
    public const string PackageId = "ShutdownGuard.Analyzers";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "shutdownguard-it-" + Guid.NewGuid().ToString("N")[..8]);

    public string FeedDirectory => Path.Combine(_root, "feed");

    public string PackagesDirectory => Path.Combine(_root, "packages");

    public string ConsumersDirectory => Path.Combine(_root, "consumers");

    public string PackagePath { get; private set; } = "";

    public string Version { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(FeedDirectory);
        Directory.CreateDirectory(PackagesDirectory);
        Repository.StopMsBuildSearch(ConsumersDirectory);

        var repositoryRoot = Repository.Root;
        var configuration = typeof(PackageFixture).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var project = Path.Combine(repositoryRoot, "analyzers", "ShutdownGuard.Package", "ShutdownGuard.Package.csproj");
        var result = await DotNet.RunAsync(
            repositoryRoot,
            ["pack", project, "-c", configuration, "-o", FeedDirectory, "-nologo", "-tl:off", "--disable-build-servers"]);
        Assert.True(result.ExitCode == 0, "dotnet pack failed:\n" + result.Output);

        PackagePath = Directory.GetFiles(FeedDirectory, PackageId + ".*.nupkg").Single();
        Version = PackageVersion().Match(Path.GetFileName(PackagePath)).Groups["version"].Value;
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }

    [GeneratedRegex(@"^ShutdownGuard\.Analyzers\.(?<version>\d.*)\.nupkg$")]
    private static partial Regex PackageVersion();
}

[CollectionDefinition(Name)]
public sealed class PackageCollection : ICollectionFixture<PackageFixture>
{
    public const string Name = "Packed ShutdownGuard.Analyzers";
}
