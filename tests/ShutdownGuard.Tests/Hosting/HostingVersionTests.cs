using ShutdownGuard.Hosting;
using ShutdownGuard.Tests.Verification;

namespace ShutdownGuard.Tests.Hosting;

public class HostingVersionTests
{
    private const string Worker = "Microsoft.Extensions.Hosting.Host.CreateDefaultBuilder(args).Build();";

    [Fact]
    public async Task Hosting_8_defaults_to_30_seconds()
    {
        var model = await AppModelCapture.CollectAsync(Worker, References.Hosting80);

        var timeout = model.HostingVersion.DefaultShutdownTimeout(HostStyle.GenericHost);
        Assert.Equal(30, timeout!.Seconds);
        Assert.Equal("default for Microsoft.Extensions.Hosting 8.0", timeout.Description);
    }

    [Fact]
    public async Task Hosting_6_defaults_to_5_seconds()
    {
        var model = await AppModelCapture.CollectAsync(Worker, References.Hosting60);

        var timeout = model.HostingVersion.DefaultShutdownTimeout(HostStyle.GenericHost);
        Assert.Equal(5, timeout!.Seconds);
        Assert.Equal("default for Microsoft.Extensions.Hosting 6.0", timeout.Description);
        Assert.Null(model.HostingVersion.AspNetCoreHosting);
        Assert.Null(model.HostingVersion.DefaultShutdownTimeout(HostStyle.LegacyWebHost));
    }

    [Theory]
    [InlineData(6, 5.0, "default for Microsoft.AspNetCore.Hosting 6.0")]
    [InlineData(8, 30.0, "default for Microsoft.AspNetCore.Hosting 8.0")]
    public async Task The_legacy_web_host_follows_AspNetCore_Hosting(int major, double seconds, string description)
    {
        var references = major == 6 ? References.AspNetCore60 : References.AspNetCore80;
        var model = await AppModelCapture.CollectAsync(
            "using Microsoft.AspNetCore.Hosting;\nMicrosoft.AspNetCore.WebHost.CreateDefaultBuilder(args).Configure(app => { }).Build();", references);

        Assert.Equal(HostStyle.LegacyWebHost, Assert.Single(model.HostBuilds).Style);
        var timeout = model.HostingVersion.DefaultShutdownTimeout(HostStyle.LegacyWebHost);
        Assert.Equal((seconds, description), (timeout!.Seconds, timeout.Description));
    }

    [Fact]
    public void The_default_follows_the_assembly_version()
    {
        var version = new HostingVersion(new Version(7, 0, 0, 0), new Version(7, 0, 0, 0));

        Assert.Equal(30, version.DefaultShutdownTimeout(HostStyle.WebApplication)!.Seconds);
        Assert.Equal(5, version.DefaultShutdownTimeout(HostStyle.LegacyWebHost)!.Seconds);
    }
}
