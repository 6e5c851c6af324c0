using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using ShutdownGuard.CodeFixes.Draining;
using ShutdownGuard.Rules;
using ShutdownGuard.Tests.Verification;

namespace ShutdownGuard.Tests.Rules;

public class LostStoppingDelayCodeFixTests
{
    private const string Usings = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;

        """;

    private const string Registration = "builder.Services.AddSingleton<GracefulShutdown>().AddHostedService(provider => provider.GetRequiredService<GracefulShutdown>());\n";

    private static DiagnosticResult SG1004 => Expect.Diagnostic("SG1004", DiagnosticSeverity.Warning).WithLocation(0).WithLocation(1);

    private static CodeFixVerifier<ProgramAnalyzer, LostStoppingDelayCodeFix> Fix() =>
        new CodeFixVerifier<ProgramAnalyzer, LostStoppingDelayCodeFix>(LostStoppingDelayCodeFix.EquivalenceKey).Only("SG1004");

    private static string Program(string callbacks) =>
        Usings + "var builder = WebApplication.CreateBuilder(args);\nvar app = builder.{|#1:Build()|};\napp.MapGet(\"/ready\", () => \"ready\");\n" + callbacks + "app.Run();\n";

    private static string Lifecycle(int seconds) => DrainingScaffolding.Lifecycle.Replace("DrainDelaySeconds = 5;", $"DrainDelaySeconds = {seconds};");

    [Fact]
    public async Task On_Hosting_8_a_callback_that_only_delays_becomes_the_scaffolding_with_its_delay()
    {
        await Fix()
            .Source(
                Program("app.Lifetime.ApplicationStopping.Register({|#0:async () => await Task.Delay(TimeSpan.FromSeconds(10))|});\n"),
                Program(string.Empty).Replace("var app = builder.{|#1:Build()|};", Registration + "var app = builder.Build();") + "\n" + Lifecycle(10) + "\n")
            .Expect(SG1004)
            .RunAsync();
    }

    [Fact]
    public async Task On_Hosting_8_the_rest_of_the_callback_stays_and_is_no_longer_async()
    {
        const string Before = "var stopping = false;\napp.Lifetime.ApplicationStopping.Register({|#0:async () =>\n{\n    stopping = true;\n    await Task.Delay(5000);\n}|});\napp.MapGet(\"/stopping\", () => stopping);\n";
        const string After = "var stopping = false;\napp.Lifetime.ApplicationStopping.Register(() =>\n{\n    stopping = true;\n});\napp.MapGet(\"/stopping\", () => stopping);\n";
        await Fix()
            .Source(Program(Before), Program(After).Replace("var app = builder.{|#1:Build()|};", Registration + "var app = builder.Build();") + "\n" + Lifecycle(5) + "\n")
            .Expect(SG1004)
            .RunAsync();
    }

    [Fact]
    public async Task Fix_All_moves_every_delay_into_one_scaffolding()
    {
        await Fix()
            .Source(
                Program("app.Lifetime.ApplicationStopping.Register({|#0:async () => await Task.Delay(5000)|});\napp.Lifetime.ApplicationStopping.Register({|#2:() => Task.Delay(5000)|});\n"),
                Program(string.Empty).Replace("var app = builder.{|#1:Build()|};", Registration + "var app = builder.Build();") + "\n" + Lifecycle(5) + "\n")
            .Expect(SG1004, Expect.Diagnostic("SG1004", DiagnosticSeverity.Warning).WithLocation(2).WithLocation(1))
            .RunAsync();
    }

    [Fact]
    public async Task On_Hosting_6_the_callback_blocks_and_ShutdownTimeout_leaves_time_to_drain()
    {
        await Fix()
            .References(References.AspNetCore60)
            .Source(
                Program("app.Lifetime.ApplicationStopping.Register({|#0:async () => await Task.Delay(5000)|});\n"),
                Program("app.Lifetime.ApplicationStopping.Register(() => Thread.Sleep(5000));\n").Replace(
                    "var app = builder.{|#1:Build()|};",
                    "builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(30));\nvar app = builder.Build();"))
            .Expect(SG1004)
            .RunAsync();
    }

    [Theory]
    [InlineData("() => _ = Drain.DrainAsync()", "() => Drain.DrainAsync().GetAwaiter().GetResult()")]
    [InlineData("async () => await Drain.DrainAsync().ConfigureAwait(false)", "() => Drain.DrainAsync().GetAwaiter().GetResult()")]
    public async Task A_delay_in_a_called_method_is_waited_for_by_blocking(string before, string after)
    {
        const string Drain = "\nstatic class Drain\n{\n    public static async Task DrainAsync() => await Task.Delay(5000);\n}\n";
        await Fix()
            .Source(
                Program("app.Lifetime.ApplicationStopping.Register({|#0:" + before + "|});\n") + Drain,
                Program("app.Lifetime.ApplicationStopping.Register(" + after + ");\n").Replace("{|#1:Build()|}", "Build()") + Drain)
            .Expect(SG1004)
            .RunAsync();
    }

    [Fact]
    public async Task An_async_method_registered_as_a_callback_gets_no_fix()
    {
        await Fix()
            .Source(Program("app.Lifetime.ApplicationStopping.{|#0:Register(OnStopping)|};\n") + "\nasync void OnStopping() => await Task.Delay(5000);\n")
            .Expect(SG1004)
            .NoFix()
            .RunAsync();
    }
}
