using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using ShutdownGuard.Tests.Verification;
using Verifier = ShutdownGuard.Tests.Verification.AnalyzerVerifier<ShutdownGuard.Rules.ProgramAnalyzer>;

namespace ShutdownGuard.Tests.Rules;

public class ShutdownBudgetRuleTests
{
    private const string Usings = """
        using System;
        using System.Threading;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Hosting;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;

        """;

    private const string DefaultApp = Usings + """
        var builder = WebApplication.CreateBuilder(args);
        var app = builder.{|#0:Build()|};
        app.Run();
        """;

    /// <summary>A Deployment of the project's container with the given pod spec and container lines (indented for their
    /// place); <paramref name="kind"/> may mark where a finding stands, as in <c>{|#1:Deployment|}</c>.</summary>
    private static string Deployment(string podSpec = "", string container = "", string name = "orders", string kind = "Deployment") => $"""
        apiVersion: apps/v1
        kind: {kind}
        metadata:
          name: {name}
        spec:
          template:
            spec:
        {podSpec}      containers:
              - name: orders-api
                image: registry.example.com/orders-api:1.0
        {container}
        """;

    private static DiagnosticResult SG1003 => Expect.Diagnostic("SG1003", DiagnosticSeverity.Warning);

    [Fact]
    public void The_test_manifests_are_readable()
    {
        var set = Verification.Manifests.Set(("/k8s/deployment.yaml", Deployment(
            podSpec: "      terminationGracePeriodSeconds: 40\n",
            container: "        lifecycle:\n          preStop:\n            sleep:\n              seconds: 10\n        env:\n        - name: A\n          value: \"1\"\n")));

        var container = Assert.Single(set.Workloads).Workload.Pod.Containers.Single();
        Assert.Equal(10, container.PreStop?.DelaySeconds);
        Assert.Equal("A", Assert.Single(container.Env).Name.Text);
    }

    [Fact]
    public async Task SG1003_for_the_defaults_stands_at_Build_and_shows_the_arithmetic()
    {
        await new Verifier().Only("SG1003", "SG1008", "SG2006")
            .Source(DefaultApp)
            .File("/k8s/deployment.yaml", Deployment(kind: "{|#1:Deployment|}"))
            .Expect(SG1003.WithLocation(0).WithLocation(1).WithArguments(
                "ShutdownTimeout 30 s (default for Microsoft.Extensions.Hosting 8.0) + margin 5 s",
                "terminationGracePeriodSeconds 30 s (default) of Deployment/orders (k8s/deployment.yaml:2)"))
            .RunAsync();
    }

    [Fact]
    public async Task SG1003_names_the_preStop_and_the_grace_period_lines()
    {
        var manifest = Deployment(
            podSpec: "      terminationGracePeriodSeconds: {|#1:40|}\n",
            container: "        lifecycle:\n          preStop:\n            sleep:\n              seconds: 10\n");
        await new Verifier().Only("SG1003", "SG1008", "SG2006")
            .Source(DefaultApp)
            .File("/k8s/deployment.yaml", manifest)
            .Expect(SG1003.WithLocation(0).WithLocation(1).WithArguments(
                "ShutdownTimeout 30 s (default for Microsoft.Extensions.Hosting 8.0) + preStop 10 s (k8s/deployment.yaml:15) + margin 5 s",
                "terminationGracePeriodSeconds 40 s of Deployment/orders (k8s/deployment.yaml:8)"))
            .RunAsync();
    }

    [Fact]
    public async Task The_seed_configuration_passes_exactly()
    {
        var code = Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Host.ConfigureHostOptions(options => options.ShutdownTimeout = TimeSpan.FromSeconds(50));
            builder.Build().Run();
            """;
        var manifest = Deployment(
            podSpec: "      terminationGracePeriodSeconds: 60\n",
            container: "        lifecycle:\n          preStop:\n            sleep:\n              seconds: 5\n");
        await new Verifier().Only("SG1003", "SG1008", "SG2006").Source(code).File("/k8s/deployment.yaml", manifest).RunAsync();
    }

    [Fact]
    public async Task SG1003_stands_at_the_expression_that_sets_ShutdownTimeout()
    {
        var code = Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = {|#0:TimeSpan.FromSeconds(45)|});
            builder.Build().Run();
            """;
        await new Verifier().Only("SG1003", "SG1008", "SG2006")
            .Source(code)
            .File("/k8s/deployment.yaml", Deployment(podSpec: "      terminationGracePeriodSeconds: {|#1:45|}\n"))
            .Expect(SG1003.WithLocation(0).WithLocation(1).WithArguments(
                "ShutdownTimeout 45 s (Configure<HostOptions> (Test0.cs:8)) + margin 5 s",
                "terminationGracePeriodSeconds 45 s of Deployment/orders (k8s/deployment.yaml:8)"))
            .RunAsync();
    }

    [Fact]
    public async Task SG1003_names_the_environment_variable_that_sets_ShutdownTimeout()
    {
        var manifest = Deployment(
            podSpec: "      terminationGracePeriodSeconds: {|#1:50|}\n",
            container: "        env:\n        - {|#2:name: DOTNET_SHUTDOWNTIMEOUTSECONDS\n          value: \"50\"|}\n");
        await new Verifier().Only("SG1003", "SG1008", "SG2006")
            .Source(DefaultApp)
            .File("/k8s/deployment.yaml", manifest)
            .Expect(SG1003.WithLocation(0).WithLocation(1).WithLocation(2).WithArguments(
                "ShutdownTimeout 50 s (DOTNET_SHUTDOWNTIMEOUTSECONDS (k8s/deployment.yaml:13)) + margin 5 s",
                "terminationGracePeriodSeconds 50 s of Deployment/orders (k8s/deployment.yaml:8)"))
            .RunAsync();
    }

    [Theory]
    [InlineData("        env:\n        - name: DOTNET_SHUTDOWNTIMEOUTSECONDS\n          valueFrom:\n            configMapKeyRef: {name: x, key: y}\n")]
    [InlineData("        envFrom:\n        - configMapRef: {name: settings}\n")]
    [InlineData("        args: [\"--shutdownTimeoutSeconds=60\"]\n")]
    [InlineData("        env:\n        - name: DOTNET_SHUTDOWNTIMEOUTSECONDS\n          value: \"50\"\n        - name: ASPNETCORE_SHUTDOWNTIMEOUTSECONDS\n          value: \"50\"\n")]
    public async Task A_ShutdownTimeout_the_manifest_may_set_unreadably_is_unknown_and_silent(string container)
    {
        // Without these lines the defaults are reported (see above): the manifest must stay readable to prove anything.
        Assert.Single(Verification.Manifests.Set(("/k8s/deployment.yaml", Deployment(container: container))).Workloads);
        await new Verifier().Only("SG1003", "SG1008", "SG2006").Source(DefaultApp).File("/k8s/deployment.yaml", Deployment(container: container)).RunAsync();
    }

    private const string Grace60 = "      terminationGracePeriodSeconds: 60\n";

    private const string EnvFromSettings = "        envFrom:\n        - configMapRef: {name: settings}\n";

    private const string TimeoutFromKey = "        env:\n        - name: DOTNET_SHUTDOWNTIMEOUTSECONDS\n          valueFrom:\n            configMapKeyRef: {name: settings, ";

    /// <summary>A ConfigMap whose <paramref name="data"/> (one line) stands on line 6, 7 with a namespace.</summary>
    private static string ConfigMap(string data, string name = "settings", string? @namespace = null) =>
        $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\n{(@namespace is null ? string.Empty : $"  namespace: {@namespace}\n")}data:\n  {data}\n";

    [Theory]
    [InlineData(EnvFromSettings, "DOTNET_SHUTDOWNTIMEOUTSECONDS: \"58\"", "DOTNET_SHUTDOWNTIMEOUTSECONDS from ConfigMap/settings (k8s/config.yaml:6)", "/k8s/config.yaml", 6, 34)]
    [InlineData("        envFrom:\n        - prefix: DOTNET_\n          configMapRef: {name: settings}\n", "SHUTDOWNTIMEOUTSECONDS: \"58\"", "DOTNET_SHUTDOWNTIMEOUTSECONDS from ConfigMap/settings (k8s/config.yaml:6)", "/k8s/config.yaml", 6, 27)]
    [InlineData("        envFrom:\n        - configMapRef: {name: first}\n        - configMapRef: {name: settings}\n", "DOTNET_SHUTDOWNTIMEOUTSECONDS: \"58\"", "DOTNET_SHUTDOWNTIMEOUTSECONDS from ConfigMap/settings (k8s/config.yaml:6)", "/k8s/config.yaml", 6, 34)]
    [InlineData("        env:\n        - name: DOTNET_SHUTDOWNTIMEOUTSECONDS\n          value: \"58\"\n" + EnvFromSettings, "DOTNET_SHUTDOWNTIMEOUTSECONDS: \"10\"", "DOTNET_SHUTDOWNTIMEOUTSECONDS (k8s/deployment.yaml:13)", "/k8s/deployment.yaml", 13, 11)]
    [InlineData(TimeoutFromKey + "key: timeout}\n", "timeout: \"58\"", "DOTNET_SHUTDOWNTIMEOUTSECONDS from ConfigMap/settings (k8s/config.yaml:6)", "/k8s/config.yaml", 6, 12)]
    [InlineData(TimeoutFromKey + "key: missing, optional: true}\n" + EnvFromSettings, "DOTNET_SHUTDOWNTIMEOUTSECONDS: \"58\"", "DOTNET_SHUTDOWNTIMEOUTSECONDS from ConfigMap/settings (k8s/config.yaml:6)", "/k8s/config.yaml", 6, 34)]
    public async Task SG1003_names_the_ConfigMap_line_that_sets_ShutdownTimeout(string container, string data, string source, string path, int line, int column)
    {
        // The ConfigMap "first" comes earlier in the envFrom list, so "settings" wins over it.
        await new Verifier().Only("SG1003", "SG1008", "SG2006")
            .Source(DefaultApp)
            .File("/k8s/deployment.yaml", Deployment(Grace60, container))
            .File("/k8s/config.yaml", ConfigMap(data))
            .File("/k8s/first.yaml", ConfigMap("DOTNET_SHUTDOWNTIMEOUTSECONDS: \"10\"", "first"))
            .Expect(SG1003.WithLocation(0).WithLocation("/k8s/deployment.yaml", 8, 38).WithLocation(path, line, column).WithArguments(
                "ShutdownTimeout 58 s (" + source + ") + margin 5 s",
                "terminationGracePeriodSeconds 60 s of Deployment/orders (k8s/deployment.yaml:8)"))
            .RunAsync();
    }

    [Theory]
    [InlineData(EnvFromSettings, "  namespace: shop\n", "billing", "")]
    [InlineData(EnvFromSettings + "        - secretRef: {name: secrets}\n", "", null, "")]
    [InlineData(EnvFromSettings, "", null, "---\n")]
    [InlineData(TimeoutFromKey + "key: missing}\n", "", null, "")]
    [InlineData(TimeoutFromKey + "key: \"{{ .Values.key }}\"}\n", "", null, "")]
    public async Task A_ConfigMap_that_cannot_be_read_for_the_key_leaves_ShutdownTimeout_unknown(string container, string workloadNamespace, string? configMapNamespace, string twice)
    {
        // In another namespace; a Secret after it; the same ConfigMap twice; a key it lacks without optional: true; a template key.
        var manifest = Deployment(container: container).Replace("  name: orders\n", "  name: orders\n" + workloadNamespace, StringComparison.Ordinal);
        var configMap = ConfigMap("DOTNET_SHUTDOWNTIMEOUTSECONDS: \"58\"", @namespace: configMapNamespace);
        Assert.Single(Verification.Manifests.Set(("/k8s/deployment.yaml", manifest)).Workloads);
        await new Verifier().Only("SG1003", "SG1008", "SG2006")
            .Source(DefaultApp)
            .File("/k8s/deployment.yaml", manifest)
            .File("/k8s/config.yaml", configMap + (twice.Length > 0 ? twice + configMap : string.Empty))
            .RunAsync();
    }

    [Fact]
    public async Task A_ConfigMap_without_the_keys_leaves_the_default()
    {
        await new Verifier().Only("SG1003", "SG1008", "SG2006")
            .Source(DefaultApp)
            .File("/k8s/deployment.yaml", Deployment(container: EnvFromSettings))
            .File("/k8s/config.yaml", ConfigMap("LOGGING__LOGLEVEL__DEFAULT: Warning"))
            .Expect(SG1003.WithLocation(0).WithLocation("/k8s/deployment.yaml", 2, 7).WithArguments(
                "ShutdownTimeout 30 s (default for Microsoft.Extensions.Hosting 8.0) + margin 5 s",
                "terminationGracePeriodSeconds 30 s (default) of Deployment/orders (k8s/deployment.yaml:2)"))
            .RunAsync();
    }

    [Fact]
    public async Task The_environment_name_comes_from_a_ConfigMap_too()
    {
        await new Verifier().Only("SG1003", "SG1008", "SG2006")
            .Source(DefaultApp)
            .File("/appsettings.json", "{ \"shutdownTimeoutSeconds\": 10 }")
            .File("/appsettings.Staging.json", "{\n  \"shutdownTimeoutSeconds\": 28\n}")
            .File("/k8s/deployment.yaml", Deployment(container: EnvFromSettings))
            .File("/k8s/config.yaml", ConfigMap("ASPNETCORE_ENVIRONMENT: Staging"))
            .Expect(SG1003.WithLocation(0).WithLocation("/k8s/deployment.yaml", 2, 7).WithLocation("/appsettings.Staging.json", 2, 29).WithArguments(
                "ShutdownTimeout 28 s (appsettings.Staging.json:2) + margin 5 s",
                "terminationGracePeriodSeconds 30 s (default) of Deployment/orders (k8s/deployment.yaml:2)"))
            .RunAsync();
    }

    [Fact]
    public async Task Two_configuration_sources_make_ShutdownTimeout_unknown()
    {
        var code = Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.WebHost.UseSetting("shutdownTimeoutSeconds", "45");
            builder.Build().Run();
            """;
        await new Verifier().Only("SG1003", "SG1008", "SG2006")
            .Source(code)
            .File("/appsettings.json", "{ \"shutdownTimeoutSeconds\": 45 }")
            .File("/k8s/deployment.yaml", Deployment())
            .RunAsync();
    }

    [Fact]
    public async Task Code_that_sets_HostOptions_overrides_configuration()
    {
        var code = Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(10));
            builder.Build().Run();
            """;
        await new Verifier().Only("SG1003", "SG1008", "SG2006")
            .Source(code)
            .File("/appsettings.json", "{ \"shutdownTimeoutSeconds\": 300 }")
            .File("/k8s/deployment.yaml", Deployment())
            .RunAsync();
    }

    [Fact]
    public async Task The_appsettings_of_the_container_environment_override_appsettings_json()
    {
        var manifest = Deployment(container: "        env:\n        - name: ASPNETCORE_ENVIRONMENT\n          value: Staging\n", kind: "{|#1:Deployment|}");
        await new Verifier().Only("SG1003", "SG1008", "SG2006")
            .Source(DefaultApp)
            .File("/appsettings.json", "{ \"shutdownTimeoutSeconds\": 10 }")
            .File("/appsettings.Staging.json", "{\n  \"shutdownTimeoutSeconds\": {|#2:28|}\n}")
            .File("/appsettings.Development.json", "{ \"shutdownTimeoutSeconds\": 1 }")
            .File("/k8s/deployment.yaml", manifest)
            .Expect(SG1003.WithLocation(0).WithLocation(1).WithLocation(2).WithArguments(
                "ShutdownTimeout 28 s (appsettings.Staging.json:2) + margin 5 s",
                "terminationGracePeriodSeconds 30 s (default) of Deployment/orders (k8s/deployment.yaml:2)"))
            .RunAsync();
    }

    [Fact]
    public async Task SG1003_reports_each_workload_whose_grace_period_is_too_short()
    {
        var shortGrace = Deployment(podSpec: "      terminationGracePeriodSeconds: {|#1:20|}\n", name: "orders-canary");
        var longGrace = Deployment(podSpec: "      terminationGracePeriodSeconds: 120\n");
        await new Verifier().Only("SG1003", "SG1008", "SG2006")
            .Source(DefaultApp)
            .File("/k8s/a.yaml", longGrace)
            .File("/k8s/b.yaml", shortGrace)
            .Expect(SG1003.WithLocation(0).WithLocation(1).WithArguments(
                "ShutdownTimeout 30 s (default for Microsoft.Extensions.Hosting 8.0) + margin 5 s",
                "terminationGracePeriodSeconds 20 s of Deployment/orders-canary (k8s/b.yaml:8)"))
            .RunAsync();
    }

    [Fact]
    public async Task Without_manifests_the_options_give_the_grace_period()
    {
        await new Verifier().Only("SG1003", "SG1008", "SG2006")
            .Source(DefaultApp)
            .GlobalConfig("shutdown_guard.termination_grace_period_seconds = 40\nshutdown_guard.prestop_delay_seconds = 10\n")
            .Expect(SG1003.WithLocation(0).WithArguments(
                "ShutdownTimeout 30 s (default for Microsoft.Extensions.Hosting 8.0) + preStop 10 s (shutdown_guard.prestop_delay_seconds) + margin 5 s",
                "terminationGracePeriodSeconds 40 s of the pod (shutdown_guard.termination_grace_period_seconds)"))
            .RunAsync();
    }

    [Fact]
    public async Task Without_manifests_or_options_the_budget_is_silent()
    {
        await new Verifier().Only("SG1003", "SG1008", "SG2006").Source(DefaultApp).RunAsync();
    }

    [Fact]
    public async Task Manifests_that_match_nothing_leave_the_budget_silent()
    {
        await new Verifier().Only("SG1003", "SG1008", "SG2006")
            .Source(DefaultApp)
            .File("/k8s/a.yaml", Deployment(name: "a").Replace("orders-api", "billing"))
            .File("/k8s/b.yaml", Deployment(name: "b").Replace("orders-api", "shipping"))
            .RunAsync();
    }

    [Theory]
    [InlineData("9", true)]
    [InlineData("10", false)]
    public async Task Hosting_6_defaults_to_5_seconds(string grace, bool reported)
    {
        var code = """
            using Microsoft.Extensions.Hosting;

            Host.CreateDefaultBuilder(args).{|#0:Build()|}.Run();
            """;
        var verifier = new Verifier().Only("SG1003", "SG1008", "SG2006")
            .References(References.Hosting60)
            .Source(code)
            .File("/k8s/deployment.yaml", Deployment(podSpec: $"      terminationGracePeriodSeconds: {{|#1:{grace}|}}\n"));
        if (reported)
        {
            verifier.Expect(SG1003.WithLocation(0).WithLocation(1).WithArguments(
                "ShutdownTimeout 5 s (default for Microsoft.Extensions.Hosting 6.0) + margin 5 s",
                "terminationGracePeriodSeconds 9 s of Deployment/orders (k8s/deployment.yaml:8)"));
        }

        await verifier.RunAsync();
    }

    [Theory]
    [InlineData("\"60\"")]
    [InlineData("\"{{ .Values.grace }}\"")]
    public async Task An_unknown_grace_period_is_silent(string grace)
    {
        await new Verifier().Only("SG1003", "SG1008", "SG2006")
            .Source(DefaultApp)
            .File("/k8s/deployment.yaml", Deployment(podSpec: $"      terminationGracePeriodSeconds: {grace}\n"))
            .RunAsync();
    }

    [Fact]
    public async Task A_ShutdownTimeout_that_is_not_a_constant_is_silent()
    {
        var code = Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(args.Length));
            builder.Build().Run();
            """;
        await new Verifier().Only("SG1003", "SG1008", "SG2006").Source(code).File("/k8s/deployment.yaml", Deployment()).RunAsync();
    }

    [Fact]
    public async Task SG1008_stands_at_an_in_app_delay_that_takes_the_whole_ShutdownTimeout()
    {
        var code = Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(20));
            var app = builder.Build();
            app.Lifetime.ApplicationStopping.Register(() => {|#0:Thread.Sleep(TimeSpan.FromSeconds(20))|});
            app.Lifetime.ApplicationStopping.Register(() => Thread.Sleep(5000));
            app.Run();
            """;
        await new Verifier().Only("SG1003", "SG1008", "SG2006")
            .Source(code)
            .File("/k8s/deployment.yaml", Deployment(podSpec: "      terminationGracePeriodSeconds: 60\n"))
            .Expect(Expect.Diagnostic("SG1008", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("20 s", "20 s", "Configure<HostOptions> (Test0.cs:8)"))
            .RunAsync();
    }

    [Fact]
    public async Task SG1008_needs_no_manifest()
    {
        var code = Usings + """
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.Lifetime.ApplicationStopping.Register(() => {|#0:Thread.Sleep(31_000)|});
            app.Run();
            """;
        await new Verifier().Only("SG1003", "SG1008", "SG2006")
            .Source(code)
            .Expect(Expect.Diagnostic("SG1008", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("31 s", "30 s", "default for Microsoft.Extensions.Hosting 8.0"))
            .RunAsync();
    }

    [Fact]
    public async Task SG2006_stands_at_a_preStop_delay_that_takes_the_whole_grace_period()
    {
        var manifest = Deployment(
            podSpec: "      terminationGracePeriodSeconds: {|#1:30|}\n",
            container: "        lifecycle:\n          preStop:\n            exec:\n              command: [\"sleep\", {|#2:\"30\"|}]\n");
        await new Verifier().Only("SG1003", "SG1008", "SG2006")
            .Source(DefaultApp)
            .File("/k8s/deployment.yaml", manifest)
            .Expect(
                SG1003.WithLocation(0).WithLocation(1).WithArguments(
                    "ShutdownTimeout 30 s (default for Microsoft.Extensions.Hosting 8.0) + preStop 30 s (k8s/deployment.yaml:15) + margin 5 s",
                    "terminationGracePeriodSeconds 30 s of Deployment/orders (k8s/deployment.yaml:8)"),
                Expect.Diagnostic("SG2006", DiagnosticSeverity.Warning).WithLocation(2).WithArguments("30 s", "30 s", "Deployment/orders"))
            .RunAsync();
    }

    [Fact]
    public async Task SG2006_is_switched_off_by_the_workload_s_ignore_annotation()
    {
        var manifest = Deployment(
            podSpec: "      terminationGracePeriodSeconds: {|#1:30|}\n",
            container: "        lifecycle:\n          preStop:\n            sleep: {seconds: 40}\n")
            .Replace("  name: orders\n", "  name: orders\n  annotations:\n    shutdown-guard.io/ignore: \"SG2008, sg2006\"\n");
        await new Verifier().Only("SG1003", "SG1008", "SG2006")
            .Source(DefaultApp)
            .File("/k8s/deployment.yaml", manifest)
            .Expect(SG1003.WithLocation(0).WithLocation(1).WithArguments(
                "ShutdownTimeout 30 s (default for Microsoft.Extensions.Hosting 8.0) + preStop 40 s (k8s/deployment.yaml:16) + margin 5 s",
                "terminationGracePeriodSeconds 30 s of Deployment/orders (k8s/deployment.yaml:10)"))
            .RunAsync();
    }

    [Fact]
    public async Task Libraries_and_test_projects_are_never_budgeted()
    {
        await new Verifier().Only("SG1003", "SG1008", "SG2006").Library().Source(DefaultApp.Replace("{|#0:Build()|}", "Build()").Replace("var builder", "static void M(string[] args) { var builder").Replace("app.Run();", "app.Run(); }").Replace(Usings, Usings + "class C {\n") + "\n}")
            .File("/k8s/deployment.yaml", Deployment())
            .RunAsync();
        await new Verifier().Only("SG1003", "SG1008", "SG2006").Source(DefaultApp.Replace("{|#0:Build()|}", "Build()"))
            .GlobalConfig("build_property.IsTestProject = true\n")
            .File("/k8s/deployment.yaml", Deployment())
            .RunAsync();
    }
}
