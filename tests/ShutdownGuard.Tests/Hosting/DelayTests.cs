using ShutdownGuard.Hosting;
using ShutdownGuard.Tests.Verification;

namespace ShutdownGuard.Tests.Hosting;

public class DelayTests
{
    private const string Usings = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;

        """;

    private const string App = """
        var app = WebApplication.CreateBuilder(args).Build();

        """;

    private static Task<AppModel> CollectAsync(string code) => AppModelCapture.CollectAsync(Usings + code);

    [Theory]
    [InlineData("app.Lifetime.ApplicationStopping.Register(() => Thread.Sleep(5000));", 5.0)]
    [InlineData("app.Lifetime.ApplicationStopping.Register(() => Thread.Sleep(TimeSpan.FromSeconds(5)));", 5.0)]
    [InlineData("app.Lifetime.ApplicationStopping.Register(() => Task.Delay(TimeSpan.FromSeconds(5)).Wait());", 5.0)]
    [InlineData("app.Lifetime.ApplicationStopping.Register(() => Task.Delay(5000).GetAwaiter().GetResult());", 5.0)]
    [InlineData("app.Lifetime.ApplicationStopping.Register(() => { Console.WriteLine(\"draining\"); Task.Delay(5000).ConfigureAwait(false).GetAwaiter().GetResult(); });", 5.0)]
    [InlineData("var stopping = app.Lifetime.ApplicationStopping; stopping.Register(() => Thread.Sleep(5000));", 5.0)]
    [InlineData("app.Lifetime.ApplicationStopping.Register(() => Thread.Sleep(Timeout.Infinite));", double.PositiveInfinity)]
    [InlineData("app.Lifetime.ApplicationStopping.Register(() => Thread.Sleep(int.Parse(args[0])));", null)]
    public async Task A_blocking_stopping_callback_delays_inside_the_timeout(string code, double? seconds)
    {
        var model = await CollectAsync(App + code);

        var delay = Assert.Single(model.InAppDelays);
        Assert.Equal(DelayKind.StoppingCallback, delay.Kind);
        Assert.Equal(seconds, delay.Seconds);
        Assert.Matches(@"^(Thread\.Sleep|Task\.Delay)\(.*\)$", delay.Location.SourceTree!.GetText().ToString(delay.Location.SourceSpan));
        Assert.True(model.Observers.HasFlag(ShutdownObservers.ApplicationStopping));
    }

    [Fact]
    public async Task Injected_and_obsolete_lifetimes_count()
    {
        var model = await CollectAsync(App + """
            #pragma warning disable CS0618
            class Drain(IHostApplicationLifetime lifetime, Microsoft.AspNetCore.Hosting.IApplicationLifetime legacy, IApplicationLifetime old)
            {
                public void Start()
                {
                    lifetime.ApplicationStopping.Register(() => Thread.Sleep(1000));
                    legacy.ApplicationStopping.Register(() => Thread.Sleep(2000));
                    old.ApplicationStopping.Register(() => Thread.Sleep(3000));
                }
            }
            """);

        Assert.Equal(new double?[] { 1, 2, 3 }, model.InAppDelays.Select(delay => delay.Seconds));
    }

    [Fact]
    public async Task A_registered_method_is_a_stopping_callback()
    {
        var model = await CollectAsync(App + """
            app.Lifetime.ApplicationStopping.Register(Drain.Wait);

            static class Drain
            {
                public static void Wait() => Thread.Sleep(5000);

                public static void NotRegistered() => Thread.Sleep(9000);
            }
            """);

        Assert.Equal(5, Assert.Single(model.InAppDelays).Seconds);
    }

    [Theory]
    [InlineData("void OnStopping() { draining = true; Thread.Sleep(5000); }\napp.Lifetime.ApplicationStopping.Register(OnStopping);")]
    [InlineData("RegisterDrain(app.Lifetime);\nvoid RegisterDrain(IHostApplicationLifetime lifetime) => lifetime.ApplicationStopping.Register(() => { draining = true; Thread.Sleep(5000); });")]
    public async Task A_registered_local_function_or_a_callback_registered_in_one_is_a_stopping_callback(string code)
    {
        var model = await CollectAsync(App + "var draining = false;\n" + code + "\nvoid NotRegistered() => Thread.Sleep(9000);\nConsole.WriteLine(draining);");

        var delay = Assert.Single(model.InAppDelays);
        Assert.Equal((DelayKind.StoppingCallback, 5.0), (delay.Kind, delay.Seconds));
    }

    [Theory]
    [InlineData("private readonly CancellationToken _stopping = lifetime.ApplicationStopping;", 5.0)]
    [InlineData("private CancellationToken _stopping;\n    public void Hold() => _stopping = lifetime.ApplicationStopping;", 5.0)]
    [InlineData("private CancellationToken _stopping { get; } = lifetime.ApplicationStopping;", 5.0)]
    [InlineData("private readonly CancellationToken _stopping = lifetime.ApplicationStarted;", null)]
    public async Task A_callback_on_a_token_a_field_holds_delays_when_the_field_holds_ApplicationStopping(string member, double? seconds)
    {
        var model = await CollectAsync(App + $$"""
            new Drain(app.Lifetime).Start();

            sealed class Drain(IHostApplicationLifetime lifetime)
            {
                {{member}}

                public void Start() => _stopping.Register(() => Thread.Sleep(5000));
            }
            """);

        Assert.Equal(seconds is null ? [] : [seconds], model.InAppDelays.Select(delay => delay.Seconds));
    }

    [Fact]
    public async Task An_async_stopping_callback_delays_nothing()
    {
        var model = await CollectAsync(App + "app.Lifetime.ApplicationStopping.Register(async () => await Task.Delay(5000));");

        Assert.Empty(model.InAppDelays);
        var callback = Assert.Single(model.LostStoppingDelays).Delay;
        Assert.Equal(DelayKind.AsyncStoppingCallback, callback.Kind);
        Assert.Equal(5, callback.Seconds);
    }

    [Fact]
    public async Task A_delay_that_is_not_waited_for_delays_nothing()
    {
        var model = await CollectAsync(App + "app.Lifetime.ApplicationStopping.Register(() => Task.Delay(5000));");

        Assert.Empty(model.InAppDelays);
        Assert.DoesNotContain(model.LostStoppingDelays, lost => lost.Delay.Kind == DelayKind.AsyncStoppingCallback);
    }

    [Theory]
    [InlineData("public async Task StoppingAsync(CancellationToken ct) => await Task.Delay(TimeSpan.FromSeconds(10), ct);")]
    [InlineData("public Task StoppingAsync(CancellationToken ct) => Task.Delay(10_000, ct);")]
    [InlineData("public async Task StoppingAsync(CancellationToken ct) { Console.WriteLine(\"stopping\"); await Task.Delay(10_000).ConfigureAwait(false); }")]
    public async Task A_delay_in_StoppingAsync_delays_inside_the_timeout(string stoppingAsync)
    {
        var model = await CollectAsync(App + $$"""
            class Drain : IHostedLifecycleService
            {
                public Task StartAsync(CancellationToken ct) => Task.CompletedTask;
                public Task StopAsync(CancellationToken ct) => Task.Delay(20_000, ct);
                public Task StartingAsync(CancellationToken ct) => Task.CompletedTask;
                public Task StartedAsync(CancellationToken ct) => Task.CompletedTask;
                {{stoppingAsync}}
                public Task StoppedAsync(CancellationToken ct) => Task.CompletedTask;
            }
            """);

        var delay = Assert.Single(model.InAppDelays);
        Assert.Equal(DelayKind.StoppingAsync, delay.Kind);
        Assert.Equal(10, delay.Seconds);
        Assert.Equal(ShutdownObservers.StoppingAsync | ShutdownObservers.StopAsync, model.Observers);
    }

    [Theory]
    [InlineData("await Task.Delay(TimeSpan.FromSeconds(15)); lifetime.StopApplication();", 1)]
    [InlineData("Thread.Sleep(15_000); lifetime.StopApplication();", 1)]
    [InlineData("lifetime.StopApplication(); await Task.Delay(15_000);", 0)]
    public async Task A_delay_in_a_host_lifetime_before_stopping_is_outside_the_timeout(string handler, int count)
    {
        var model = await CollectAsync(App + $$"""
            class DelayedLifetime(IHostApplicationLifetime lifetime) : IHostLifetime
            {
                private System.Runtime.InteropServices.PosixSignalRegistration? _sigterm;

                public Task WaitForStartAsync(CancellationToken ct)
                {
                    _sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(
                        System.Runtime.InteropServices.PosixSignal.SIGTERM,
                        async context => { context.Cancel = true; {{handler}} });
                    return Task.CompletedTask;
                }

                public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
            }
            """);

        Assert.Equal(count, model.OutsideDelays.Length);
        Assert.All(model.OutsideDelays, delay => Assert.Equal((DelayKind.HostLifetime, 15.0), (delay.Kind, delay.Seconds)));
        Assert.Empty(model.InAppDelays);
        Assert.True(model.Observers.HasFlag(ShutdownObservers.HostLifetime));
    }

    [Theory]
    [InlineData("app.Lifetime.ApplicationStopping.Register(() => Drain.DrainAsync().GetAwaiter().GetResult());", 5.0)]
    [InlineData("app.Lifetime.ApplicationStopping.Register(() => Drain.DrainAsync().Wait());", 5.0)]
    [InlineData("app.Lifetime.ApplicationStopping.Register(() => Drain.Run());", 5.0)]
    [InlineData("app.Lifetime.ApplicationStopping.Register(() => Console.Out.FlushAsync().GetAwaiter().GetResult());", null)]
    [InlineData("app.Lifetime.ApplicationStopping.Register(() => Drain.Pending.Wait());", null)]
    [InlineData("app.Lifetime.ApplicationStopping.Register(() => Drain.FlushAsync().GetAwaiter().GetResult());", null)]
    public async Task A_delay_reached_through_a_called_method_counts_and_a_call_it_cannot_see_into_is_of_unknown_length(string code, double? seconds)
    {
        var model = await CollectAsync(App + code + """

            static class Drain
            {
                public static Task Pending = Task.CompletedTask;

                public static async Task DrainAsync() => await WaitAsync();

                public static void Run() => DrainAsync().GetAwaiter().GetResult();

                public static Task FlushAsync() => Console.Out.FlushAsync();

                private static Task WaitAsync() => Task.Delay(TimeSpan.FromSeconds(5));

                public static Task NotCalled() => Task.Delay(9000);
            }
            """);

        var delay = Assert.Single(model.InAppDelays);
        Assert.Equal((DelayKind.StoppingCallback, seconds), (delay.Kind, delay.Seconds));
        Assert.Empty(model.LostStoppingDelays);
    }

    [Theory]
    [InlineData(".ConfigureWebHostDefaults(web => web.Configure(app => { })).ConfigureServices(services => services.AddHostedService<Drain>())", 1)]
    [InlineData(".ConfigureServices(services => services.AddHostedService<Drain>()).ConfigureWebHostDefaults(web => web.Configure(app => { }))", 0)]
    public async Task A_StopAsync_delay_counts_only_when_the_service_stops_before_the_server(string chain, int inApp)
    {
        var model = await AppModelCapture.CollectAsync("using Microsoft.AspNetCore.Hosting;\n" + Usings + "Host.CreateDefaultBuilder(args)" + chain + """
            .Build().Run();

            class Drain : IHostedService
            {
                public Task StartAsync(CancellationToken ct) => Task.CompletedTask;
                public Task StopAsync(CancellationToken ct) => Task.Delay(TimeSpan.FromSeconds(5), ct);
            }
            """);

        Assert.Equal(inApp, model.InAppDelays.Count(delay => delay.Kind == DelayKind.StopAsync && delay.Seconds == 5));
        Assert.Equal(1 - inApp, model.LateStopDelays.Length);
    }

    [Fact]
    public async Task Nothing_observes_shutdown_in_a_bare_app()
    {
        var model = await CollectAsync(App + """
            app.MapGet("/", () => "hello");
            app.Run();

            class Idle : IHostedLifecycleService
            {
                public Task StartAsync(CancellationToken ct) => Task.CompletedTask;
                public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
                public Task StartingAsync(CancellationToken ct) => Task.CompletedTask;
                public Task StartedAsync(CancellationToken ct) => Task.CompletedTask;
                public Task StoppingAsync(CancellationToken ct) { return Task.CompletedTask; }
                public Task StoppedAsync(CancellationToken ct) => Task.CompletedTask;
            }

            class Worker : BackgroundService
            {
                protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.CompletedTask;
            }
            """);

        Assert.False(model.ObservesShutdown);
    }

    [Theory]
    [InlineData("var token = app.Lifetime.ApplicationStopping;", nameof(ShutdownObservers.ApplicationStopping))]
    [InlineData("class Worker : BackgroundService { protected override async Task ExecuteAsync(CancellationToken stoppingToken) => await Task.Delay(-1, stoppingToken); }", nameof(ShutdownObservers.StoppingToken))]
    public async Task Reading_the_stopping_token_observes_shutdown(string code, string observer)
    {
        var model = await CollectAsync(App + code);

        Assert.Equal(Enum.Parse<ShutdownObservers>(observer), model.Observers);
    }
}
