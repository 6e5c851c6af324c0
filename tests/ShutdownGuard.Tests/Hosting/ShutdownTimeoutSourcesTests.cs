using ShutdownGuard.Hosting;

namespace ShutdownGuard.Tests.Hosting;

public class ShutdownTimeoutSourcesTests
{
    [Theory]
    [InlineData(nameof(HostStyle.GenericHost), "DOTNET_SHUTDOWNTIMEOUTSECONDS,SHUTDOWNTIMEOUTSECONDS")]
    [InlineData(nameof(HostStyle.ApplicationBuilder), "DOTNET_SHUTDOWNTIMEOUTSECONDS,SHUTDOWNTIMEOUTSECONDS")]
    [InlineData(nameof(HostStyle.WebApplication), "DOTNET_SHUTDOWNTIMEOUTSECONDS,SHUTDOWNTIMEOUTSECONDS,ASPNETCORE_SHUTDOWNTIMEOUTSECONDS")]
    [InlineData(nameof(HostStyle.GenericHostWithWeb), "DOTNET_SHUTDOWNTIMEOUTSECONDS,SHUTDOWNTIMEOUTSECONDS,ASPNETCORE_SHUTDOWNTIMEOUTSECONDS")]
    [InlineData(nameof(HostStyle.LegacyWebHost), "ASPNETCORE_SHUTDOWNTIMEOUTSECONDS")]
    [InlineData(nameof(HostStyle.PlainHostBuilder), "")]
    [InlineData(nameof(HostStyle.EmptyApplicationBuilder), "")]
    [InlineData(nameof(HostStyle.WebApplicationEmpty), "")]
    public void Environment_variables_depend_on_the_builder(string style, string variables)
    {
        Assert.Equal(variables, string.Join(",", ShutdownTimeoutSources.EnvironmentVariables(Enum.Parse<HostStyle>(style))));
    }

    [Fact]
    public void Variable_names_are_compared_ignoring_case()
    {
        Assert.True(ShutdownTimeoutSources.IsEnvironmentVariable(HostStyle.WebApplication, "aspnetcore_shutdownTimeoutSeconds"));
        Assert.False(ShutdownTimeoutSources.IsEnvironmentVariable(HostStyle.LegacyWebHost, "DOTNET_SHUTDOWNTIMEOUTSECONDS"));
        Assert.False(ShutdownTimeoutSources.IsEnvironmentVariable(HostStyle.PlainHostBuilder, "SHUTDOWNTIMEOUTSECONDS"));
    }

    [Theory]
    [InlineData(nameof(HostStyle.WebApplication), true, true)]
    [InlineData(nameof(HostStyle.GenericHost), true, true)]
    [InlineData(nameof(HostStyle.ApplicationBuilder), true, true)]
    [InlineData(nameof(HostStyle.EmptyApplicationBuilder), false, true)]
    [InlineData(nameof(HostStyle.WebApplicationEmpty), false, true)]
    [InlineData(nameof(HostStyle.PlainHostBuilder), false, true)]
    [InlineData(nameof(HostStyle.LegacyWebHost), false, false)]
    public void AppSettings_and_HostOptions_depend_on_the_builder(string style, bool appSettings, bool hostOptions)
    {
        var parsed = Enum.Parse<HostStyle>(style);

        Assert.Equal(appSettings, ShutdownTimeoutSources.ReadsAppSettings(parsed));
        Assert.Equal(hostOptions, ShutdownTimeoutSources.HonoursHostOptions(parsed));
    }
}
