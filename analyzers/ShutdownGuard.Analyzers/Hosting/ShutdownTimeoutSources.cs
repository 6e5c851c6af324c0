using System;
using System.Collections.Immutable;

namespace ShutdownGuard.Hosting;

/// <summary>
/// Which configuration sources can set ShutdownTimeout for each host style. The key is <c>shutdownTimeoutSeconds</c>
/// at the configuration root (a <c>HostOptions</c> section is not bound). For <see cref="HostStyle.Unknown"/> every
/// source may count.
/// </summary>
internal static class ShutdownTimeoutSources
{
    public const string ConfigurationKey = "shutdownTimeoutSeconds";

    public const string DotnetVariable = "DOTNET_SHUTDOWNTIMEOUTSECONDS";
    public const string UnprefixedVariable = "SHUTDOWNTIMEOUTSECONDS";
    public const string AspNetCoreVariable = "ASPNETCORE_SHUTDOWNTIMEOUTSECONDS";

    private static readonly ImmutableArray<string> DefaultBuilderVariables = ImmutableArray.Create(DotnetVariable, UnprefixedVariable);
    private static readonly ImmutableArray<string> WebBuilderVariables = ImmutableArray.Create(DotnetVariable, UnprefixedVariable, AspNetCoreVariable);
    private static readonly ImmutableArray<string> LegacyWebHostVariables = ImmutableArray.Create(AspNetCoreVariable);

    /// <summary>The environment variables that set ShutdownTimeout (compare them ignoring case).</summary>
    public static ImmutableArray<string> EnvironmentVariables(HostStyle style) => style switch
    {
        HostStyle.GenericHost or HostStyle.ApplicationBuilder => DefaultBuilderVariables,
        HostStyle.WebApplication or HostStyle.GenericHostWithWeb or HostStyle.Unknown => WebBuilderVariables,
        HostStyle.LegacyWebHost => LegacyWebHostVariables,
        _ => ImmutableArray<string>.Empty,
    };

    public static bool IsEnvironmentVariable(HostStyle style, string name)
    {
        foreach (var variable in EnvironmentVariables(style))
        {
            if (string.Equals(variable, name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when <c>appsettings.json</c> and <c>appsettings.{Environment}.json</c> can set it: the default generic-host
    /// builders. The legacy <c>WebHost</c> reads its options from the host configuration (<c>ASPNETCORE_</c> variables,
    /// <c>UseSetting</c>), which <c>appsettings.json</c> does not feed.
    /// </summary>
    public static bool ReadsAppSettings(HostStyle style) =>
        style is not (HostStyle.PlainHostBuilder or HostStyle.EmptyApplicationBuilder or HostStyle.WebApplicationEmpty or HostStyle.LegacyWebHost);

    /// <summary>False for the legacy <c>WebHost</c>: it has its own options, so <c>Configure&lt;HostOptions&gt;</c> and
    /// <c>ConfigureHostOptions</c> have no effect there.</summary>
    public static bool HonoursHostOptions(HostStyle style) => style != HostStyle.LegacyWebHost;
}
