namespace ShutdownGuard.IntegrationTests;

/// <summary>
/// The README's first command: the samples built from the repository, as a user on a fresh clone builds them. In the
/// package collection, so that no other build of the analyzer projects runs at the same time.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class SampleBuildTests
{
    [Fact]
    public async Task BrokenApp_shows_warnings_in_CSharp_YAML_and_the_Dockerfile()
    {
        var build = await BuildAsync("BrokenApp");

        Assert.True(build.ExitCode == 0, build.Output);
        var found = build.ShutdownGuardDiagnostics.Select(d => (d.Id, File: Path.GetFileName(d.Path))).Distinct().Order().ToList();
        Assert.Equal(
            new[] { ("SG1001", "Program.cs"), ("SG1002", "Program.cs"), ("SG1003", "Program.cs"), ("SG2004", "deployment.yaml"), ("SG3001", "Dockerfile") },
            found);
    }

    [Rendering.RenderToolsFact]
    public async Task ChartApp_shows_the_findings_of_its_rendered_chart_in_the_chart_s_files()
    {
        var build = await BuildAsync("ChartApp", $"-p:ShutdownGuardHelmPath={Rendering.RenderTools.Helm}");

        Assert.True(build.ExitCode == 0, build.Output);
        var found = build.ShutdownGuardDiagnostics
            .Select(d => (d.Id, File: Path.GetRelativePath(Path.Combine(Repository.Root, "samples", "ChartApp"), d.Path).Replace('\\', '/')))
            .Distinct().Order().ToList();
        Assert.Equal(
            new[]
            {
                ("SG1001", "Program.cs"), ("SG1002", "Program.cs"), ("SG1003", "Program.cs"),
                ("SG2003", "deploy/chart/templates/deployment.yaml"), ("SG2004", "deploy/chart/templates/deployment.yaml"),
                ("SG2011", "deploy/chart/templates/service.yaml"), ("SG2011", "deploy/chart/values.yaml"),
            },
            found);
    }

    [Fact]
    public async Task FixedApp_builds_clean_with_warnaserror()
    {
        var build = await BuildAsync("FixedApp", "-warnaserror");

        Assert.True(build.ExitCode == 0, build.Output);
        Assert.Empty(build.ShutdownGuardDiagnostics);
    }

    private static async Task<BuildResult> BuildAsync(string sample, params string[] arguments)
    {
        var result = await DotNet.RunAsync(
            Repository.Root,
            new[] { "build", Path.Combine("samples", sample), "--no-incremental", "-nologo", "--disable-build-servers" }.Concat(arguments));
        return new BuildResult(result.ExitCode, result.Output);
    }
}
