using ShutdownGuard.Hosting.Endpoints;
using static ShutdownGuard.Tests.Hosting.Endpoints.EndpointModelRunner;

namespace ShutdownGuard.Tests.Hosting.Endpoints;

public class MinimalApiEndpointsTests
{
    internal const string Usings = """
        using System;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Routing;
        using Microsoft.AspNetCore.Diagnostics.HealthChecks;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Diagnostics.HealthChecks;
        using Microsoft.Extensions.Hosting;

        """;

    [Fact]
    public async Task Every_verb_and_handler_form_is_an_endpoint()
    {
        var model = await ModelAsync(Usings + """
            var app = WebApplication.CreateBuilder(args).Build();
            app.MapGet("/ready", () => "ok");
            app.MapPost("orders/", (HttpContext context) => Results.Ok());
            app.MapPut("/orders/{id}", Handlers.Put);
            app.MapDelete("/orders/{id:int}", Delete);
            app.MapPatch("/orders/{id}/note", async context => await context.Response.WriteAsync("x"));
            app.Map("/any", () => "any");
            app.MapMethods("/options", new[] { "OPTIONS" }, () => "options");
            Func<string> stored = () => "stored";
            app.MapGet("/stored", stored);
            app.Run();

            string Delete(int id) => "deleted";

            static class Handlers
            {
                public static string Put(int id) => "put";
            }
            """);

        Assert.Equal(
            new[] { "/ready", "/orders", "/orders/{id}", "/orders/{id:int}", "/orders/{id}/note", "/any", "/options", "/stored" },
            model.Endpoints.Select(endpoint => endpoint.Route));
        Assert.All(model.Endpoints, endpoint => Assert.Equal(EndpointKind.MinimalApi, endpoint.Kind));
        Assert.Equal(
            new[] { HandlerKind.Lambda, HandlerKind.Lambda, HandlerKind.Method, HandlerKind.LocalFunction, HandlerKind.Lambda, HandlerKind.Lambda, HandlerKind.Lambda, HandlerKind.Lambda },
            model.Endpoints.Select(endpoint => endpoint.Handler!.Kind));
        Assert.Equal("Put", model.Endpoints[2].Handler!.Method!.Name);
        Assert.Equal("Delete", model.Endpoints[3].Handler!.Method!.Name);
        Assert.StartsWith("app.MapGet(\"/ready\"", model.Endpoints[0].Location.SourceTree!.GetText().ToString(model.Endpoints[0].Location.SourceSpan));
        Assert.False(model.RoutesUnknown);
    }

    [Fact]
    public async Task Route_groups_apply_their_prefixes_nested_and_chained()
    {
        var model = await ModelAsync(Usings + """
            var app = WebApplication.CreateBuilder(args).Build();
            var health = app.MapGroup("/health");
            health.MapGet("/ready", () => "ok");
            var api = app.MapGroup("api/").RequireAuthorization();
            var v1 = api.MapGroup("/v1");
            v1.MapGet("orders", () => "orders");
            v1.MapGet("", () => "root");
            app.MapGroup("/chained").MapGroup("/deeper").MapHealthChecks("/live");
            app.Run();
            """);

        Assert.Equal(new[] { "/health/ready", "/api/v1/orders", "/api/v1", "/chained/deeper/live" }, model.Endpoints.Select(endpoint => endpoint.Route));
    }

    [Fact]
    public async Task Mappings_in_the_projects_extension_methods_get_each_callers_prefix()
    {
        var model = await ModelAsync(
            Usings + """
            var app = WebApplication.CreateBuilder(args).Build();
            app.MapHealthEndpoints();
            app.MapGroup("/internal").MapHealthEndpoints();
            app.MapGroup("/generic").MapProbes();
            app.Run();
            """,
            Usings + """
            public static class HealthEndpoints
            {
                public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
                {
                    var group = endpoints.MapGroup("/health");
                    group.MapGet("/ready", () => "ok");
                    return endpoints;
                }

                public static TBuilder MapProbes<TBuilder>(this TBuilder endpoints) where TBuilder : IEndpointRouteBuilder
                {
                    endpoints.MapHealthChecks("/live");
                    return endpoints;
                }
            }
            """);

        Assert.Equal(new[] { "/generic/live", "/health/ready", "/internal/health/ready" }, model.Endpoints.Select(endpoint => endpoint.Route).OrderBy(route => route));
        Assert.False(model.RoutesUnknown);
    }

    [Fact]
    public async Task A_startup_class_the_framework_calls_maps_at_the_root()
    {
        var model = await ModelAsync(Usings + """
            var app = WebApplication.CreateBuilder(args).Build();
            app.Run();

            public class Startup
            {
                public void Configure(IApplicationBuilder app)
                {
                    app.UseRouting();
                    app.UseEndpoints(endpoints => endpoints.MapGet("/ready", () => "ok"));
                    app.UseHealthChecks("/live");
                }
            }
            """);

        Assert.Equal(new[] { "/ready", "/live" }, model.Endpoints.Select(endpoint => endpoint.Route));
        Assert.Equal(EndpointKind.HealthChecksMiddleware, model.Endpoints[1].Kind);
        Assert.False(model.RoutesUnknown);
    }

    [Fact]
    public async Task A_fallback_serves_every_path()
    {
        var model = await ModelAsync(Usings + """
            var app = WebApplication.CreateBuilder(args).Build();
            app.MapGet("/orders", () => "orders");
            app.MapFallback(() => "spa");
            app.Run();
            """);

        Assert.Equal("/{*path}", model.Endpoints[1].Route);
        Assert.Same(model.Endpoints[1], Assert.Single(model.Serving("/ready")));
        Assert.Equal(new[] { "/orders", "/{*path}" }, model.Serving("/orders").Select(endpoint => endpoint.Route));
    }
}
