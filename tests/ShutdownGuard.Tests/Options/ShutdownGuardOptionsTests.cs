using Microsoft.CodeAnalysis;
using ShutdownGuard.Options;
using ShutdownGuard.Rules.Configuration;
using ShutdownGuard.Tests.Verification;

namespace ShutdownGuard.Tests.Options;

public class ShutdownGuardOptionsTests
{
    [Fact]
    public void Defaults_apply_when_nothing_is_set()
    {
        var options = ShutdownGuardOptions.Read(new DictionaryOptions());

        Assert.Equal(5, options.SafetyMarginSeconds);
        Assert.Equal(new[] { "/ready", "/readyz", "/readiness", "/health/ready", "/healthz/ready" }, options.ReadinessPaths);
        Assert.Equal(new[] { "/live", "/livez", "/alive", "/liveness", "/health/live", "/healthz/live" }, options.LivenessPaths);
        Assert.Null(options.TerminationGracePeriodSeconds);
        Assert.Null(options.PreStopDelaySeconds);
        Assert.Null(options.KubernetesVersion);
        Assert.True(options.SleepActionAvailable);
        Assert.Null(options.Workload);
        Assert.Empty(options.Problems);
    }

    [Fact]
    public void Every_option_is_read_from_its_globalconfig_key()
    {
        var options = ShutdownGuardOptions.Read(new DictionaryOptions(
            ("shutdown_guard.safety_margin_seconds", "3"),
            ("shutdown_guard.readiness_paths", "/healthz/ready, /ready"),
            ("shutdown_guard.liveness_paths", "/healthz/live"),
            ("shutdown_guard.termination_grace_period_seconds", "60"),
            ("shutdown_guard.prestop_delay_seconds", "5"),
            ("shutdown_guard.kubernetes_version", "1.29"),
            ("shutdown_guard.workload", "Deployment/orders/api")));

        Assert.Equal(3, options.SafetyMarginSeconds);
        Assert.Equal(new[] { "/healthz/ready", "/ready" }, options.ReadinessPaths);
        Assert.Equal(new[] { "/healthz/live" }, options.LivenessPaths);
        Assert.Equal(60, options.TerminationGracePeriodSeconds);
        Assert.Equal(5, options.PreStopDelaySeconds);
        Assert.Equal(new Version(1, 29), options.KubernetesVersion);
        Assert.False(options.SleepActionAvailable);
        Assert.Equal("Deployment/orders/api", options.Workload?.ToString());
        Assert.Empty(options.Problems);
    }

    [Fact]
    public void Every_option_is_read_from_its_msbuild_property()
    {
        var options = ShutdownGuardOptions.Read(new DictionaryOptions(
            ("build_property.ShutdownGuardSafetyMarginSeconds", "2"),
            ("build_property.ShutdownGuardReadinessPaths", "/r"),
            ("build_property.ShutdownGuardLivenessPaths", "/l"),
            ("build_property.ShutdownGuardTerminationGracePeriodSeconds", "45"),
            ("build_property.ShutdownGuardPreStopDelaySeconds", "10"),
            ("build_property.ShutdownGuardKubernetesVersion", "v1.31.2"),
            ("build_property.ShutdownGuardWorkload", "StatefulSet/db")));

        Assert.Equal(2, options.SafetyMarginSeconds);
        Assert.Equal(new[] { "/r" }, options.ReadinessPaths);
        Assert.Equal(new[] { "/l" }, options.LivenessPaths);
        Assert.Equal(45, options.TerminationGracePeriodSeconds);
        Assert.Equal(10, options.PreStopDelaySeconds);
        Assert.Equal(new Version(1, 31), options.KubernetesVersion);
        Assert.True(options.SleepActionAvailable);
        Assert.Equal("StatefulSet/db", options.Workload?.ToString());
    }

    [Fact]
    public void The_globalconfig_key_wins_over_the_msbuild_property_and_empty_properties_are_unset()
    {
        var options = ShutdownGuardOptions.Read(new DictionaryOptions(
            ("shutdown_guard.safety_margin_seconds", "7"),
            ("build_property.ShutdownGuardSafetyMarginSeconds", "9"),
            ("build_property.ShutdownGuardTerminationGracePeriodSeconds", ""),
            ("build_property.ShutdownGuardWorkload", " ")));

        Assert.Equal(7, options.SafetyMarginSeconds);
        Assert.Null(options.TerminationGracePeriodSeconds);
        Assert.Null(options.Workload);
        Assert.Empty(options.Problems);
    }

    [Theory]
    [InlineData("shutdown_guard.safety_margin_seconds", "-1")]
    [InlineData("shutdown_guard.safety_margin_seconds", "five")]
    [InlineData("shutdown_guard.termination_grace_period_seconds", "0")]
    [InlineData("shutdown_guard.termination_grace_period_seconds", "30s")]
    [InlineData("shutdown_guard.prestop_delay_seconds", "2.5")]
    [InlineData("shutdown_guard.readiness_paths", "ready")]
    [InlineData("shutdown_guard.liveness_paths", " , ")]
    [InlineData("shutdown_guard.kubernetes_version", "latest")]
    [InlineData("shutdown_guard.workload", "orders")]
    [InlineData("shutdown_guard.workload", "Deployment//api")]
    [InlineData("build_property.ShutdownGuardMode", "strictest")]
    public void A_value_that_cannot_be_used_is_a_problem_and_the_default_applies(string key, string value)
    {
        var options = ShutdownGuardOptions.Read(new DictionaryOptions((key, value)));
        var defaults = ShutdownGuardOptions.Read(new DictionaryOptions());

        var problem = Assert.Single(options.Problems);
        Assert.Equal(key.Replace("build_property.", ""), problem.Name);
        Assert.Equal(value.Trim(), problem.Value);
        Assert.Equal(defaults.SafetyMarginSeconds, options.SafetyMarginSeconds);
        Assert.Equal(defaults.ReadinessPaths, options.ReadinessPaths);
        Assert.Equal(defaults.LivenessPaths, options.LivenessPaths);
        Assert.Null(options.TerminationGracePeriodSeconds);
        Assert.Null(options.Workload);
    }

    [Theory]
    [InlineData("default")]
    [InlineData("strict")]
    [InlineData("None")]
    public void Every_mode_is_accepted_ignoring_case_as_MSBuild_compares(string mode)
    {
        var options = ShutdownGuardOptions.Read(new DictionaryOptions(("build_property.ShutdownGuardMode", mode)));

        Assert.Empty(options.Problems);
    }

    [Fact]
    public async Task SG0001_names_the_option_the_value_the_reason_and_the_default()
    {
        await new AnalyzerVerifier<InvalidOptionAnalyzer>()
            .Source(AnalyzerVerifier<InvalidOptionAnalyzer>.WebApp)
            .GlobalConfig("shutdown_guard.safety_margin_seconds = lots\nbuild_property.ShutdownGuardKubernetesVersion = next\n")
            .Expect(
                Expect.Diagnostic("SG0001", DiagnosticSeverity.Warning)
                    .WithArguments("shutdown_guard.safety_margin_seconds", "lots", "expected a whole number of seconds, at least 0", "the default 5"),
                Expect.Diagnostic("SG0001", DiagnosticSeverity.Warning)
                    .WithArguments("ShutdownGuardKubernetesVersion", "next", "expected a Kubernetes version such as 1.29", "the newest Kubernetes behaviour"))
            .RunAsync();
    }

    [Fact]
    public async Task SG0001_is_silent_for_good_values_and_in_projects_without_a_host()
    {
        await new AnalyzerVerifier<InvalidOptionAnalyzer>()
            .Source(AnalyzerVerifier<InvalidOptionAnalyzer>.WebApp)
            .GlobalConfig("shutdown_guard.safety_margin_seconds = 3\n")
            .RunAsync();

        await new AnalyzerVerifier<InvalidOptionAnalyzer>()
            .References(References.Plain)
            .Library()
            .Source("public class Library { }")
            .GlobalConfig("shutdown_guard.safety_margin_seconds = lots\n")
            .RunAsync();
    }
}
