using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using ShutdownGuard.Hosting;
using ShutdownGuard.Hosting.Endpoints;
using ShutdownGuard.Tests.Hosting.Endpoints;
using ShutdownGuard.Tests.Verification;

namespace ShutdownGuard.Tests.Hosting;

/// <summary>
/// Bodies that mention no hosting word are read only when code that matters reaches them. Each case is analysed twice:
/// as written, and with a hosting word in a comment on every line of its helpers, which makes every body be read as it
/// is analysed. Both must give the same model, and the model the case expects.
/// </summary>
public class ReachedBodiesTests
{
    private const string Usings = MinimalApiEndpointsTests.Usings;

    [Fact]
    public async Task A_delay_three_calls_below_a_stopping_callback_is_found()
    {
        const string program = """
            var app = WebApplication.CreateBuilder(args).Build();
            app.Lifetime.ApplicationStopping.Register(() => Drain.Now());
            app.Run();

            """;
        const string helpers = """
            static class Drain
            {
                public static void Now() => Steps.First();
            }

            static class Steps
            {
                public static void First() => Second();

                static void Second() => Thread.Sleep(3000);
            }
            """;

        var (asWritten, allRead) = await BothAsync(program, helpers, Delays);

        Assert.Equal(allRead, asWritten);
        Assert.Equal((DelayKind.StoppingCallback, (double?)3, LineOf(Usings + program + helpers, "Thread.Sleep(3000)")), Assert.Single(asWritten));
    }

    [Fact]
    public async Task A_drain_awaited_by_stop_async_through_a_service_is_found()
    {
        const string program = """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHostedService<Worker>();
            var app = builder.Build();
            app.Run();

            sealed class Worker : IHostedService
            {
                public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

                public Task StopAsync(CancellationToken cancellationToken) => Flusher.FlushAsync();
            }

            """;
        const string helpers = """
            static class Flusher
            {
                public static async Task FlushAsync() => await Task.Delay(TimeSpan.FromSeconds(4));

                public static async Task NeverCalledAsync() => await Task.Delay(TimeSpan.FromSeconds(9));
            }
            """;

        var (asWritten, allRead) = await BothAsync(program, helpers, model => Delays(model).Concat(model.LateStopDelays.Select(Delay)).ToList());

        Assert.Equal(allRead, asWritten);
        Assert.Equal(4, Assert.Single(asWritten).Seconds);
    }

    [Fact]
    public async Task A_handler_method_reading_a_flag_that_a_stopping_callback_sets_through_calls_is_gated()
    {
        const string program = """
            var app = WebApplication.CreateBuilder(args).Build();
            app.Lifetime.ApplicationStopping.Register(State.Stop);
            app.MapGet("/ready", Probes.Ready);
            app.MapGet("/live", Probes.Live);
            app.Run();

            """;
        const string helpers = """
            static class State
            {
                public static bool Stopping { get; private set; }

                public static void Stop() => Mark();

                static void Mark() => Stopping = true;
            }

            static class Probes
            {
                public static IResult Ready() => Check.Ready() ? Results.Ok() : Results.StatusCode(503);

                public static IResult Live() => Results.Ok();
            }

            static class Check
            {
                public static bool Ready() => !State.Stopping;
            }
            """;

        var (asWritten, allRead) = await BothAsync(program, helpers, Gates);

        Assert.Equal(allRead, asWritten);
        Assert.Equal(new[] { "/ready gated: True", "/live gated: False", "flag Stopping" }, asWritten);
    }

    [Fact]
    public async Task A_body_using_a_field_that_holds_the_app_is_read()
    {
        const string program = """
            var app = WebApplication.CreateBuilder(args).Build();
            new Catalog(app).Add();
            app.Run();

            """;
        const string helpers = """
            sealed class Catalog
            {
                private readonly IEndpointRouteBuilder _routes;

                public Catalog(IEndpointRouteBuilder routes) => _routes = routes;

                public void Add() => Catalogs.Attach(_routes);
            }
            """;
        var library = await EndpointModelRunner.LibraryAsync("Catalogs", Usings + """
            public static class Catalogs
            {
                public static void Attach(IEndpointRouteBuilder routes) => routes.MapGet("/items", () => "ok");
            }
            """);

        var asWritten = Routes(await EndpointModelRunner.ModelAsync(ImmutableArray.Create(library), Usings + program + helpers));
        var allRead = Routes(await EndpointModelRunner.ModelAsync(ImmutableArray.Create(library), Usings + program + EveryLineMentionsHosting(helpers)));

        Assert.Equal(allRead, asWritten);
        Assert.Equal($"unknown: BuilderLeavesProject at line {LineOf(Usings + program + helpers, "Catalogs.Attach")}", Assert.Single(asWritten));
    }

    private static async Task<(T AsWritten, T AllRead)> BothAsync<T>(string program, string helpers, Func<AppModel, T> read)
    {
        var asWritten = await AppModelCapture.CollectAsync(Usings + program + helpers);
        var allRead = await AppModelCapture.CollectAsync(Usings + program + EveryLineMentionsHosting(helpers));
        return (read(asWritten), read(allRead));
    }

    private static async Task<(T AsWritten, T AllRead)> BothAsync<T>(string program, string helpers, Func<EndpointModel, T> read)
    {
        var asWritten = await EndpointModelRunner.ModelAsync(Usings + program + helpers);
        var allRead = await EndpointModelRunner.ModelAsync(Usings + program + EveryLineMentionsHosting(helpers));
        return (read(asWritten), read(allRead));
    }

    private static int LineOf(string code, string text) => code.Split('\n').ToList().FindIndex(line => line.Contains(text, StringComparison.Ordinal));

    /// <summary>A comment at the end of each line: line numbers stay, every body is read as it is analysed.</summary>
    private static string EveryLineMentionsHosting(string code) => Regex.Replace(code, "(?m)$", " // Host");

    private static List<(DelayKind Kind, double? Seconds, int Line)> Delays(AppModel model) => model.InAppDelays.Select(Delay).ToList();

    private static (DelayKind Kind, double? Seconds, int Line) Delay(Delay delay) =>
        (delay.Kind, delay.Seconds, delay.Location.GetLineSpan().StartLinePosition.Line);

    private static List<string> Gates(EndpointModel model) =>
        model.Endpoints.Select(endpoint => $"{endpoint.Route} gated: {endpoint.IsGated}")
            .Concat(model.StoppingFlags.Select(flag => "flag " + flag.Name))
            .ToList();

    private static List<string> Routes(EndpointModel model) =>
        model.Endpoints.Select(endpoint => endpoint.Route)
            .Concat(model.UnknownRoutes.Select(unknown => $"unknown: {unknown.Reason} at line {unknown.Location.GetLineSpan().StartLinePosition.Line}"))
            .ToList();
}
