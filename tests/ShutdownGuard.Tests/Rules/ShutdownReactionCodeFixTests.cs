using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using ShutdownGuard.CodeFixes.Draining;
using ShutdownGuard.Rules;
using ShutdownGuard.Tests.Verification;

namespace ShutdownGuard.Tests.Rules;

public class ShutdownReactionCodeFixTests
{
    private const string Usings = """
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Hosting;
        using Microsoft.AspNetCore.Http;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;

        """;

    private static DiagnosticResult SG1001 => Expect.Diagnostic("SG1001", DiagnosticSeverity.Warning);

    private static CodeFixVerifier<ProgramAnalyzer, ShutdownReactionCodeFix> Fix() =>
        new CodeFixVerifier<ProgramAnalyzer, ShutdownReactionCodeFix>(ShutdownReactionCodeFix.EquivalenceKey).Only("SG1001");

    /// <summary>The usings the scaffolding adds, before those of <see cref="Usings"/>.</summary>
    private const string ScaffoldingUsings = "using System;\nusing System.Threading;\nusing System.Threading.Tasks;\n";

    /// <summary>A fixed file: the scaffolding's usings, the code, and the class appended after a blank line; a file that
    /// ended with a line break still does.</summary>
    private static string WithScaffolding(string code, string declaration) =>
        ScaffoldingUsings + code.TrimEnd('\n') + "\n\n" + declaration + (code.EndsWith('\n') ? "\n" : string.Empty);

    [Fact]
    public async Task A_web_app_without_readiness_gets_the_scaffolding_and_a_readiness_endpoint()
    {
        await Fix()
            .Source(
                Usings + """
                var builder = WebApplication.CreateBuilder(args);
                var app = builder.{|#0:Build()|};
                app.MapGet("/orders", () => "[]");
                app.Run();
                """,
                WithScaffolding(Usings + """
                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddSingleton<GracefulShutdown>().AddHostedService(provider => provider.GetRequiredService<GracefulShutdown>());
                var app = builder.Build();
                app.MapGet("/ready", (GracefulShutdown shutdown) => shutdown.IsStopping ? Results.StatusCode(StatusCodes.Status503ServiceUnavailable) : Results.Text("ready"));
                app.MapGet("/orders", () => "[]");
                app.Run();
                """, DrainingScaffolding.Lifecycle))
            .Expect(SG1001.WithLocation(0))
            .RunAsync();
    }

    [Fact]
    public async Task The_readiness_endpoint_goes_to_the_manifest_s_readiness_path_and_an_existing_one_is_left_alone()
    {
        const string Manifest = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: orders\nspec:\n  template:\n    spec:\n      terminationGracePeriodSeconds: 60\n      containers:\n      - name: orders-api\n        image: orders-api:1.0\n        readinessProbe:\n          httpGet: {path: /healthz/ready, port: 8080}\n";
        await Fix()
            .Source(
                Usings + "var builder = WebApplication.CreateBuilder(args);\nvar app = builder.{|#0:Build()|};\napp.Run();\n",
                WithScaffolding(Usings + "var builder = WebApplication.CreateBuilder(args);\nbuilder.Services.AddSingleton<GracefulShutdown>().AddHostedService(provider => provider.GetRequiredService<GracefulShutdown>());\nvar app = builder.Build();\napp.MapGet(\"/healthz/ready\", (GracefulShutdown shutdown) => shutdown.IsStopping ? Results.StatusCode(StatusCodes.Status503ServiceUnavailable) : Results.Text(\"ready\"));\napp.Run();\n", DrainingScaffolding.Lifecycle))
            .File("/k8s/deployment.yaml", Manifest)
            .Expect(SG1001.WithLocation(0))
            .Remaining()
            .RunAsync();
    }

    [Theory]
    [InlineData("\n", true)]
    [InlineData("\r\n", true)]
    [InlineData("\n", false)]
    public async Task The_file_keeps_its_final_line_break_and_gains_none(string lineBreak, bool endsWithLineBreak)
    {
        var end = endsWithLineBreak ? "\n" : string.Empty;
        var before = Usings + "var builder = WebApplication.CreateBuilder(args);\nvar app = builder.{|#0:Build()|};\napp.MapGet(\"/ready\", () => \"ready\");\napp.Run();" + end;
        var after = WithScaffolding(
            Usings + "var builder = WebApplication.CreateBuilder(args);\nbuilder.Services.AddSingleton<GracefulShutdown>().AddHostedService(provider => provider.GetRequiredService<GracefulShutdown>());\nvar app = builder.Build();\napp.MapGet(\"/ready\", () => \"ready\");\napp.Run();" + end,
            DrainingScaffolding.Lifecycle);
        await Fix()
            .Source(before.Replace("\n", lineBreak), after.Replace("\n", lineBreak))
            .Expect(SG1001.WithLocation(0))
            .RunAsync();
    }

    [Fact]
    public async Task The_scaffolding_goes_into_the_namespace_of_the_file_that_builds_the_host()
    {
        const string Before = """
            public static class Program
            {
                public static void Main(string[] args)
                {
                    var builder = WebApplication.CreateBuilder(args);
                    var app = builder.{|#0:Build()|};
                    app.MapGet("/ready", () => "ready");
                    app.Run();
                }
            }
            """;
        var after = Before.Replace("builder.{|#0:Build()|}", "builder.Build()").Replace(
            "        var app",
            "        builder.Services.AddSingleton<GracefulShutdown>().AddHostedService(provider => provider.GetRequiredService<GracefulShutdown>());\n        var app");
        await Fix()
            .Source(Usings + "namespace Orders.Api;\n\n" + Before, WithScaffolding(Usings + "namespace Orders.Api;\n\n" + after, DrainingScaffolding.Lifecycle))
            .Expect(SG1001.WithLocation(0))
            .RunAsync();
    }

    [Fact]
    public async Task A_host_builder_chain_is_configured_with_ConfigureServices()
    {
        await Fix()
            .Source(
                Usings + """
                Host.CreateDefaultBuilder(args)
                    .ConfigureWebHostDefaults(web => web.Configure(app => { }))
                    .{|#0:Build()|}
                    .Run();
                """,
                WithScaffolding(Usings + """
                Host.CreateDefaultBuilder(args)
                    .ConfigureWebHostDefaults(web => web.Configure(app => { })).ConfigureServices(services => services.AddSingleton<GracefulShutdown>().AddHostedService(provider => provider.GetRequiredService<GracefulShutdown>()))
                    .Build()
                    .Run();
                """, DrainingScaffolding.Lifecycle))
            .Expect(SG1001.WithLocation(0))
            .RunAsync();
    }

    [Fact]
    public async Task Hosting_6_gets_a_blocking_stopping_callback_and_a_ShutdownTimeout_that_leaves_time_to_drain()
    {
        await Fix()
            .References(References.AspNetCore60)
            .Source(
                Usings + """
                var builder = WebApplication.CreateBuilder(args);
                var app = builder.{|#0:Build()|};
                app.MapGet("/ready", () => "ready");
                app.Run();
                """,
                WithScaffolding(Usings + """
                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddSingleton<GracefulShutdown>().AddHostedService(provider => provider.GetRequiredService<GracefulShutdown>());
                builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(30));
                var app = builder.Build();
                app.MapGet("/ready", () => "ready");
                app.Run();
                """, DrainingScaffolding.StoppingCallback))
            .Expect(SG1001.WithLocation(0))
            .RunAsync();
    }

    [Fact]
    public async Task A_ShutdownTimeout_too_short_to_drain_is_rewritten_where_the_code_sets_it()
    {
        await Fix()
            .Source(
                Usings + """
                var builder = WebApplication.CreateBuilder(args);
                builder.WebHost.UseShutdownTimeout({|#1:System.TimeSpan.FromSeconds(5)|});
                var app = builder.{|#0:Build()|};
                app.MapGet("/ready", () => "ready");
                app.Run();

                """,
                WithScaffolding(Usings + """
                var builder = WebApplication.CreateBuilder(args);
                builder.WebHost.UseShutdownTimeout(TimeSpan.FromSeconds(30));
                builder.Services.AddSingleton<GracefulShutdown>().AddHostedService(provider => provider.GetRequiredService<GracefulShutdown>());
                var app = builder.Build();
                app.MapGet("/ready", () => "ready");
                app.Run();

                """, DrainingScaffolding.Lifecycle))
            .Expect(SG1001.WithLocation(0).WithLocation(1))
            .RunAsync();
    }

    [Fact]
    public async Task A_worker_that_serves_no_traffic_gets_no_scaffolding()
    {
        await Fix()
            .References(References.Hosting80)
            .Source("using Microsoft.Extensions.Hosting;\nHost.CreateApplicationBuilder(args).{|#0:Build()|}.Run();\n")
            .Expect(SG1001.WithLocation(0))
            .NoFix()
            .RunAsync();
    }
}
