using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using ShutdownGuard.Tests.Verification;
using Verifier = ShutdownGuard.Tests.Verification.AnalyzerVerifier<ShutdownGuard.Rules.ProgramAnalyzer>;

namespace ShutdownGuard.Tests.Rules;

public class LateStopDelayRuleTests
{
    private const string Usings = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Hosting;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;

        """;

    private static DiagnosticResult SG1005(string seconds) =>
        Expect.Diagnostic("SG1005", DiagnosticSeverity.Warning).WithLocation(0).WithLocation(1).WithArguments(seconds);

    private static Verifier Verify() => new Verifier().Only("SG1001", "SG1005");

    /// <summary>A hosted service whose StopAsync does <paramref name="stop"/>.</summary>
    private static string Service(string stop) => """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.Hosting;

        sealed class Drain : IHostedService
        {
            public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

            public async Task StopAsync(CancellationToken cancellationToken)
            {
                STOP
            }
        }
        """.Replace("STOP", stop);

    private const string Delay = "await {|#0:Task.Delay(TimeSpan.FromSeconds(10), cancellationToken)|};";

    [Theory]
    [InlineData("var builder = WebApplication.CreateBuilder(args);\nbuilder.Services.AddHostedService<Drain>();\nbuilder.{|#1:Build()|}.Run();")]
    [InlineData("var builder = WebApplication.CreateBuilder(args);\nbuilder.Services.AddSingleton<IHostedService, Drain>();\nbuilder.{|#1:Build()|}.Run();")]
    [InlineData("Host.CreateDefaultBuilder(args).ConfigureWebHostDefaults(web => { web.Configure(app => { }); web.ConfigureServices(services => services.AddHostedService<Drain>()); }).{|#1:Build()|}.Run();")]
    [InlineData("Host.CreateDefaultBuilder(args).ConfigureServices(services => services.AddHostedService<Drain>()).ConfigureWebHostDefaults(web => web.Configure(app => { })).{|#1:Build()|}.Run();")]
    [InlineData("Host.CreateDefaultBuilder(args).ConfigureWebHostDefaults(web => web.UseStartup<Startup>()).{|#1:Build()|}.Run();\n\nclass Startup\n{\n    public void ConfigureServices(IServiceCollection services) => services.AddHostedService<Drain>();\n\n    public void Configure(IApplicationBuilder app) { }\n}")]
    [InlineData("WebHost.CreateDefaultBuilder(args).ConfigureServices(services => services.AddHostedService<Drain>()).Configure(app => { }).{|#1:Build()|}.Run();")]
    public async Task A_delay_in_a_service_that_stops_after_the_server_is_reported_and_SG1001_is_not(string program)
    {
        await Verify().Source(Usings + program).Source(Service(Delay)).Expect(SG1005("10 s")).RunAsync();
    }

    [Fact]
    public async Task A_blocking_delay_and_one_in_a_called_method_are_reported()
    {
        const string Program = "var builder = WebApplication.CreateBuilder(args);\nbuilder.Services.AddHostedService<Drain>();\nbuilder.{|#1:Build()|}.Run();";
        await Verify().Source(Usings + Program).Source(Service("{|#0:Thread.Sleep(5000)|};\nawait Task.Yield();")).Expect(SG1005("5 s")).RunAsync();
        await Verify()
            .Source(Usings + Program)
            .Source(Service("await WaitAsync(cancellationToken);\n    }\n\n    private static Task WaitAsync(CancellationToken cancellationToken)\n    {\n        return {|#0:Task.Delay(5000, cancellationToken)|};"))
            .Expect(SG1005("5 s"))
            .RunAsync();
    }

    [Fact]
    public async Task A_delay_in_a_service_chained_after_ConfigureWebHostDefaults_runs_before_the_server_and_is_a_reaction()
    {
        await Verify()
            .Source(Usings + "Host.CreateDefaultBuilder(args).ConfigureWebHostDefaults(web => web.Configure(app => { })).ConfigureServices(services => services.AddHostedService<Drain>()).Build().Run();")
            .Source(Service(Delay.Replace("{|#0:", "").Replace("|}", "")))
            .RunAsync();
    }

    [Fact]
    public async Task A_worker_has_no_server_to_stop_after()
    {
        await Verify()
            .References(References.Hosting80)
            .Source("using Microsoft.Extensions.DependencyInjection;\nusing Microsoft.Extensions.Hosting;\nvar builder = Host.CreateApplicationBuilder(args);\nbuilder.Services.AddHostedService<Drain>();\nbuilder.Build().Run();")
            .Source(Service(Delay.Replace("{|#0:", "").Replace("|}", "")))
            .RunAsync();
    }

    [Theory]
    [InlineData("while (Volatile.Read(ref Busy) > 0) { await Task.Delay(100, cancellationToken); }")]
    [InlineData("await Task.Delay(500, cancellationToken);")]
    [InlineData("await Task.Delay(int.Parse(Environment.GetEnvironmentVariable(\"DRAIN_MS\") ?? \"0\"), cancellationToken);")]
    public async Task Polls_short_waits_and_unknown_lengths_are_no_drain_delay(string stop)
    {
        await new Verifier().Only("SG1005")
            .Source(Usings + "var builder = WebApplication.CreateBuilder(args);\nbuilder.Services.AddHostedService<Drain>();\nbuilder.Build().Run();")
            .Source(Service(stop).Replace("sealed class Drain : IHostedService\n{", "sealed class Drain : IHostedService\n{\n    public static int Busy;\n"))
            .RunAsync();
    }

    [Theory]
    // Registered where the order cannot be told, or not at all.
    [InlineData("Host.CreateDefaultBuilder(args).ConfigureWebHostDefaults(web => web.Configure(app => { })).ConfigureServices(services => services.AddDraining()).Build().Run();\n\nstatic class Registration\n{\n    public static IServiceCollection AddDraining(this IServiceCollection services) => services.AddHostedService<Drain>();\n}")]
    [InlineData("var builder = WebApplication.CreateBuilder(args);\nbuilder.Build().Run();")]
    public async Task A_service_whose_order_is_unknown_is_not_reported(string program)
    {
        await new Verifier().Only("SG1005").Source(Usings + program).Source(Service(Delay.Replace("{|#0:", "").Replace("|}", ""))).RunAsync();
    }

    [Theory]
    [InlineData("await Task.Delay(")]
    [InlineData("await Task.Delay(TimeSpan.FromSeconds(10), cancellationToken)\n            }\n        }\n        public Task StopAsync(")]
    public async Task Half_typed_code_throws_nothing(string stop)
    {
        var program = Usings + "var builder = WebApplication.CreateBuilder(args);\nbuilder.Services.AddHostedService<Drain>();\nbuilder.Build().Run();\n";
        var analysis = await FullAnalysis.RunAsync(program + Service(stop), []);

        Assert.Empty(analysis.Exceptions);
    }
}
