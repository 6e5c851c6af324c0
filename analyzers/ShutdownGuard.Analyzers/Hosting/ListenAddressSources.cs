using System;
using System.Collections.Immutable;

namespace ShutdownGuard.Hosting;

/// <summary>
/// Which environment variables and files can set the server's addresses for each host style, as
/// <see cref="ShutdownTimeoutSources"/> does for ShutdownTimeout: <c>ASPNETCORE_</c> for web builders, <c>DOTNET_</c> and
/// the unprefixed name for the default builders. Null for the styles whose sources are not modelled (then nothing is known).
/// </summary>
internal static class ListenAddressSources
{
    public const string UrlsKey = "urls";
    public const string HttpPortsKey = "http_ports";
    public const string HttpsPortsKey = "https_ports";

    private static readonly ImmutableArray<string> WebBuilderPrefixes = ImmutableArray.Create("ASPNETCORE_", "DOTNET_", string.Empty);
    private static readonly ImmutableArray<string> LegacyWebHostPrefixes = ImmutableArray.Create("ASPNETCORE_");

    /// <summary>The prefixes under which the host reads the keys from environment variables; default when unknown.</summary>
    public static ImmutableArray<string> Prefixes(HostStyle style) => style switch
    {
        HostStyle.WebApplication or HostStyle.GenericHostWithWeb => WebBuilderPrefixes,
        HostStyle.LegacyWebHost => LegacyWebHostPrefixes,
        _ => default,
    };

    /// <summary>The legacy <c>WebHost</c> reads its addresses from the host configuration, which <c>appsettings.json</c> does not feed.</summary>
    public static bool ReadsAppSettings(HostStyle style) => style is HostStyle.WebApplication or HostStyle.GenericHostWithWeb;

    /// <summary>The setting a configuration key (ignoring case) stands for; null for other keys.</summary>
    public static ListenSettingKind? KindOf(string key) =>
        string.Equals(key, UrlsKey, StringComparison.OrdinalIgnoreCase) ? ListenSettingKind.Urls
        : string.Equals(key, HttpPortsKey, StringComparison.OrdinalIgnoreCase) ? ListenSettingKind.HttpPorts
        : string.Equals(key, HttpsPortsKey, StringComparison.OrdinalIgnoreCase) ? ListenSettingKind.HttpsPorts
        : null;
}
