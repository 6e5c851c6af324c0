using System.Collections.Immutable;
using ShutdownGuard.Hosting.Endpoints;
using static ShutdownGuard.Tests.Hosting.Endpoints.EndpointModelRunner;
using static ShutdownGuard.Tests.Hosting.Endpoints.MinimalApiEndpointsTests;

namespace ShutdownGuard.Tests.Hosting.Endpoints;

public class UnknownRoutesTests
{
    private const string ServiceDefaults = """
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Routing;

        namespace Microsoft.Extensions.Hosting
        {
            public static class Extensions
            {
                public static WebApplication MapDefaultEndpoints(this WebApplication app) => app;

                public static void Configure(int order, IEndpointRouteBuilder endpoints) { }
            }
        }
        """;

    [Theory]
    [InlineData("app.MapGet(\"/\" + args[0], () => \"ok\");", nameof(UnknownRoutesReason.NonConstantRoute))]
    [InlineData("var prefix = args[0]; app.MapGroup(prefix).MapGet(\"/ready\", () => \"ok\");", nameof(UnknownRoutesReason.NonConstantRoute))]
    [InlineData("app.MapHealthChecks(args[0]);", nameof(UnknownRoutesReason.NonConstantRoute))]
    [InlineData("app.UsePathBase(\"/orders\");", nameof(UnknownRoutesReason.PathBase))]
    [InlineData("app.Map(\"/branch\", branch => branch.UseRouting());", nameof(UnknownRoutesReason.Branch))]
    [InlineData("app.Use(async (context, next) => await next());", nameof(UnknownRoutesReason.Middleware))]
    [InlineData("app.Run(context => Task.CompletedTask);", nameof(UnknownRoutesReason.Middleware))]
    [InlineData("app.UseMiddleware(typeof(Local));", nameof(UnknownRoutesReason.Middleware))]
    [InlineData("app.MapWhen(context => true, branch => { });", nameof(UnknownRoutesReason.Middleware))]
    [InlineData("app.MapDefaultControllerRoute();", nameof(UnknownRoutesReason.Conventions))]
    [InlineData("app.MapRazorPages();", nameof(UnknownRoutesReason.Conventions))]
    [InlineData("app.MapDefaultEndpoints();", nameof(UnknownRoutesReason.BuilderLeavesProject))]
    [InlineData("Extensions.Configure(1, app);", nameof(UnknownRoutesReason.BuilderLeavesProject))]
    [InlineData("Local.Map(app.MapGroup(args[0]));", nameof(UnknownRoutesReason.NonConstantRoute))]
    public async Task Routes_are_unknown(string statement, string reason)
    {
        var library = await LibraryAsync("Orders.ServiceDefaults", ServiceDefaults);
        var model = await ModelAsync(ImmutableArray.Create(library), Usings + """
            var app = WebApplication.CreateBuilder(args).Build();
            app.MapGet("/known", () => "ok");

            """ + statement + """

            app.Run();

            static class Local
            {
                public static void Map(IEndpointRouteBuilder endpoints) => endpoints.MapGet("/ready", () => "ok");
            }
            """);

        Assert.True(model.RoutesUnknown);
        var unknown = Assert.Single(model.UnknownRoutes);
        Assert.Equal(reason, unknown.Reason.ToString());
        Assert.Contains(unknown.Location.SourceTree!.GetText().ToString(unknown.Location.SourceSpan), statement);
        Assert.Contains(model.Endpoints, endpoint => endpoint.Route == "/known");
    }

    [Fact]
    public async Task The_frameworks_own_calls_and_the_projects_methods_keep_routes_known()
    {
        var library = await LibraryAsync("Orders.ServiceDefaults", ServiceDefaults);
        var model = await ModelAsync(ImmutableArray.Create(library), Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHealthChecks();
            var app = builder.Build();
            app.UseRouting();
            app.UseAuthorization();
            app.UseHealthChecks("/live");
            app.MapHealthChecks("/ready");
            app.UseEndpoints(endpoints => Local.Map(endpoints));
            Local.Map(app);
            app.Run();

            static class Local
            {
                public static void Map(IEndpointRouteBuilder endpoints) => endpoints.MapGet("/status", () => "ok");
            }
            """);

        Assert.False(model.RoutesUnknown);
        Assert.Equal(new[] { "/live", "/ready", "/status" }, model.Endpoints.Select(endpoint => endpoint.Route));
    }
}
