using System.Text.Json;
using System.Text.RegularExpressions;

namespace ShutdownGuard.IntegrationTests;

/// <summary>A diagnostic of the build output; Line and Column are 0 for one without a location.</summary>
public sealed record BuildDiagnostic(string Id, string Severity, string Path, int Line, int Column, string Message);

public sealed partial record BuildResult(int ExitCode, string Output)
{
    /// <summary>Each diagnostic once, as the build reported it; the closing summary that repeats them is left out.</summary>
    public IReadOnlyList<BuildDiagnostic> Diagnostics { get; } = DiagnosticLine().Matches(Summary().Split(Output, 2)[0])
        .Select(m => new BuildDiagnostic(
            m.Groups["id"].Value,
            m.Groups["severity"].Value,
            m.Groups["path"].Value.Trim(),
            m.Groups["line"].Success ? int.Parse(m.Groups["line"].Value) : 0,
            m.Groups["column"].Success ? int.Parse(m.Groups["column"].Value) : 0,
            m.Groups["message"].Value))
        .ToList();

    public IEnumerable<BuildDiagnostic> ShutdownGuardDiagnostics => Diagnostics.Where(d => d.Id.StartsWith("SG", StringComparison.Ordinal));

    // MSBuild's console format: path(line,column): warning ID: message [project]; without a location
    // (project-wide diagnostics such as SG0001) the compiler stands in for the path: CSC : warning ID: message
    [GeneratedRegex(@"^(?<path>[^\r\n]+?)(?:\((?<line>\d+),(?<column>\d+)(?:,\d+,\d+)?\))? ?: (?<severity>warning|error) (?<id>[A-Z]+\d+): (?<message>[^\r\n]*?)(?: \[[^\]\r\n]+\])?\r?$", RegexOptions.Multiline)]
    private static partial Regex DiagnosticLine();

    // `dotnet build` always prints this summary, whatever -clp:NoSummary says.
    [GeneratedRegex(@"^Build (?:succeeded|FAILED)\.\r?$", RegexOptions.Multiline)]
    private static partial Regex Summary();
}

/// <summary>A web app in its own folder that references the packed ShutdownGuard.Analyzers.</summary>
public sealed class ConsumerProject
{
    public const string AssemblyName = "Orders.Api";

    // A correctly draining app: ShutdownTimeout 50 s, readiness fails once stopping starts.
    private const string Program = """
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(50));
        var app = builder.Build();
        var stopping = app.Lifetime.ApplicationStopping;

        app.MapGet("/ready", () => stopping.IsCancellationRequested ? Results.StatusCode(503) : Results.Ok("ready"));
        app.MapGet("/live", () => "live");
        app.MapGet("/orders", () => new[] { 1, 2, 3 });

        app.Run();
        """;

    private ConsumerProject(PackageFixture package, string directory)
    {
        Directory = directory;
        Environment = new() { ["NUGET_PACKAGES"] = package.PackagesDirectory };
    }

    public string Directory { get; }

    /// <param name="projectElements">MSBuild XML added inside the project element, e.g. a PropertyGroup.</param>
    public static ConsumerProject Create(PackageFixture package, string projectElements = "")
    {
        // One level down, so that a test can place manifests beside the project, as in ../deploy/k8s.
        var directory = Path.Combine(package.ConsumersDirectory, Guid.NewGuid().ToString("N")[..8], "app");
        var consumer = new ConsumerProject(package, directory);
        consumer.WriteFile(AssemblyName + ".csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="{PackageFixture.PackageId}" Version="{package.Version}" PrivateAssets="all" />
              </ItemGroup>
            {projectElements}
            </Project>
            """);
        consumer.WriteFile("Program.cs", Program);
        // The packed feed serves ShutdownGuard only; everything else comes from nuget.org.
        consumer.WriteFile("nuget.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="shutdownguard" value="{package.FeedDirectory}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="shutdownguard">
                  <package pattern="ShutdownGuard.*" />
                </packageSource>
                <packageSource key="nuget.org">
                  <package pattern="*" />
                </packageSource>
              </packageSourceMapping>
            </configuration>
            """);
        return consumer;
    }

    /// <summary>What every dotnet command of the consumer runs with: the fixture's package cache, and what a test adds (PATH).</summary>
    public Dictionary<string, string> Environment { get; }

    /// <summary>Takes the code, manifests and Dockerfile of a sample in this repository; the project file stays the consumer's.</summary>
    public void CopySample(string sampleName)
    {
        var sample = Path.Combine(Repository.Root, "samples", sampleName);
        foreach (var file in System.IO.Directory.EnumerateFiles(sample, "*", SearchOption.AllDirectories))
        {
            var relativePath = Path.GetRelativePath(sample, file);
            var topFolder = relativePath.Split(Path.DirectorySeparatorChar)[0];
            if (topFolder is not ("bin" or "obj") && Path.GetExtension(file) != ".csproj")
            {
                WriteFile(relativePath, File.ReadAllText(file));
            }
        }
    }

    public string ReadFile(string relativePath) => File.ReadAllText(PathOf(relativePath));

    public string PathOf(string relativePath) => Path.GetFullPath(Path.Combine(Directory, relativePath));

    public void WriteFile(string relativePath, string text)
    {
        var path = PathOf(relativePath);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    public async Task<BuildResult> BuildAsync(params string[] arguments)
    {
        var result = await DotNetAsync(["build", "-nologo", "-tl:off", "--disable-build-servers", .. arguments]);
        var build = new BuildResult(result.ExitCode, result.Output);

        // Every build also shows that the analyzer loads with YamlDotNet beside it (CS8032) and never throws (AD0001).
        Assert.DoesNotContain("AD0001", build.Output);
        Assert.DoesNotContain("CS8032", build.Output);
        return build;
    }

    /// <summary>The full paths of the AdditionalFiles the compiler is given, after the package's targets ran.</summary>
    public async Task<IReadOnlyList<string>> AdditionalFilesAsync()
    {
        var result = await DotNetAsync(
            ["msbuild", "-restore", "-nologo", "-tl:off", "-nodeReuse:false", "-t:ShutdownGuardAddAdditionalFiles", "-getItem:AdditionalFiles"]);
        Assert.True(result.ExitCode == 0, result.Output);
        // With -getItem, standard output is only the JSON document; restore's messages go elsewhere.
        using var json = JsonDocument.Parse(result.Output[result.Output.IndexOf('{')..]);
        return json.RootElement.GetProperty("Items").GetProperty("AdditionalFiles").EnumerateArray()
            .Select(item => item.GetProperty("FullPath").GetString()!)
            .ToList();
    }

    /// <summary>Runs a dotnet command in the project's folder.</summary>
    public Task<ProcessResult> DotNetAsync(IEnumerable<string> arguments) => DotNet.RunAsync(Directory, arguments, Environment);
}
