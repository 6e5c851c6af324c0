using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using ShutdownGuard.Tests.Verification;
using Verifier = ShutdownGuard.Tests.Verification.AnalyzerVerifier<ShutdownGuard.Rules.ProgramAnalyzer>;

namespace ShutdownGuard.Tests.Rules;

public class IgnoredStoppingTokenRuleTests
{
    private const string WorkerHost = "using Microsoft.Extensions.DependencyInjection;\nusing Microsoft.Extensions.Hosting;\nvar builder = Host.CreateApplicationBuilder(args);\nbuilder.Services.AddHostedService<Worker>();\nbuilder.{|#1:Build()|}.Run();";

    private const string WebHost = "using Microsoft.AspNetCore.Builder;\nusing Microsoft.Extensions.DependencyInjection;\nvar builder = WebApplication.CreateBuilder(args);\nbuilder.Services.AddHostedService<Worker>();\nbuilder.{|#1:Build()|}.Run();";

    private static DiagnosticResult SG1007 => Expect.Diagnostic("SG1007", DiagnosticSeverity.Warning);

    private static Verifier Verify() => new Verifier().Only("SG1007", "SG1001").References(References.Hosting80);

    /// <summary>A worker whose <c>ExecuteAsync</c> has the given body; its parameter is <c>stoppingToken</c>.</summary>
    private static string Worker(string body, string members = "") => $$"""
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.Hosting;

        sealed class Worker(IHostApplicationLifetime lifetime) : BackgroundService
        {
            private CancellationToken _token;

            protected override async Task ExecuteAsync(CancellationToken stoppingToken)
            {
        {{body}}
            }

            private static void Work() { }
        {{members}}
        }
        """;

    [Theory]
    [InlineData("        {|#0:while|} (true)\n        {\n            Work();\n            await Task.Delay(1000);\n        }")]
    [InlineData("        {|#0:for|} (;;)\n        {\n            Work();\n            await Task.Delay(TimeSpan.FromSeconds(1));\n        }")]
    [InlineData("        {|#0:do|}\n        {\n            Work();\n            await Task.Delay(1000, CancellationToken.None);\n        }\n        while (true);")]
    [InlineData("        await Task.Yield();\n        {|#0:while|} (true)\n        {\n            while (true) { Work(); break; }\n        }")]
    [InlineData("        {|#0:while|} (true)\n        {\n            await Task.Delay(1000, default);\n        }")]
    public async Task A_loop_that_never_looks_at_the_stopping_token_is_reported_instead_of_SG1001(string body)
    {
        await Verify()
            .Source(WorkerHost)
            .Source(Worker(body))
            .Expect(SG1007.WithLocation(0).WithArguments("Worker"))
            .RunAsync();
    }

    [Fact]
    public async Task In_a_web_app_the_loop_is_reported_and_the_missing_drain_too()
    {
        await Verify()
            .References(References.AspNetCore80)
            .Source(WebHost)
            .Source(Worker("        {|#0:while|} (true)\n        {\n            Work();\n            await Task.Delay(1000);\n        }"))
            .Expect(Expect.Diagnostic("SG1001", DiagnosticSeverity.Warning).WithLocation(1), SG1007.WithLocation(0))
            .RunAsync();
    }

    [Theory]
    [InlineData("        while (!stoppingToken.IsCancellationRequested)\n        {\n            Work();\n            await Task.Delay(1000);\n        }")]
    [InlineData("        while (true)\n        {\n            Work();\n            await Task.Delay(1000, stoppingToken);\n        }")]
    [InlineData("        _token = stoppingToken;\n        while (true)\n        {\n            Work();\n            await Task.Delay(1000);\n        }")]
    [InlineData("        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);\n        while (true)\n        {\n            Work();\n            await Task.Delay(1000);\n        }")]
    [InlineData("        while (true)\n        {\n            Work();\n            stoppingToken.ThrowIfCancellationRequested();\n        }")]
    public async Task A_token_observed_anywhere_in_the_method_is_observed(string body)
    {
        await Verify().Source(WorkerHost).Source(Worker(body)).RunAsync();
    }

    [Theory]
    [InlineData("        while (true)\n        {\n            if (DateTime.Now.Year > 3000) break;\n            await Task.Delay(1000);\n        }")]
    [InlineData("        while (true)\n        {\n            if (DateTime.Now.Year > 3000) return;\n            await Task.Delay(1000);\n        }")]
    [InlineData("        while (true)\n        {\n            if (DateTime.Now.Year > 3000) throw new InvalidOperationException();\n            await Task.Delay(1000);\n        }")]
    [InlineData("        while (true)\n        {\n            await Task.Delay(1000, lifetime.ApplicationStopping);\n        }")]
    [InlineData("        while (true)\n        {\n            await Task.Delay(1000, _token);\n        }")]
    [InlineData("        while (DateTime.Now.Year < 3000)\n        {\n            await Task.Delay(1000);\n        }")]
    [InlineData("        await Task.Run(() => { while (true) { Work(); } });")]
    [InlineData("        Work();\n        await Task.Delay(1000);")]
    public async Task A_loop_that_something_else_may_end_is_not_reported(string body)
    {
        await Verify().Only("SG1007").Source(WorkerHost).Source(Worker(body)).RunAsync();
    }

    [Fact]
    public async Task A_service_that_ends_its_work_in_StopAsync_is_not_reported()
    {
        await Verify().Only("SG1007")
            .Source(WorkerHost)
            .Source(Worker(
                "        while (true)\n        {\n            Work();\n            await Task.Delay(1000);\n        }",
                "    public override Task StopAsync(CancellationToken cancellationToken)\n    {\n        Environment.Exit(0);\n        return base.StopAsync(cancellationToken);\n    }\n"))
            .RunAsync();
    }

    [Theory]
    [InlineData("        while (true")]
    [InlineData("        while (true) { await Task.Delay(")]
    [InlineData("        for (;;) { Work(); }\n        }\n    }\n    protected override Task ExecuteAsync(CancellationToken other) { while (true) { } }")]
    public async Task Half_typed_code_throws_nothing(string body)
    {
        var diagnostics = await FullAnalysis.RunAsync(WorkerHost.Replace("{|#1:", string.Empty).Replace("|}", string.Empty) + "\n" + Worker(body), []);

        Assert.Empty(diagnostics.Exceptions);
    }
}
