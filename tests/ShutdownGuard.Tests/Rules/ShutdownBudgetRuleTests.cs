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

    /// <summary>The app of the precision report: HostOptions bound from configuration, under preStop 10 s and grace 40 s.</summary>
    private static string BoundApp(string registration) => Usings + $$"""
        var builder = WebApplication.CreateBuilder(args);
        {{registration}}
        builder.Build().Run();
        """;

    private static string PreStop10Grace40 => Deployment(
        podSpec: "      terminationGracePeriodSeconds: {|#1:40|}\n",
        container: "        lifecycle:\n          preStop:\n            sleep:\n              seconds: 10\n");

    [Theory]
    [InlineData("builder.Services.Configure<HostOptions>(builder.Configuration.GetSection(\"HostOptions\"));")]
    [InlineData("builder.Services.AddOptions<HostOptions>().Bind(builder.Configuration.GetSection(\"HostOptions\"));")]
    [InlineData("builder.Services.AddOptions<HostOptions>().BindConfiguration(\"HostOptions\");")]
    [InlineData("var section = builder.Configuration.GetSection(\"HostOptions\"); builder.Services.Configure<HostOptions>(section);")]
    public async Task HostOptions_bound_from_configuration_take_the_appsettings_value(string registration)
    {
        await new Verifier().Only("SG1003", "SG1008", "SG2006")
            .Source(BoundApp(registration))
            .File("/appsettings.json", "{ \"HostOptions\": { \"ShutdownTimeout\": \"00:00:25\" } }")
            .File("/k8s/deployment.yaml", PreStop10Grace40)
            .RunAsync();
    }

    [Theory]
    [InlineData("\"00:00:35\"", "35 s")]
    [InlineData("\"0:25\"", "1500 s")]
    [InlineData("\"25\"", "2160000 s")]
    [InlineData("25", "2160000 s")]
    public async Task A_bound_ShutdownTimeout_is_parsed_as_the_binder_parses_it(string value, string seconds)
    {
        await new Verifier().Only("SG1003", "SG1008", "SG2006")
            .Source(BoundApp("builder.Services.Configure<HostOptions>({|#0:builder.Configuration.GetSection(\"HostOptions\")|});"))
            .File("/appsettings.json", "{\n  \"HostOptions\": {\n    \"ShutdownTimeout\": {|#2:" + value + "|}\n  }\n}")
            .File("/k8s/deployment.yaml", PreStop10Grace40)
            .Expect(SG1003.WithLocation(0).WithLocation(1).WithLocation(2).WithArguments(
                $"ShutdownTimeout {seconds} (Configure<HostOptions> (Test0.cs:8) with HostOptions:ShutdownTimeout \"{value.Trim('"')}\" (appsettings.json:3)) + preStop 10 s (k8s/deployment.yaml:15) + margin 5 s",
                "terminationGracePeriodSeconds 40 s of Deployment/orders (k8s/deployment.yaml:8)"))
            .RunAsync();
    }

    [Fact]
    public async Task The_container_env_overrides_the_appsettings_of_a_bound_section()
    {
        var manifest = Deployment(
            podSpec: "      terminationGracePeriodSeconds: {|#1:40|}\n",
            container: "        env:\n        - {|#2:name: HostOptions__ShutdownTimeout\n          value: \"00:00:36\"|}\n");
        await new Verifier().Only("SG1003", "SG1008", "SG2006")
            .Source(BoundApp("builder.Services.Configure<HostOptions>({|#0:builder.Configuration.GetSection(\"HostOptions\")|});"))
            .File("/appsettings.json", "{ \"HostOptions\": { \"ShutdownTimeout\": \"00:00:25\" } }")
            .File("/k8s/deployment.yaml", manifest)
            .Expect(SG1003.WithLocation(0).WithLocation(1).WithLocation(2).WithArguments(
                "ShutdownTimeout 36 s (Configure<HostOptions> (Test0.cs:8) with HostOptions__ShutdownTimeout \"00:00:36\" (k8s/deployment.yaml:13)) + margin 5 s",
                "terminationGracePeriodSeconds 40 s of Deployment/orders (k8s/deployment.yaml:8)"))
            .RunAsync();
    }

    [Fact]
    public async Task A_present_section_key_wins_over_shutdownTimeoutSeconds()
    {
        await new Verifier().Only("SG1003", "SG1008", "SG2006")
            .Source(BoundApp("builder.Services.Configure<HostOptions>(builder.Configuration.GetSection(\"HostOptions\"));"))
            .File("/appsettings.json", "{ \"shutdownTimeoutSeconds\": 60, \"HostOptions\": { \"ShutdownTimeout\": \"00:00:25\" } }")
            .File("/k8s/deployment.yaml", PreStop10Grace40)
            .RunAsync();
    }

    [Fact]
    public async Task A_bound_key_no_source_has_falls_through_to_shutdownTimeoutSeconds()
    {
        await new Verifier().Only("SG1003", "SG1008", "SG2006")
            .Source(BoundApp("builder.Services.Configure<HostOptions>(builder.Configuration.GetSection(\"HostOptions\"));").Replace("builder.Build()", "builder.{|#0:Build()|}"))
            .File("/appsettings.json", "{\n  \"shutdownTimeoutSeconds\": {|#2:26|},\n  \"HostOptions\": { \"StartupTimeout\": \"00:00:10\" }\n}")
            .File("/k8s/deployment.yaml", PreStop10Grace40)
            .Expect(SG1003.WithLocation(0).WithLocation(1).WithLocation(2).WithArguments(
                "ShutdownTimeout 26 s (appsettings.json:2) + preStop 10 s (k8s/deployment.yaml:15) + margin 5 s",
                "terminationGracePeriodSeconds 40 s of Deployment/orders (k8s/deployment.yaml:8)"))
            .RunAsync();
    }

    [Fact]
    public async Task A_bound_key_no_source_has_falls_through_to_the_default()
    {
        await new Verifier().Only("SG1003", "SG1008", "SG2006")
            .Source(Usings + """
                var builder = WebApplication.CreateBuilder(args);
                builder.Services.Configure<HostOptions>(builder.Configuration.GetSection("HostOptions"));
                builder.{|#0:Build()|}.Run();
                """)
            .File("/k8s/deployment.yaml", PreStop10Grace40)
            .Expect(SG1003.WithLocation(0).WithLocation(1).WithArguments(
                "ShutdownTimeout 30 s (default for Microsoft.Extensions.Hosting 8.0) + preStop 10 s (k8s/deployment.yaml:15) + margin 5 s",
                "terminationGracePeriodSeconds 40 s of Deployment/orders (k8s/deployment.yaml:8)"))
            .RunAsync();
    }

    [Theory]
    [InlineData("builder.Services.Configure<HostOptions>(builder.Configuration.GetSection(args[0]));", "")]
    [InlineData("builder.Services.Configure<HostOptions>(new ConfigurationBuilder().Build().GetSection(\"HostOptions\"));", "")]
    [InlineData("builder.Services.AddOptions<HostOptions>().BindConfiguration(args[0]);", "")]
    [InlineData("builder.Services.Configure<HostOptions>(builder.Configuration.GetSection(\"HostOptions\"));", "        env:\n        - name: HostOptions__ShutdownTimeout\n          valueFrom:\n            configMapKeyRef: {name: x, key: y}\n")]
    [InlineData("builder.Services.Configure<HostOptions>(builder.Configuration.GetSection(\"HostOptions\"));", "        env:\n        - name: DOTNET_HostOptions__ShutdownTimeout\n          value: \"00:00:50\"\n")]
    [InlineData("builder.Services.Configure<HostOptions>(builder.Configuration.GetSection(\"HostOptions\"));", "        envFrom:\n        - configMapRef: {name: settings}\n")]
    [InlineData("builder.Services.Configure<HostOptions>(builder.Configuration.GetSection(\"HostOptions\"));", "        args: [\"--HostOptions:ShutdownTimeout=00:01:00\"]\n")]
    [InlineData("builder.Services.Configure<HostOptions>(builder.Configuration.GetSection(\"HostOptions\"));", "        env:\n        - name: ASPNETCORE_ENVIRONMENT\n          value: \"{{ .Values.environment }}\"\n")]
    public async Task A_bound_ShutdownTimeout_from_a_source_that_cannot_be_read_is_unknown_and_silent(string registration, string container)
    {
        // Readable, these files give 50 s, which does not fit the default grace period (see the next test).
        await new Verifier().Only("SG1003", "SG1008", "SG2006")
            .Source("using Microsoft.Extensions.Configuration;\n" + BoundApp(registration))
            .File("/appsettings.json", BoundTimeout50)
            .File("/appsettings.Staging.json", BoundTimeout50)
            .File("/k8s/deployment.yaml", Deployment(container: container))
            .RunAsync();
    }

    private const string BoundTimeout50 = "{ \"HostOptions\": { \"ShutdownTimeout\": \"00:00:50\" } }";

    [Fact]
    public async Task A_bound_ShutdownTimeout_from_readable_sources_is_reported()
    {
        await new Verifier().Only("SG1003", "SG1008", "SG2006")
            .Source(BoundApp("builder.Services.Configure<HostOptions>({|#0:builder.Configuration.GetSection(\"HostOptions\")|});"))
            .File("/appsettings.json", BoundTimeout50.Replace("\"00:00:50\"", "{|#2:\"00:00:50\"|}"))
            .File("/appsettings.Staging.json", BoundTimeout50)
            .File("/k8s/deployment.yaml", Deployment(kind: "{|#1:Deployment|}"))
            .Expect(SG1003.WithLocation(0).WithLocation(1).WithLocation(2))
            .RunAsync();
    }

    [Theory]
    [InlineData("builder.Services.Configure<HostOptions>(builder.Configuration.GetSection(\"HostOptions\"));\nbuilder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(20));", false)]
    [InlineData("builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(20));\nbuilder.Services.Configure<HostOptions>(builder.Configuration.GetSection(\"HostOptions\"));", true)]
    [InlineData("builder.Services.AddOptions<HostOptions>().Bind(builder.Configuration.GetSection(\"HostOptions\")).Configure(o => o.ShutdownTimeout = TimeSpan.FromSeconds(20));", false)]
    [InlineData("builder.Services.AddOptions<HostOptions>().Configure(o => o.ShutdownTimeout = TimeSpan.FromSeconds(20)).BindConfiguration(\"HostOptions\");", true)]
    public async Task Registrations_of_HostOptions_apply_in_order(string registrations, bool boundWins)
    {
        // The section sets 45 s, which does not fit; the lambda sets 20 s, which does.
        var verifier = new Verifier().Only("SG1003", "SG1008", "SG2006")
            .Source(BoundApp(registrations.Replace("builder.Configuration.GetSection(\"HostOptions\")", "{|#0:builder.Configuration.GetSection(\"HostOptions\")|}").Replace("BindConfiguration(\"HostOptions\")", "BindConfiguration({|#0:\"HostOptions\"|})")))
            .File("/appsettings.json", "{ \"HostOptions\": { \"ShutdownTimeout\": {|#2:\"00:00:45\"|} } }")
            .File("/k8s/deployment.yaml", Deployment(podSpec: "      terminationGracePeriodSeconds: {|#1:40|}\n"));
        if (boundWins)
        {
            verifier.Expect(SG1003.WithLocation(0).WithLocation(1).WithLocation(2));
        }

        await verifier.RunAsync();
    }

    [Theory]
    [InlineData("builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(20));\nif (args.Length > 0) return;\nbuilder.Services.Configure<HostOptions>(builder.Configuration.GetSection(\"HostOptions\"));")]
    [InlineData("builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(20));\nbuilder.Host.ConfigureServices(services => services.Configure<HostOptions>(builder.Configuration.GetSection(\"HostOptions\")));")]
    [InlineData("builder.Services.PostConfigure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(20));\nbuilder.Services.Configure<HostOptions>(builder.Configuration.GetSection(\"HostOptions\"));")]
    public async Task Registrations_whose_order_is_not_known_from_the_source_make_ShutdownTimeout_unknown(string registrations)
    {
        await new Verifier().Only("SG1003", "SG1008", "SG2006")
            .Source(BoundApp(registrations))
            .File("/appsettings.json", "{ \"HostOptions\": { \"ShutdownTimeout\": \"00:00:45\" } }")
            .File("/k8s/deployment.yaml", Deployment(podSpec: "      terminationGracePeriodSeconds: 40\n"))
            .RunAsync();
    }

    [Fact]
    public async Task SG1008_compares_the_in_app_delay_with_the_bound_value()
    {
        await new Verifier().Only("SG1003", "SG1008", "SG2006")
            .Source(Usings + """
                var builder = WebApplication.CreateBuilder(args);
                builder.Services.Configure<HostOptions>(builder.Configuration.GetSection("HostOptions"));
                var app = builder.Build();
                app.Lifetime.ApplicationStopping.Register(() => {|#0:Thread.Sleep(TimeSpan.FromSeconds(20))|});
                app.Run();
                """)
            .File("/appsettings.json", "{\n  \"HostOptions\": { \"ShutdownTimeout\": \"00:00:15\" }\n}")
            .File("/k8s/deployment.yaml", Deployment(podSpec: "      terminationGracePeriodSeconds: 60\n"))
            .Expect(Expect.Diagnostic("SG1008", DiagnosticSeverity.Warning).WithLocation(0).WithArguments(
                "20 s", "15 s", "Configure<HostOptions> (Test0.cs:8) with HostOptions:ShutdownTimeout \"00:00:15\" (appsettings.json:2)"))
            .RunAsync();
    }

    /// <summary>The app reads its own key and default and feeds it to ShutdownTimeout.</summary>
    private static string ConfiguredApp(string seconds) => "using Microsoft.Extensions.Configuration;\n" + Usings + $$"""
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = {|#0:TimeSpan.FromSeconds({{seconds}})|});
        builder.Build().Run();
        """;

    private static string Grace60PreStop5(string env = "") => Deployment(
        podSpec: "      terminationGracePeriodSeconds: {|#1:60|}\n",
        container: "        lifecycle:\n          preStop:\n            sleep:\n              seconds: 5\n" + env);

    private const string GracefulTimeout = "int.Parse(Environment.GetEnvironmentVariable(\"GRACEFUL_SHUTDOWN_TIMEOUT\") ?? \"50\")";

    [Fact]
    public async Task A_timeout_the_app_reads_from_the_container_env_is_reported_when_it_does_not_fit()
    {
        await new Verifier().Only("SG1003", "SG1008", "SG2006")
            .Source(ConfiguredApp(GracefulTimeout))
            .File("/k8s/deployment.yaml", Grace60PreStop5("        env:\n        - {|#2:name: GRACEFUL_SHUTDOWN_TIMEOUT\n          value: \"58\"|}\n"))
            .Expect(SG1003.WithLocation(0).WithLocation(1).WithLocation(2).WithArguments(
                "ShutdownTimeout 58 s (Configure<HostOptions> (Test0.cs:9) with GRACEFUL_SHUTDOWN_TIMEOUT \"58\" (k8s/deployment.yaml:17)) + preStop 5 s (k8s/deployment.yaml:15) + margin 5 s",
                "terminationGracePeriodSeconds 60 s of Deployment/orders (k8s/deployment.yaml:8)"))
            .RunAsync();
    }

    [Theory]
    [InlineData(GracefulTimeout, "        env:\n        - name: GRACEFUL_SHUTDOWN_TIMEOUT\n          value: \"50\"\n", "")]
    [InlineData(GracefulTimeout, "", "")]
    [InlineData(GracefulTimeout, "", "{ \"GRACEFUL_SHUTDOWN_TIMEOUT\": \"58\" }")]
    [InlineData("builder.Configuration.GetValue<int>(\"Shutdown:Seconds\", 50)", "", "")]
    [InlineData("builder.Configuration.GetValue<int>(\"Shutdown:Seconds\", 58)", "        env:\n        - name: Shutdown__Seconds\n          value: \"50\"\n", "")]
    [InlineData("builder.Configuration.GetValue<int>(\"Shutdown:Seconds\", 58)", "", "{ \"Shutdown\": { \"Seconds\": 50 } }")]
    [InlineData("double.Parse(builder.Configuration[\"ShutdownSeconds\"] ?? \"50\")", "", "")]
    public async Task A_timeout_the_app_reads_from_configuration_that_fits_is_silent(string seconds, string env, string appSettings)
    {
        var verifier = new Verifier().Only("SG1003", "SG1008", "SG2006")
            .Source(ConfiguredApp(seconds).Replace("{|#0:", string.Empty).Replace("|}", string.Empty))
            .File("/k8s/deployment.yaml", Grace60PreStop5(env).Replace("{|#1:60|}", "60"));
        if (appSettings.Length > 0)
        {
            verifier.File("/appsettings.json", appSettings);
        }

        await verifier.RunAsync();
    }

    [Theory]
    [InlineData("builder.Configuration.GetValue<int>(\"Shutdown:Seconds\", 30)", "{\n  \"Shutdown\": { \"Seconds\": {|#2:58|} }\n}", "Shutdown:Seconds \"58\" (appsettings.json:2)")]
    [InlineData("int.Parse(builder.Configuration[\"Shutdown:Seconds\"] ?? \"30\")", "{\n  \"Shutdown\": { \"Seconds\": {|#2:\"58\"|} }\n}", "Shutdown:Seconds \"58\" (appsettings.json:2)")]
    [InlineData("builder.Configuration.GetSection(\"Shutdown\").GetValue<int>(\"Seconds\")", "{\n  \"Shutdown\": { \"Seconds\": {|#2:58|} }\n}", "Shutdown:Seconds \"58\" (appsettings.json:2)")]
    public async Task A_timeout_the_app_reads_from_its_appsettings_is_reported_when_it_does_not_fit(string seconds, string appSettings, string source)
    {
        await new Verifier().Only("SG1003", "SG1008", "SG2006")
            .Source(ConfiguredApp(seconds))
            .File("/appsettings.json", appSettings)
            .File("/k8s/deployment.yaml", Grace60PreStop5())
            .Expect(SG1003.WithLocation(0).WithLocation(1).WithLocation(2).WithArguments(
                $"ShutdownTimeout 58 s (Configure<HostOptions> (Test0.cs:9) with {source}) + preStop 5 s (k8s/deployment.yaml:15) + margin 5 s",
                "terminationGracePeriodSeconds 60 s of Deployment/orders (k8s/deployment.yaml:8)"))
            .RunAsync();
    }

    [Fact]
    public async Task The_code_s_default_applies_when_no_source_sets_the_key()
    {
        await new Verifier().Only("SG1003", "SG1008", "SG2006")
            .Source(ConfiguredApp("builder.Configuration.GetValue<int>(\"Shutdown:Seconds\", 58)"))
            .File("/k8s/deployment.yaml", Grace60PreStop5())
            .Expect(SG1003.WithLocation(0).WithLocation(1).WithArguments(
                "ShutdownTimeout 58 s (Configure<HostOptions> (Test0.cs:9) with Shutdown:Seconds unset) + preStop 5 s (k8s/deployment.yaml:15) + margin 5 s",
                "terminationGracePeriodSeconds 60 s of Deployment/orders (k8s/deployment.yaml:8)"))
            .RunAsync();
    }

    [Theory]
    [InlineData(GracefulTimeout, "        env:\n        - name: GRACEFUL_SHUTDOWN_TIMEOUT\n          valueFrom:\n            secretKeyRef: {name: x, key: y}\n")]
    [InlineData(GracefulTimeout, "        env:\n        - name: GRACEFUL_SHUTDOWN_TIMEOUT\n          value: \"soon\"\n")]
    [InlineData(GracefulTimeout, "        envFrom:\n        - configMapRef: {name: settings}\n")]
    [InlineData("int.Parse(Environment.GetEnvironmentVariable(args[0]) ?? \"58\")", "")]
    [InlineData("int.Parse(Environment.GetEnvironmentVariable(\"GRACEFUL_SHUTDOWN_TIMEOUT\") ?? args[0])", "")]
    [InlineData("builder.Configuration.GetValue<int>(\"Shutdown:Seconds\", 58) * 1", "")]
    [InlineData("new ConfigurationBuilder().Build().GetValue<int>(\"Shutdown:Seconds\", 58)", "")]
    [InlineData("builder.Configuration.GetValue<int>(\"Shutdown:Seconds\", 58)", "        args: [\"--Shutdown:Seconds=20\"]\n")]
    public async Task A_timeout_read_from_configuration_that_cannot_be_evaluated_is_unknown_and_silent(string seconds, string env)
    {
        // Every default is 58 s, which does not fit: taken as the value, it would be reported.
        await new Verifier().Only("SG1003", "SG1008", "SG2006")
            .Source(ConfiguredApp(seconds.Replace("?? \"50\"", "?? \"58\"")).Replace("{|#0:", string.Empty).Replace("|}", string.Empty))
            .File("/k8s/deployment.yaml", Grace60PreStop5(env).Replace("{|#1:60|}", "60"))
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
