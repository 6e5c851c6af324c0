using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using ShutdownGuard.CodeFixes.Draining;
using ShutdownGuard.Rules;
using ShutdownGuard.Tests.Verification;

namespace ShutdownGuard.Tests.Rules;

public class IgnoredStoppingTokenCodeFixTests
{
    private const string WorkerHost = "using Microsoft.Extensions.DependencyInjection;\nusing Microsoft.Extensions.Hosting;\nvar builder = Host.CreateApplicationBuilder(args);\nbuilder.Services.AddHostedService<Worker>();\nbuilder.Build().Run();";

    private static DiagnosticResult SG1007 => Expect.Diagnostic("SG1007", DiagnosticSeverity.Warning);

    private static CodeFixVerifier<ProgramAnalyzer, IgnoredStoppingTokenCodeFix> Fix() =>
        new CodeFixVerifier<ProgramAnalyzer, IgnoredStoppingTokenCodeFix>(IgnoredStoppingTokenCodeFix.EquivalenceKey)
            .Only("SG1007", "SG1001")
            .References(References.Hosting80);

    private static string Service(string name, string token, string body) => $$"""
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.Hosting;

        sealed class {{name}} : BackgroundService
        {
            protected override async Task ExecuteAsync(CancellationToken {{token}})
            {
        {{body}}
            }
        }
        """;

    [Theory]
    [InlineData(
        "        {|#0:while|} (true)\n        {\n            await Task.Delay(1000);\n            Console.WriteLine(\"tick\");\n        }",
        "        while (!stoppingToken.IsCancellationRequested)\n        {\n            await Task.Delay(1000, stoppingToken);\n            Console.WriteLine(\"tick\");\n        }")]
    [InlineData(
        "        {|#0:for|} (var i = 0; ; i++)\n        {\n            await Task.Delay(TimeSpan.FromSeconds(i));\n        }",
        "        for (var i = 0; !stoppingToken.IsCancellationRequested; i++)\n        {\n            await Task.Delay(TimeSpan.FromSeconds(i), stoppingToken);\n        }")]
    [InlineData(
        "        {|#0:do|}\n        {\n            await Task.Delay(1000);\n            Func<Task> later = () => Task.Delay(5);\n        }\n        while (true);",
        "        do\n        {\n            await Task.Delay(1000, stoppingToken);\n            Func<Task> later = () => Task.Delay(5);\n        }\n        while (!stoppingToken.IsCancellationRequested);")]
    public async Task The_loop_runs_while_the_token_is_not_cancelled_and_its_delays_take_the_token(string before, string after)
    {
        await Fix()
            .Source(WorkerHost)
            .Source(Service("Worker", "stoppingToken", before), Service("Worker", "stoppingToken", after))
            .Expect(SG1007.WithLocation(0))
            .RunAsync();
    }

    [Fact]
    public async Task The_fix_uses_the_parameter_s_own_name_and_Fix_All_fixes_every_service()
    {
        const string Before = "        {|#N:while|} (true)\n        {\n            await Task.Delay(1000);\n        }";
        const string After = "        while (!TOKEN.IsCancellationRequested)\n        {\n            await Task.Delay(1000, TOKEN);\n        }";
        await Fix()
            .Source(WorkerHost)
            .Source(Service("Worker", "ct", Before.Replace("N", "0")), Service("Worker", "ct", After.Replace("TOKEN", "ct")))
            .Source(Service("Other", "cancellationToken", Before.Replace("N", "1")), Service("Other", "cancellationToken", After.Replace("TOKEN", "cancellationToken")))
            .Expect(SG1007.WithLocation(0).WithArguments("Worker"), SG1007.WithLocation(1).WithArguments("Other"))
            .RunAsync();
    }
}
