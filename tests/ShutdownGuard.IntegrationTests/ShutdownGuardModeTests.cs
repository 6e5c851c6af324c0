namespace ShutdownGuard.IntegrationTests;

/// <summary><c>ShutdownGuardMode</c> picks the package's global config: every rule an error, every rule off, or each rule's own severity.</summary>
[Collection(PackageCollection.Name)]
public sealed class ShutdownGuardModeTests(PackageFixture package)
{
    [Theory]
    [InlineData("", "warning")]
    [InlineData("default", "warning")]
    [InlineData("strict", "error")]
    [InlineData("Strict", "error")]
    public async Task Mode_sets_the_severity_of_every_rule(string mode, string budgetSeverity)
    {
        var consumer = WithBudgetWarningAndHelmInfo(mode);

        var build = await consumer.BuildAsync();

        Assert.Equal(budgetSeverity == "error", build.ExitCode != 0);
        Assert.Contains(build.ShutdownGuardDiagnostics, d => d.Id == "SG1003" && d.Severity == budgetSeverity);
        // An Info rule is printed only once strict makes it an error.
        Assert.Equal(budgetSeverity == "error", build.ShutdownGuardDiagnostics.Any(d => d.Id == "SG2009" && d.Severity == "error"));
    }

    [Fact]
    public async Task None_switches_every_rule_off()
    {
        var consumer = WithBudgetWarningAndHelmInfo("none");

        var build = await consumer.BuildAsync("-warnaserror");

        Assert.True(build.ExitCode == 0, build.Output);
        Assert.Empty(build.ShutdownGuardDiagnostics);
    }

    [Fact]
    public async Task The_project_globalconfig_overrides_a_rule_of_the_strict_mode()
    {
        var consumer = WithBudgetWarningAndHelmInfo("strict");
        consumer.WriteFile(".globalconfig", """
            is_global = true
            dotnet_diagnostic.SG1003.severity = warning
            """);

        var build = await consumer.BuildAsync();

        Assert.Contains(build.ShutdownGuardDiagnostics, d => d.Id == "SG1003" && d.Severity == "warning");
        Assert.Contains(build.ShutdownGuardDiagnostics, d => d.Id == "SG2009" && d.Severity == "error");
    }

    [Fact]
    public async Task An_unknown_mode_is_SG0001_and_each_rule_keeps_its_severity()
    {
        var consumer = WithBudgetWarningAndHelmInfo("strictest");

        var build = await consumer.BuildAsync();

        Assert.True(build.ExitCode == 0, build.Output);
        var problem = Assert.Single(build.ShutdownGuardDiagnostics, d => d.Id == "SG0001");
        Assert.StartsWith("ShutdownGuardMode = 'strictest' cannot be used: expected default, strict, none; the default mode applies", problem.Message);
        Assert.Contains(build.ShutdownGuardDiagnostics, d => d.Id == "SG1003" && d.Severity == "warning");
    }

    /// <summary>SG1003 (Warning) in Program.cs and SG2009 (Info) in a Helm template.</summary>
    private ConsumerProject WithBudgetWarningAndHelmInfo(string mode)
    {
        var consumer = ConsumerProject.Create(package, $"""
            <PropertyGroup>
              <ShutdownGuardMode>{mode}</ShutdownGuardMode>
            </PropertyGroup>
            """);
        consumer.WriteFile("k8s/deployment.yaml", Manifests.GracePeriodTooShort);
        consumer.WriteFile("chart/templates/deployment.yaml", Manifests.HelmTemplate);
        return consumer;
    }
}
