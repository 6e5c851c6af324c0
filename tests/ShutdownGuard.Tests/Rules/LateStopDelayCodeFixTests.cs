using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using ShutdownGuard.CodeFixes.Draining;
using ShutdownGuard.Rules;
using ShutdownGuard.Tests.Verification;

namespace ShutdownGuard.Tests.Rules;

public class LateStopDelayCodeFixTests
{
    private const string Program = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddHostedService<Drain>();
        var app = builder.{|#1:Build()|};
        app.MapGet("/ready", () => "ready");
        app.Run();

        """;

    private const string Registration = "builder.Services.AddSingleton<GracefulShutdown>().AddHostedService(provider => provider.GetRequiredService<GracefulShutdown>());\n";

    private static DiagnosticResult SG1005(string seconds) =>
        Expect.Diagnostic("SG1005", DiagnosticSeverity.Warning).WithLocation(0).WithLocation(1).WithArguments(seconds);

    private static CodeFixVerifier<ProgramAnalyzer, LateStopDelayCodeFix> Fix() =>
        new CodeFixVerifier<ProgramAnalyzer, LateStopDelayCodeFix>(LateStopDelayCodeFix.EquivalenceKey).Only("SG1005");

    private static string Service(string stopAsync) => """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.Hosting;

        sealed class Drain : IHostedService
        {
            public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

            STOP
        }
        """.Replace("STOP", stopAsync);

    private static string FixedProgram(string declaration) =>
        Program.Replace("var app = builder.{|#1:Build()|};", Registration + "var app = builder.Build();") + "\n" + declaration + "\n";

    [Theory]
    [InlineData(
        "public async Task StopAsync(CancellationToken cancellationToken)\n    {\n        await {|#0:Task.Delay(TimeSpan.FromSeconds(10), cancellationToken)|};\n    }",
        "public Task StopAsync(CancellationToken cancellationToken)\n    {\n        return Task.CompletedTask;\n    }")]
    [InlineData(
        "public Task StopAsync(CancellationToken cancellationToken) => {|#0:Task.Delay(TimeSpan.FromSeconds(10), cancellationToken)|};",
        "public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;")]
    [InlineData(
        "public async Task StopAsync(CancellationToken cancellationToken)\n    {\n        Console.WriteLine(\"stopping\");\n        await {|#0:Task.Delay(10_000, cancellationToken)|};\n        await Console.Out.FlushAsync();\n    }",
        "public async Task StopAsync(CancellationToken cancellationToken)\n    {\n        Console.WriteLine(\"stopping\");\n        await Console.Out.FlushAsync();\n    }")]
    public async Task The_delay_leaves_StopAsync_and_the_scaffolding_delays_as_long_before_the_server_stops(string before, string after)
    {
        await Fix()
            .Source(Program, FixedProgram(DrainingScaffolding.Lifecycle.Replace("DrainDelaySeconds = 5;", "DrainDelaySeconds = 10;")))
            .Source(Service(before), Service(after))
            .Expect(SG1005("10 s"))
            .RunAsync();
    }

    [Fact]
    public async Task On_Hosting_6_the_scaffolding_blocks_a_stopping_callback_and_ShutdownTimeout_leaves_time_to_drain()
    {
        await Fix()
            .References(References.AspNetCore60)
            .Source(
                Program,
                FixedProgram(DrainingScaffolding.StoppingCallback).Replace(
                    "var app = builder.Build();",
                    "builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(30));\nvar app = builder.Build();"))
            .Source(
                Service("public Task StopAsync(CancellationToken cancellationToken)\n    {\n        {|#0:Thread.Sleep(5000)|};\n        return Task.CompletedTask;\n    }"),
                Service("public Task StopAsync(CancellationToken cancellationToken)\n    {\n        return Task.CompletedTask;\n    }"))
            .Expect(SG1005("5 s"))
            .RunAsync();
    }

    [Fact]
    public async Task An_app_that_delays_before_the_server_stops_already_only_loses_the_late_delay()
    {
        const string Early = "\nstatic class Early\n{\n    public static void Register(IHostApplicationLifetime lifetime) => lifetime.ApplicationStopping.Register(() => Thread.Sleep(5000));\n}\n";
        await Fix()
            .Source(Program + Early, Program.Replace("{|#1:Build()|}", "Build()") + Early)
            .Source(
                Service("public Task StopAsync(CancellationToken cancellationToken) => {|#0:Task.Delay(5000, cancellationToken)|};"),
                Service("public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;"))
            .Expect(SG1005("5 s"))
            .RunAsync();
    }

    [Fact]
    public async Task A_delay_in_a_method_StopAsync_calls_gets_no_fix()
    {
        await Fix()
            .Source(Program)
            .Source(Service("public Task StopAsync(CancellationToken cancellationToken) => WaitAsync(cancellationToken);\n\n    private static Task WaitAsync(CancellationToken cancellationToken) => {|#0:Task.Delay(5000, cancellationToken)|};"))
            .Expect(SG1005("5 s"))
            .NoFix()
            .RunAsync();
    }
}
