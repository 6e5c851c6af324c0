using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using ShutdownGuard.CodeFixes.Budget;
using ShutdownGuard.Rules;
using ShutdownGuard.Tests.Verification;

namespace ShutdownGuard.Tests.Rules;

public class ShutdownBudgetCodeFixTests
{
    private const string Usings = """
        using System;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Hosting;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;

        """;

    private static DiagnosticResult SG1003 => Expect.Diagnostic("SG1003", DiagnosticSeverity.Warning);

    private static CodeFixVerifier<ProgramAnalyzer, ShutdownBudgetCodeFix> SetTimeout() => new CodeFixVerifier<ProgramAnalyzer, ShutdownBudgetCodeFix>(ShutdownBudgetCodeFix.SetShutdownTimeoutKey).Only("SG1003");

    private static CodeFixVerifier<ProgramAnalyzer, ShutdownBudgetCodeFix> RaiseGrace() => new CodeFixVerifier<ProgramAnalyzer, ShutdownBudgetCodeFix>(ShutdownBudgetCodeFix.RaiseGracePeriodKey).Only("SG1003");

    /// <summary>A Deployment of the project's container; <paramref name="kind"/> may mark where a finding stands, as in
    /// <c>{|#1:Deployment|}</c>.</summary>
    private static string Deployment(string podSpec = "", string name = "orders", string newLine = "\n", string kind = "Deployment") => $"""
        apiVersion: apps/v1
        kind: {kind}
        metadata:
          name: {name}
        spec:
          template:
            spec: # the pod
        {podSpec}      containers:
              - name: orders-api
                image: registry.example.com/orders-api:1.0

        """.Replace("\n", newLine);

    /// <summary>The grace period line of the pod spec, whose value may be marked, as in <c>{|#1:45|}</c>.</summary>
    private static string Grace(string seconds) => $"      terminationGracePeriodSeconds: {seconds}\n";

    [Fact]
    public async Task The_default_is_set_on_a_WebApplicationBuilder_before_it_builds()
    {
        await SetTimeout()
            .Source(
                Usings + """
                var builder = WebApplication.CreateBuilder(args);
                // the app
                var app = builder.{|#0:Build()|};
                app.Run();
                """,
                Usings + """
                var builder = WebApplication.CreateBuilder(args);
                builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(25));
                // the app
                var app = builder.Build();
                app.Run();
                """)
            .File("/k8s/deployment.yaml", Deployment(kind: "{|#1:Deployment|}"))
            .Expect(SG1003.WithLocation(0).WithLocation(1))
            .RunAsync();
    }

    [Fact]
    public async Task The_fix_adds_the_usings_it_needs()
    {
        await SetTimeout()
            .Source(
                """
                class Program
                {
                    static void Main(string[] args)
                    {
                        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(args);
                        using var host = builder.{|#0:Build()|};
                    }
                }
                """,
                """
                using System;
                using Microsoft.Extensions.DependencyInjection;
                using Microsoft.Extensions.Hosting;

                class Program
                {
                    static void Main(string[] args)
                    {
                        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(args);
                        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(25));
                        using var host = builder.Build();
                    }
                }
                """)
            .File("/k8s/deployment.yaml", Deployment(kind: "{|#1:Deployment|}"))
            .Expect(SG1003.WithLocation(0).WithLocation(1))
            .RunAsync();
    }

    [Fact]
    public async Task The_default_is_set_on_an_IHostBuilder_chain()
    {
        await SetTimeout()
            .Source(
                Usings + """
                Host.CreateDefaultBuilder(args)
                    .ConfigureWebHostDefaults(web => web.Configure(app => { }))
                    .{|#0:Build()|}
                    .Run();
                """,
                Usings + """
                Host.CreateDefaultBuilder(args)
                    .ConfigureWebHostDefaults(web => web.Configure(app => { })).ConfigureHostOptions(options => options.ShutdownTimeout = TimeSpan.FromSeconds(25))
                    .Build()
                    .Run();
                """)
            .File("/k8s/deployment.yaml", Deployment(kind: "{|#1:Deployment|}"))
            .Expect(SG1003.WithLocation(0).WithLocation(1))
            .RunAsync();
    }

    [Fact]
    public async Task The_legacy_WebHost_gets_UseShutdownTimeout()
    {
        await SetTimeout()
            .Source(
                Usings + """
                Microsoft.AspNetCore.WebHost.CreateDefaultBuilder(args).Configure(app => { }).{|#0:Build()|}.Run();
                """,
                Usings + """
                Microsoft.AspNetCore.WebHost.CreateDefaultBuilder(args).Configure(app => { }).UseShutdownTimeout(TimeSpan.FromSeconds(25)).Build().Run();
                """)
            .File("/k8s/deployment.yaml", Deployment(kind: "{|#1:Deployment|}"))
            .Expect(SG1003.WithLocation(0).WithLocation(1))
            .RunAsync();
    }

    [Theory]
    [InlineData("builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = {|#0:TimeSpan.FromMinutes(1)|});", "builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(40));")]
    [InlineData("builder.Services.Configure<HostOptions>(options => { options.ShutdownTimeout = {|#0:new TimeSpan(0, 0, 45)|}; });", "builder.Services.Configure<HostOptions>(options => { options.ShutdownTimeout = TimeSpan.FromSeconds(40); });")]
    [InlineData("builder.Host.ConfigureHostOptions((context, options) => options.ShutdownTimeout = {|#0:TimeSpan.FromSeconds(45)|});", "builder.Host.ConfigureHostOptions((context, options) => options.ShutdownTimeout = TimeSpan.FromSeconds(40));")]
    [InlineData("builder.WebHost.UseShutdownTimeout({|#0:TimeSpan.FromSeconds(45)|});", "builder.WebHost.UseShutdownTimeout(TimeSpan.FromSeconds(40));")]
    [InlineData("builder.WebHost.UseSetting(\"shutdownTimeoutSeconds\", {|#0:\"45\"|});", "builder.WebHost.UseSetting(\"shutdownTimeoutSeconds\", \"40\");")]
    public async Task The_value_is_rewritten_where_code_sets_it(string before, string after)
    {
        const string Template = Usings + """
            var builder = WebApplication.CreateBuilder(args);
            SETTING
            builder.Build().Run();
            """;
        await SetTimeout()
            .Source(Template.Replace("SETTING", before), Template.Replace("SETTING", after))
            .File("/k8s/deployment.yaml", Deployment(Grace("{|#1:45|}")))
            .Expect(SG1003.WithLocation(0).WithLocation(1))
            .RunAsync();
    }

    [Fact]
    public async Task The_value_fits_the_smallest_budget_and_Fix_All_sets_it_once()
    {
        await SetTimeout()
            .Source(
                Usings + """
                var builder = WebApplication.CreateBuilder(args);
                var app = builder.{|#0:Build()|};
                app.Run();
                """,
                Usings + """
                var builder = WebApplication.CreateBuilder(args);
                builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(15));
                var app = builder.Build();
                app.Run();
                """)
            .File("/k8s/a.yaml", Deployment(Grace("{|#1:25|}"), "orders-a"))
            .File("/k8s/b.yaml", Deployment(Grace("{|#2:20|}"), "orders-b"))
            .Expect(
                SG1003.WithLocation(0).WithLocation(1),
                SG1003.WithLocation(0).WithLocation(2))
            .RunAsync();
    }

    [Fact]
    public async Task No_value_is_offered_that_would_not_exceed_the_in_app_delay()
    {
        const string Code = Usings + """
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.{|#0:Build()|};
            app.Lifetime.ApplicationStopping.Register(() => System.Threading.Thread.Sleep(26_000));
            app.Run();
            """;
        await SetTimeout()
            .Source(Code)
            .File("/k8s/deployment.yaml", Deployment(kind: "{|#1:Deployment|}"))
            .Expect(SG1003.WithLocation(0).WithLocation(1))
            .NoFix()
            .RunAsync();
    }

    [Fact]
    public async Task The_grace_period_scalar_is_rewritten_and_nothing_else_changes()
    {
        const string Before = "# orders\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: orders\nspec:\n  template:\n    spec:\n      terminationGracePeriodSeconds: {|#1:30|}   # seconds\n      containers:\n      - {name: orders-api, image: orders-api}\n";
        var after = Before.Replace("{|#1:30|}", "35");
        AssertReadable(after, 35);

        await RaiseGrace()
            .Source(Usings + "WebApplication.CreateBuilder(args).{|#0:Build()|}.Run();")
            .File("/k8s/deployment.yaml", Before, after)
            .Expect(SG1003.WithLocation(0).WithLocation(1))
            .RunAsync();
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public async Task The_grace_period_key_is_inserted_with_the_file_s_indentation_and_line_breaks(string newLine)
    {
        var before = "apiVersion: apps/v1\nkind: {|#1:Deployment|}\nmetadata:\n    name: orders\nspec:\n    template:\n        spec: # the pod\n            containers:\n                - name: orders-api\n                  image: orders-api:1.0\n".Replace("\n", newLine);
        var after = before
            .Replace("{|#1:Deployment|}", "Deployment")
            .Replace("spec: # the pod" + newLine, "spec: # the pod" + newLine + "            terminationGracePeriodSeconds: 35" + newLine);
        AssertReadable(after, 35);

        await RaiseGrace()
            .Source(Usings + "WebApplication.CreateBuilder(args).{|#0:Build()|}.Run();")
            .File("/k8s/deployment.yaml", before, after)
            .Expect(SG1003.WithLocation(0).WithLocation(1))
            .RunAsync();
    }

    [Fact]
    public async Task Fix_All_raises_the_grace_period_of_every_workload()
    {
        await RaiseGrace()
            .Source(Usings + "WebApplication.CreateBuilder(args).{|#0:Build()|}.Run();")
            .File("/k8s/a.yaml", Deployment(Grace("{|#1:20|}"), "orders-a"), Deployment(Grace("35"), "orders-a"))
            .File("/k8s/b.yaml", Deployment(Grace("{|#2:10|}"), "orders-b"), Deployment(Grace("35"), "orders-b"))
            .Expect(
                SG1003.WithLocation(0).WithLocation(1),
                SG1003.WithLocation(0).WithLocation(2))
            .RunAsync();
    }

    [Theory]
    [InlineData("builder.Services.Configure<HostOptions>({|#0:builder.Configuration.GetSection(\"HostOptions\")|});", "{ \"HostOptions\": { \"ShutdownTimeout\": {|#2:\"00:00:35\"|} } }")]
    [InlineData("builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = {|#0:TimeSpan.FromSeconds(builder.Configuration.GetValue<int>(\"Shutdown:Seconds\", 30))|});", "{ \"Shutdown\": { \"Seconds\": {|#2:35|} } }")]
    public async Task A_value_read_from_configuration_gets_no_C_sharp_fix(string setting, string appSettings)
    {
        // Rewriting the code would stop it reading its configuration; the value is changed where it is configured.
        await SetTimeout()
            .Source("using Microsoft.Extensions.Configuration;\n" + Usings + "var builder = WebApplication.CreateBuilder(args);\n" + setting + "\nbuilder.Build().Run();\n")
            .File("/appsettings.json", appSettings)
            .File("/k8s/deployment.yaml", Deployment(Grace("{|#1:30|}")))
            .Expect(SG1003.WithLocation(0).WithLocation(1).WithLocation(2))
            .NoFix()
            .RunAsync();
    }

    [Fact]
    public async Task Fix_All_raises_the_grace_period_of_every_workload_for_a_bound_value()
    {
        await RaiseGrace()
            .Source(Usings + """
                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddOptions<HostOptions>().BindConfiguration({|#0:"HostOptions"|});
                builder.Build().Run();
                """)
            .File("/appsettings.json", "{ \"HostOptions\": { \"ShutdownTimeout\": {|#3:\"00:00:35\"|} } }")
            .File("/k8s/a.yaml", Deployment(Grace("{|#1:20|}"), "orders-a"), Deployment(Grace("40"), "orders-a"))
            .File("/k8s/b.yaml", Deployment(Grace("{|#2:30|}"), "orders-b"), Deployment(Grace("40"), "orders-b"))
            .Expect(
                SG1003.WithLocation(0).WithLocation(1).WithLocation(3),
                SG1003.WithLocation(0).WithLocation(2).WithLocation(3))
            .RunAsync();
    }

    /// <summary>The fixed manifest re-parses and carries the new grace period (an unreadable one would hide SG1003).</summary>
    private static void AssertReadable(string manifest, int gracePeriod)
    {
        var workload = Assert.Single(Verification.Manifests.Set(("/k8s/deployment.yaml", manifest)).Workloads).Workload;
        Assert.Equal(gracePeriod, workload.Pod.TerminationGracePeriodSeconds?.AsInt());
    }
}
