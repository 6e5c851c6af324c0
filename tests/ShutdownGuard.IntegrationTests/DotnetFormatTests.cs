namespace ShutdownGuard.IntegrationTests;

/// <summary>`dotnet format analyzers --diagnostics …` applies ShutdownGuard's fixes anchored in C#, as a CI job or a developer would.</summary>
[Collection(PackageCollection.Name)]
public sealed class DotnetFormatTests(PackageFixture package)
{
    /// <summary>The rules whose first code action dotnet format applies to samples/BrokenApp; add an ID here when its fix lands.</summary>
    private static readonly string[] FixedInCSharp = ["SG1001", "SG1002", "SG1003"];

    [Fact]
    public async Task Dotnet_format_fixes_the_broken_sample_so_that_it_builds_without_those_diagnostics()
    {
        var consumer = ConsumerProject.Create(package);
        consumer.CopySample("BrokenApp");
        var before = await consumer.BuildAsync();
        Assert.All(FixedInCSharp, id => Assert.Contains(before.ShutdownGuardDiagnostics, d => d.Id == id));
        var programBefore = consumer.ReadFile("Program.cs");
        var dockerfileBefore = consumer.ReadFile("Dockerfile");

        var format = await consumer.DotNetAsync(["format", "analyzers", "--no-restore", "--verbosity", "diagnostic", "--diagnostics", .. FixedInCSharp]);

        Assert.True(format.ExitCode == 0, format.Output);
        Assert.NotEqual(programBefore, consumer.ReadFile("Program.cs"));
        var after = await consumer.BuildAsync();
        Assert.True(after.ExitCode == 0, after.Output);
        Assert.DoesNotContain(after.ShutdownGuardDiagnostics, d => FixedInCSharp.Contains(d.Id));
        // dotnet format offers fixes for source documents only: SG3001's fix, in the Dockerfile, is left to the IDE.
        Assert.Equal(dockerfileBefore, consumer.ReadFile("Dockerfile"));
        Assert.Contains(after.ShutdownGuardDiagnostics, d => d.Id == "SG3001");
    }
}
