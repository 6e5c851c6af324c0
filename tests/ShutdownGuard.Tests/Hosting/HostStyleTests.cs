using ShutdownGuard.Hosting;
using ShutdownGuard.Tests.Verification;

namespace ShutdownGuard.Tests.Hosting;

public class HostStyleTests
{
    private const string Usings = """
        using Microsoft.AspNetCore;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Hosting;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;

        """;

    [Theory]
    [InlineData("WebApplication.CreateBuilder(args).Build();", nameof(HostStyle.WebApplication))]
    [InlineData("WebApplication.CreateSlimBuilder(args).Build();", nameof(HostStyle.WebApplication))]
    [InlineData("WebApplication.CreateEmptyBuilder(new WebApplicationOptions()).Build();", nameof(HostStyle.WebApplicationEmpty))]
    [InlineData("Host.CreateDefaultBuilder(args).ConfigureWebHostDefaults(web => web.Configure(app => { })).Build();", nameof(HostStyle.GenericHostWithWeb))]
    [InlineData("Host.CreateDefaultBuilder(args).ConfigureWebHost(web => web.Configure(app => { })).Build();", nameof(HostStyle.GenericHostWithWeb))]
    [InlineData("Host.CreateDefaultBuilder(args).ConfigureServices(services => { }).Build();", nameof(HostStyle.GenericHost))]
    [InlineData("Host.CreateApplicationBuilder(args).Build();", nameof(HostStyle.ApplicationBuilder))]
    [InlineData("Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings()).Build();", nameof(HostStyle.EmptyApplicationBuilder))]
    [InlineData("new HostBuilder().ConfigureServices(services => { }).Build();", nameof(HostStyle.PlainHostBuilder))]
    [InlineData("WebHost.CreateDefaultBuilder(args).Configure(app => { }).Build();", nameof(HostStyle.LegacyWebHost))]
    [InlineData("new WebHostBuilder().UseKestrel().Configure(app => { }).Build();", nameof(HostStyle.LegacyWebHost))]
    public async Task Fluent_chains_are_traced_to_the_builder_factory(string code, string style)
    {
        var model = await AppModelCapture.CollectAsync(Usings + code);

        var build = Assert.Single(model.HostBuilds);
        Assert.Equal(Enum.Parse<HostStyle>(style), build.Style);
    }

    [Fact]
    public async Task A_local_is_followed_to_its_initializer_and_the_location_is_the_build_call()
    {
        var model = await AppModelCapture.CollectAsync(Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHealthChecks();
            var app = builder.Build();
            app.Run();
            """);

        var build = Assert.Single(model.HostBuilds);
        Assert.Equal(HostStyle.WebApplication, build.Style);
        Assert.Equal("Build()", build.Location.SourceTree!.GetText().ToString(build.Location.SourceSpan));
    }

    [Fact]
    public async Task A_web_host_configured_on_a_local_makes_a_web_host()
    {
        var model = await AppModelCapture.CollectAsync(Usings + """
            var builder = Host.CreateDefaultBuilder(args);
            builder.ConfigureWebHostDefaults(web => web.Configure(app => { }));
            builder.Build().Run();
            """);

        Assert.Equal(HostStyle.GenericHostWithWeb, Assert.Single(model.HostBuilds).Style);
    }

    [Fact]
    public async Task WebApplication_Create_builds_a_host_itself()
    {
        var model = await AppModelCapture.CollectAsync(Usings + "var app = WebApplication.Create(args); app.Run();");

        var build = Assert.Single(model.HostBuilds);
        Assert.Equal(HostStyle.WebApplication, build.Style);
        Assert.Equal("Create(args)", build.Location.SourceTree!.GetText().ToString(build.Location.SourceSpan));
    }

    [Fact]
    public async Task A_method_of_the_project_returning_the_builder_is_followed()
    {
        var model = await AppModelCapture.CollectAsync(Usings + """
            CreateHostBuilder(args).Build().Run();

            static partial class Program
            {
                public static IHostBuilder CreateHostBuilder(string[] args) =>
                    Host.CreateDefaultBuilder(args).ConfigureWebHostDefaults(web => web.Configure(app => { }));
            }
            """);

        Assert.Equal(HostStyle.GenericHostWithWeb, Assert.Single(model.HostBuilds).Style);
    }

    [Fact]
    public async Task A_web_host_added_to_a_returned_builder_is_kept()
    {
        var model = await AppModelCapture.CollectAsync(Usings + """
            public static class Program
            {
                public static void Main(string[] args) =>
                    CreateHostBuilder(args).ConfigureWebHostDefaults(web => web.Configure(app => { })).Build().Run();

                private static IHostBuilder CreateHostBuilder(string[] args)
                {
                    return Host.CreateDefaultBuilder(args);
                }
            }
            """);

        Assert.Equal(HostStyle.GenericHostWithWeb, Assert.Single(model.HostBuilds).Style);
    }

    [Fact]
    public async Task A_local_function_returning_the_builder_is_followed()
    {
        var model = await AppModelCapture.CollectAsync(Usings + """
            CreateBuilder().Build().Run();

            IHostBuilder CreateBuilder() => new HostBuilder();
            """);

        Assert.Equal(HostStyle.PlainHostBuilder, Assert.Single(model.HostBuilds).Style);
    }

    [Fact]
    public async Task A_builder_handed_in_is_unknown()
    {
        var model = await AppModelCapture.CollectAsync(Usings + """
            Start(Host.CreateDefaultBuilder(args));

            static void Start(IHostBuilder builder) => builder.Build().Run();
            """);

        Assert.Equal(HostStyle.Unknown, Assert.Single(model.HostBuilds).Style);
    }

    [Fact]
    public async Task A_reassigned_local_is_unknown()
    {
        var model = await AppModelCapture.CollectAsync(Usings + """
            IHostBuilder builder = new HostBuilder();
            builder = Host.CreateDefaultBuilder(args);
            builder.Build().Run();
            """);

        Assert.Equal(HostStyle.Unknown, Assert.Single(model.HostBuilds).Style);
    }

    [Fact]
    public async Task A_library_without_hosting_builds_no_host()
    {
        var model = await AppModelCapture.CollectAsync("System.Console.WriteLine(args.Length);", References.Hosting80);

        Assert.Empty(model.HostBuilds);
        Assert.False(model.ObservesShutdown);
    }

    [Theory]
    [InlineData("var builder = WebApplication.CreateBuilder(args)\nbuilder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(")]
    [InlineData("var app = WebApplication.CreateBuilder(args).Build(\napp.Lifetime.ApplicationStopping.Register(() => Thread.Sleep(")]
    [InlineData("Host.CreateDefaultBuilder(args).ConfigureHostOptions((ctx, o) => o.ShutdownTimeout = ).Build();")]
    [InlineData("class L : IHostLifetime { public async Task WaitForStartAsync(CancellationToken ct) { await Task.Delay(; StopApplication(")]
    [InlineData("new WebHostBuilder().UseSetting(WebHostDefaults.ShutdownTimeoutKey, ).UseShutdownTimeout(TimeSpan.Parse(\"x\")).Build(")]
    public async Task Half_typed_code_throws_nothing(string code)
    {
        await AppModelCapture.CollectAsync(Usings + "using System;\nusing System.Threading;\nusing System.Threading.Tasks;\n" + code, allowErrors: true);
    }
}
