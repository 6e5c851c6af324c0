using System.Collections.Immutable;
using System.Linq;
using ShutdownGuard.Hosting;

namespace ShutdownGuard.Budget;

/// <summary>What an <c>appsettings*.json</c> file sets for the addresses the server listens on.</summary>
internal sealed class AppSettingsListen
{
    private const string EndpointsSection = "Kestrel:Endpoints";

    private AppSettingsListen(string? urls, string? httpPorts, string? httpsPorts, ImmutableArray<string?> endpointUrls, bool hasEndpoints, bool isKnown)
    {
        Urls = urls;
        HttpPorts = httpPorts;
        HttpsPorts = httpsPorts;
        EndpointUrls = endpointUrls;
        HasEndpoints = hasEndpoints;
        IsKnown = isKnown;
    }

    public string? Urls { get; }

    public string? HttpPorts { get; }

    public string? HttpsPorts { get; }

    /// <summary>The <c>Url</c> of each <c>Kestrel:Endpoints</c> entry; null where it is not a string.</summary>
    public ImmutableArray<string?> EndpointUrls { get; }

    /// <summary>A <c>Kestrel:Endpoints</c> section is present (even an empty one).</summary>
    public bool HasEndpoints { get; }

    /// <summary>False when the file may configure endpoints in a way this reading does not follow.</summary>
    public bool IsKnown { get; }

    /// <summary>The listen settings among a file's keys; null when it sets none.</summary>
    public static AppSettingsListen? From(AppSettingsValues values)
    {
        var urls = values.Find(ListenAddressSources.UrlsKey);
        var httpPorts = values.Find(ListenAddressSources.HttpPortsKey);
        var httpsPorts = values.Find(ListenAddressSources.HttpsPortsKey);
        var endpoints = values.Find(EndpointsSection);
        if (urls is null && httpPorts is null && httpsPorts is null && endpoints is null)
        {
            return null;
        }

        // Each endpoint is one section below Kestrel:Endpoints (Kestrel:Endpoints:Http:Url), whether written nested or flat.
        var endpointUrls = values.KeysUnder(EndpointsSection)
            .Select(key => key.Substring(EndpointsSection.Length + 1).Split(':')[0])
            .Distinct(AppSettingsValue.KeyComparer)
            .Select(name => values.Find(EndpointsSection + ":" + name + ":Url")?.Text)
            .ToImmutableArray();

        // A value that is not a string or literal (an object, null) may be anything.
        var isKnown = new[] { urls, httpPorts, httpsPorts }.All(value => value is null || value.Text is not null)
            && (endpoints is null || endpoints.Text is null);
        return new AppSettingsListen(urls?.Text, httpPorts?.Text, httpsPorts?.Text, endpointUrls, endpoints is not null, isKnown);
    }
}
