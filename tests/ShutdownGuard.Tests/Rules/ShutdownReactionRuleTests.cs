using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using ShutdownGuard.Tests.Verification;
using Verifier = ShutdownGuard.Tests.Verification.AnalyzerVerifier<ShutdownGuard.Rules.ProgramAnalyzer>;

namespace ShutdownGuard.Tests.Rules;

public class ShutdownReactionRuleTests
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

    private static DiagnosticResult SG1001 => Expect.Diagnostic("SG1001", DiagnosticSeverity.Warning);

    private static Verifier Verify() => new Verifier().Only("SG1001");

    [Theory]
    [InlineData("var app = WebApplication.CreateBuilder(args).{|#0:Build()|};\napp.Run();")]
    [InlineData("var app = WebApplication.CreateSlimBuilder(args).{|#0:Build()|};\napp.Run();")]
    [InlineData("Host.CreateDefaultBuilder(args).ConfigureWebHostDefaults(web => web.Configure(app => { })).{|#0:Build()|}.Run();")]
    [InlineData("var builder = Host.CreateApplicationBuilder(args);\nbuilder.{|#0:Build()|}.Run();")]
    [InlineData("new HostBuilder().ConfigureWebHost(web => web.UseKestrel().Configure(app => { })).{|#0:Build()|}.Run();")]
    [InlineData("WebHost.CreateDefaultBuilder(args).Configure(app => { }).{|#0:Build()|}.Run();")]
    public async Task SG1001_stands_at_the_Build_call_of_every_host_style(string code)
    {
        await Verify().Source(Usings + code).Expect(SG1001.WithLocation(0)).RunAsync();
    }

    [Fact]
    public async Task SG1001_stands_at_WebApplication_Create_which_builds_the_host_itself()
    {
        await Verify().Source(Usings + "var app = WebApplication.{|#0:Create(args)|};\napp.Run();").Expect(SG1001.WithLocation(0)).RunAsync();
    }

    [Theory]
    [InlineData("app.Lifetime.ApplicationStopping.Register(() => Console.WriteLine(\"stopping\"));")]
    [InlineData("var stopping = app.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;")]
    [InlineData("#pragma warning disable CS0618\nvar stopping = app.Services.GetRequiredService<Microsoft.Extensions.Hosting.IApplicationLifetime>().ApplicationStopping;")]
    public async Task Observing_ApplicationStopping_anywhere_is_a_reaction(string observe)
    {
        await Verify().Source(Usings + "var app = WebApplication.CreateBuilder(args).Build();\n" + observe + "\napp.Run();").RunAsync();
    }

    [Fact]
    public async Task Observing_ApplicationStopping_in_another_file_is_a_reaction()
    {
        await Verify()
            .Source(Usings + "var builder = WebApplication.CreateBuilder(args);\nbuilder.Services.AddHostedService<Drain>();\nbuilder.Build().Run();")
            .Source("""
                using System.Threading;
                using System.Threading.Tasks;
                using Microsoft.Extensions.Hosting;

                sealed class Drain(IHostApplicationLifetime lifetime) : IHostedService
                {
                    public Task StartAsync(CancellationToken cancellationToken)
                    {
                        lifetime.ApplicationStopping.Register(() => Thread.Sleep(5000));
                        return Task.CompletedTask;
                    }

                    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
                }
                """)
            .RunAsync();
    }

    [Theory]
    [InlineData("public Task StoppingAsync")]
    [InlineData("Task IHostedLifecycleService.StoppingAsync")]
    public async Task A_lifecycle_service_that_does_something_on_stopping_is_a_reaction(string stoppingAsync)
    {
        await Verify()
            .Source(Usings + "var builder = WebApplication.CreateBuilder(args);\nbuilder.Services.AddHostedService<Drain>();\nbuilder.Build().Run();")
            .Source("""
                using System;
                using System.Threading;
                using System.Threading.Tasks;
                using Microsoft.Extensions.Hosting;

                sealed class Drain : IHostedLifecycleService
                {
                    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
                    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
                    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
                    STOPPING(CancellationToken cancellationToken) => Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
                    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
                    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
                }
                """.Replace("STOPPING", stoppingAsync))
            .RunAsync();
    }

    [Fact]
    public async Task A_lifecycle_service_with_an_empty_StoppingAsync_is_no_reaction()
    {
        await Verify()
            .Source(Usings + "var builder = WebApplication.CreateBuilder(args);\nbuilder.Services.AddHostedService<Drain>();\nbuilder.{|#0:Build()|}.Run();")
            .Source("""
                using System.Threading;
                using System.Threading.Tasks;
                using Microsoft.Extensions.Hosting;

                sealed class Drain : IHostedLifecycleService
                {
                    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
                    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
                    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
                    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
                    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
                    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
                }
                """)
            .Expect(SG1001.WithLocation(0))
            .RunAsync();
    }

    [Fact]
    public async Task A_custom_host_lifetime_is_a_reaction()
    {
        await Verify()
            .Source(Usings + "var builder = WebApplication.CreateBuilder(args);\nbuilder.Services.AddSingleton<IHostLifetime, DelayedLifetime>();\nbuilder.Build().Run();")
            .Source("""
                using System.Threading;
                using System.Threading.Tasks;
                using Microsoft.Extensions.Hosting;

                sealed class DelayedLifetime : IHostLifetime
                {
                    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
                    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
                }
                """)
            .RunAsync();
    }

    [Fact]
    public async Task A_lifecycle_health_check_is_a_reaction()
    {
        await Verify()
            .Source(Usings + """
                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddHealthChecks().AddApplicationLifecycleHealthCheck();
                var app = builder.Build();
                app.MapHealthChecks("/ready");
                app.Run();
                """)
            .ReferencedLibrary("""
                namespace Microsoft.Extensions.DependencyInjection;

                public static class LifecycleChecks
                {
                    public static IHealthChecksBuilder AddApplicationLifecycleHealthCheck(this IHealthChecksBuilder builder) => builder;
                }
                """)
            .RunAsync();
    }

    /// <summary>The Deployment <c>orders</c> running the project with the given preStop hook (indented for the hook's keys).</summary>
    private static string WithPreStop(string hook) => """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: orders
        spec:
          template:
            spec:
              containers:
              - name: orders-api
                image: orders-api:1.0
                lifecycle:
                  preStop:

        """ + hook;

    [Theory]
    [InlineData("            sleep:\n              seconds: 5\n")]
    [InlineData("            exec:\n              command: [\"/bin/drain.sh\"]\n")]
    [InlineData("            exec:\n              command: [\"sh\", \"-c\", \"for i in 1 2 3; do sleep 1; done\"]\n")]
    [InlineData("            httpGet:\n              path: /drain\n              port: 8080\n")]
    public async Task A_preStop_hook_that_may_wait_alone_is_a_correct_setup(string hook)
    {
        await Verify().Source(Usings + "WebApplication.CreateBuilder(args).Build().Run();").File("/k8s/deployment.yaml", WithPreStop(hook)).RunAsync();
    }

    [Fact]
    public async Task A_preStop_delay_from_the_option_alone_is_a_correct_setup()
    {
        await Verify().Source(Usings + "WebApplication.CreateBuilder(args).Build().Run();").GlobalConfig("shutdown_guard.prestop_delay_seconds = 5\n").RunAsync();
    }

    [Fact]
    public async Task A_preStop_sleep_of_0_seconds_is_no_delay()
    {
        await Verify()
            .Source(Usings + "WebApplication.CreateBuilder(args).{|#0:Build()|}.Run();")
            .File("/k8s/deployment.yaml", WithPreStop("            sleep:\n              seconds: 0\n"))
            .Expect(SG1001.WithLocation(0))
            .RunAsync();
    }

    [Fact]
    public async Task A_worker_that_observes_its_stopping_token_reacts_and_a_web_app_does_not()
    {
        const string Worker = """
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.Extensions.Hosting;

            sealed class Worker : BackgroundService
            {
                protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                {
                    while (!stoppingToken.IsCancellationRequested)
                    {
                        await Task.Delay(1000, stoppingToken);
                    }
                }
            }
            """;
        await Verify()
            .References(References.Hosting80)
            .Source("using Microsoft.Extensions.DependencyInjection;\nusing Microsoft.Extensions.Hosting;\nvar builder = Host.CreateApplicationBuilder(args);\nbuilder.Services.AddHostedService<Worker>();\nbuilder.Build().Run();")
            .Source(Worker)
            .RunAsync();
        await Verify()
            .Source(Usings + "var builder = WebApplication.CreateBuilder(args);\nbuilder.Services.AddHostedService<Worker>();\nbuilder.{|#0:Build()|}.Run();")
            .Source(Worker)
            .Expect(SG1001.WithLocation(0))
            .RunAsync();
    }

    [Fact]
    public async Task A_worker_that_ignores_its_stopping_token_does_not_react()
    {
        await Verify()
            .References(References.Hosting80)
            .Source("using Microsoft.Extensions.DependencyInjection;\nusing Microsoft.Extensions.Hosting;\nvar builder = Host.CreateApplicationBuilder(args);\nbuilder.Services.AddHostedService<Worker>();\nbuilder.{|#0:Build()|}.Run();")
            .Source("""
                using System.Threading;
                using System.Threading.Tasks;
                using Microsoft.Extensions.Hosting;

                sealed class Worker : BackgroundService
                {
                    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Delay(Timeout.Infinite);
                }
                """)
            .Expect(SG1001.WithLocation(0))
            .RunAsync();
    }

    private const string WorkerHost = "using Microsoft.Extensions.DependencyInjection;\nusing Microsoft.Extensions.Hosting;\nvar builder = Host.CreateApplicationBuilder(args);\nbuilder.Services.AddHostedService<Worker>();\nbuilder.{|#0:Build()|}.Run();";

    private const string WorkerMessage = "Nothing in this worker reacts to shutdown: its work does not stop when the host stops, so the work in progress is cut off unfinished when the process exits";

    private static string Worker(string members) => """
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.Hosting;

        sealed class Consumer
        {
            public void Start() { }
            public void Stop() { }
        }

        """ + members;

    [Theory]
    [InlineData("sealed class Worker(Consumer consumer) : IHostedService\n{\n    public Task StartAsync(CancellationToken cancellationToken) { consumer.Start(); return Task.CompletedTask; }\n    public Task StopAsync(CancellationToken cancellationToken) { consumer.Stop(); return Task.CompletedTask; }\n}")]
    [InlineData("sealed class Worker(Consumer consumer) : IHostedService\n{\n    Task IHostedService.StartAsync(CancellationToken cancellationToken) { consumer.Start(); return Task.CompletedTask; }\n    Task IHostedService.StopAsync(CancellationToken cancellationToken) { consumer.Stop(); return Task.CompletedTask; }\n}")]
    [InlineData("sealed class Worker(Consumer consumer) : BackgroundService\n{\n    protected override Task ExecuteAsync(CancellationToken stoppingToken) { consumer.Start(); return Task.CompletedTask; }\n    public override async Task StopAsync(CancellationToken cancellationToken) { consumer.Stop(); await base.StopAsync(cancellationToken); }\n}")]
    [InlineData("sealed class Worker(Consumer consumer) : IHostedLifecycleService\n{\n    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;\n    public Task StartAsync(CancellationToken cancellationToken) { consumer.Start(); return Task.CompletedTask; }\n    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;\n    Task IHostedLifecycleService.StoppingAsync(CancellationToken cancellationToken) { consumer.Stop(); return Task.CompletedTask; }\n    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;\n    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;\n}")]
    [InlineData("sealed class Worker(Consumer consumer, IHostApplicationLifetime lifetime) : IHostedService\n{\n    public Task StartAsync(CancellationToken cancellationToken) { consumer.Start(); lifetime.ApplicationStopping.Register(consumer.Stop); return Task.CompletedTask; }\n    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;\n}")]
    public async Task A_worker_whose_stopping_code_ends_its_work_reacts(string worker)
    {
        await Verify().References(References.Hosting80).Source(WorkerHost).Source(Worker(worker)).RunAsync();
    }

    [Theory]
    [InlineData("sealed class Worker(Consumer consumer) : IHostedService\n{\n    public Task StartAsync(CancellationToken cancellationToken) { consumer.Start(); return Task.CompletedTask; }\n    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;\n}")]
    [InlineData("sealed class Worker(Consumer consumer) : IHostedService\n{\n    public Task StartAsync(CancellationToken cancellationToken) { consumer.Start(); return Task.CompletedTask; }\n    public Task StopAsync(CancellationToken cancellationToken) { return Task.CompletedTask; }\n}")]
    [InlineData("sealed class Worker(Consumer consumer) : IHostedService\n{\n    public Task StartAsync(CancellationToken cancellationToken) { consumer.Start(); return Task.CompletedTask; }\n    Task IHostedService.StopAsync(CancellationToken cancellationToken) { return Task.CompletedTask; }\n}")]
    [InlineData("sealed class Worker(Consumer consumer) : BackgroundService\n{\n    protected override Task ExecuteAsync(CancellationToken stoppingToken) { consumer.Start(); return Task.Delay(Timeout.Infinite); }\n    public override async Task StopAsync(CancellationToken cancellationToken) { await base.StopAsync(cancellationToken).ConfigureAwait(false); }\n}")]
    [InlineData("sealed class Worker(Consumer consumer) : BackgroundService\n{\n    protected override Task ExecuteAsync(CancellationToken stoppingToken) { consumer.Start(); return Task.Delay(Timeout.Infinite); }\n    public override Task StopAsync(CancellationToken cancellationToken) => base.StopAsync(cancellationToken);\n}")]
    public async Task A_worker_whose_StopAsync_does_nothing_of_its_own_gets_the_worker_message(string worker)
    {
        await Verify()
            .References(References.Hosting80)
            .Source(WorkerHost)
            .Source(Worker(worker))
            .Expect(SG1001.WithLocation(0).WithMessage(WorkerMessage))
            .RunAsync();
    }

    [Fact]
    public async Task A_web_app_whose_StopAsync_ends_work_still_needs_a_reaction_before_the_server_stops()
    {
        await Verify()
            .Source(Usings + "var builder = WebApplication.CreateBuilder(args);\nbuilder.Services.AddHostedService<Worker>();\nbuilder.{|#0:Build()|}.Run();")
            .Source(Worker("sealed class Worker(Consumer consumer) : IHostedService\n{\n    public Task StartAsync(CancellationToken cancellationToken) { consumer.Start(); return Task.CompletedTask; }\n    public Task StopAsync(CancellationToken cancellationToken) { consumer.Stop(); return Task.CompletedTask; }\n}"))
            .Expect(SG1001.WithLocation(0).WithMessage(
                "Nothing in this project reacts to shutdown and no preStop delay is known: on SIGTERM the server refuses new connections at once, while load balancers still send the pod traffic"))
            .RunAsync();
    }

    [Fact]
    public async Task Libraries_test_projects_and_projects_without_a_host_are_not_checked()
    {
        await Verify().Library().Source(Usings + "static class Startup { public static void Run(string[] args) => WebApplication.CreateBuilder(args).Build().Run(); }").RunAsync();
        await Verify().Source(Usings + "WebApplication.CreateBuilder(args).Build().Run();").GlobalConfig("build_property.IsTestProject = true\n").RunAsync();
        await Verify().Source(Usings + "Console.WriteLine(typeof(IHost));").RunAsync();
        await Verify().References(References.Plain).Source("System.Console.WriteLine(1);").RunAsync();
    }

    [Theory]
    [InlineData("var app = WebApplication.CreateBuilder(args).Build(\napp.Run();")]
    [InlineData("var app = WebApplication.CreateBuilder(args).Build();\napp.Lifetime.ApplicationStopping.Register(() =>")]
    [InlineData("var app = WebApplication.CreateBuilder(args).\n")]
    public async Task Half_typed_code_raises_nothing_unexpected(string code)
    {
        await Verify().AllowCompilerErrors().Source(Usings + code).RunAsync();
    }
}
