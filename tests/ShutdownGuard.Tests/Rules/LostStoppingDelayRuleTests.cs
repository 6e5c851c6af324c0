using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using ShutdownGuard.Tests.Verification;
using Verifier = ShutdownGuard.Tests.Verification.AnalyzerVerifier<ShutdownGuard.Rules.ProgramAnalyzer>;

namespace ShutdownGuard.Tests.Rules;

public class LostStoppingDelayRuleTests
{
    private const string Usings = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;

        """;

    private const string App = Usings + "var app = WebApplication.CreateBuilder(args).{|#1:Build()|};\n";

    private const string Drain = "\nstatic class Drain\n{\n    public static async Task DrainAsync() => await Task.Delay(TimeSpan.FromSeconds(5));\n}\n";

    private const string Async = "is async and returns at its first await";

    private const string Dropped = "starts a task and does not wait for it";

    private static DiagnosticResult SG1004(string how, string delay) =>
        Expect.Diagnostic("SG1004", DiagnosticSeverity.Warning).WithLocation(0).WithLocation(1).WithArguments(how, delay);

    private static Verifier Verify() => new Verifier().Only("SG1001", "SG1004");

    [Theory]
    [InlineData("app.Lifetime.ApplicationStopping.Register({|#0:async () => await Task.Delay(10_000)|});", Async, " of 10 s")]
    [InlineData("app.Lifetime.ApplicationStopping.Register({|#0:async () => { Console.WriteLine(\"stopping\"); await Task.Delay(TimeSpan.FromSeconds(5)).ConfigureAwait(false); }|});", Async, " of 5 s")]
    [InlineData("app.Lifetime.ApplicationStopping.Register({|#0:() => Task.Delay(5000)|});", Dropped, " of 5 s")]
    [InlineData("app.Lifetime.ApplicationStopping.Register({|#0:() => { _ = Task.Delay(5000); }|});", Dropped, " of 5 s")]
    [InlineData("var stopping = app.Lifetime.ApplicationStopping;\nstopping.Register({|#0:async () => await Task.Delay(int.Parse(args[0]))|});", Async, "")]
    public async Task A_stopping_callback_that_does_not_wait_for_its_delay_is_reported_at_the_lambda(string code, string how, string delay)
    {
        await Verify().Source(App + code + "\napp.Run();").Expect(SG1004(how, delay)).RunAsync();
    }

    [Theory]
    [InlineData("app.Lifetime.ApplicationStopping.Register({|#0:() => _ = Drain.DrainAsync()|});", Dropped)]
    [InlineData("app.Lifetime.ApplicationStopping.Register({|#0:() => Drain.DrainAsync()|});", Dropped)]
    [InlineData("app.Lifetime.ApplicationStopping.Register({|#0:async () => await Drain.DrainAsync()|});", Async)]
    public async Task A_delay_in_a_called_method_that_the_callback_does_not_wait_for_is_reported(string code, string how)
    {
        await Verify().Source(App + code + "\napp.Run();" + Drain).Expect(SG1004(how, " of 5 s")).RunAsync();
    }

    [Fact]
    public async Task An_async_method_registered_as_a_callback_is_reported_at_the_registration()
    {
        await Verify()
            .Source(App + "app.Lifetime.ApplicationStopping.{|#0:Register(OnStopping)|};\napp.Run();\n\nasync void OnStopping() => await Task.Delay(5000);")
            .Expect(SG1004(Async, " of 5 s"))
            .RunAsync();
    }

    [Fact]
    public async Task A_callback_registered_by_an_injected_lifetime_is_reported()
    {
        await Verify()
            .Source(Usings + "var builder = WebApplication.CreateBuilder(args);\nbuilder.Services.AddHostedService<Draining>();\nbuilder.{|#1:Build()|}.Run();")
            .Source("""
                using System;
                using System.Threading;
                using System.Threading.Tasks;
                using Microsoft.Extensions.Hosting;

                sealed class Draining(IHostApplicationLifetime lifetime) : IHostedService
                {
                    public volatile bool IsStopping;

                    public Task StartAsync(CancellationToken cancellationToken)
                    {
                        lifetime.ApplicationStopping.Register({|#0:async () =>
                        {
                            IsStopping = true;
                            await Task.Delay(TimeSpan.FromSeconds(10));
                        }|});
                        return Task.CompletedTask;
                    }

                    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
                }
                """)
            .Expect(SG1004(Async, " of 10 s"))
            .RunAsync();
    }

    [Theory]
    [InlineData("app.Lifetime.ApplicationStopping.Register(() => Thread.Sleep(5000));")]
    [InlineData("app.Lifetime.ApplicationStopping.Register(() => Task.Delay(5000).GetAwaiter().GetResult());")]
    [InlineData("app.Lifetime.ApplicationStopping.Register(() => Drain.DrainAsync().GetAwaiter().GetResult());")]
    [InlineData("app.Lifetime.ApplicationStopping.Register(() => Drain.DrainAsync().Wait());")]
    [InlineData("app.Lifetime.ApplicationStopping.Register(async () => await Console.Out.FlushAsync());")]
    [InlineData("app.Lifetime.ApplicationStopping.Register(() => _ = Console.Out.FlushAsync());")]
    [InlineData("using var cts = new CancellationTokenSource();\ncts.Token.Register(async () => await Task.Delay(5000));")]
    public async Task Blocking_callbacks_and_callbacks_that_drop_no_delay_are_not_reported(string code)
    {
        await new Verifier().Only("SG1004").Source(App.Replace("{|#1:Build()|}", "Build()") + code + "\napp.Run();" + Drain).RunAsync();
    }

    [Fact]
    public async Task A_worker_that_serves_no_traffic_is_not_reported()
    {
        await new Verifier().Only("SG1004")
            .References(References.Hosting80)
            .Source("""
                using System.Threading.Tasks;
                using Microsoft.Extensions.DependencyInjection;
                using Microsoft.Extensions.Hosting;

                var host = Host.CreateApplicationBuilder(args).Build();
                host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(async () => await Task.Delay(5000));
                host.Run();
                """)
            .RunAsync();
    }

    [Theory]
    [InlineData("app.Lifetime.ApplicationStopping.Register(async () => await Task.Delay(")]
    [InlineData("app.Lifetime.ApplicationStopping.Register(() => _ = ")]
    [InlineData("app.Lifetime.ApplicationStopping.Register(async () =>")]
    public async Task Half_typed_code_throws_nothing(string code)
    {
        var analysis = await FullAnalysis.RunAsync(App.Replace("{|#1:", string.Empty).Replace("|}", string.Empty) + code, []);

        Assert.Empty(analysis.Exceptions);
    }
}
