using System;
using System.Collections.Immutable;

namespace ShutdownGuard.Budget;

/// <summary>What an <c>appsettings*.json</c> file sets for the addresses the server listens on.</summary>
internal sealed class AppSettingsListen
{
    public const string UrlsKey = "urls";
    public const string HttpPortsKey = "http_ports";
    public const string HttpsPortsKey = "https_ports";

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

    public static bool IsAddressKey(string key) =>
        string.Equals(key, UrlsKey, StringComparison.OrdinalIgnoreCase)
        || string.Equals(key, HttpPortsKey, StringComparison.OrdinalIgnoreCase)
        || string.Equals(key, HttpsPortsKey, StringComparison.OrdinalIgnoreCase);

    /// <summary>Collects the settings while the file is read; the last occurrence of a key wins, as in configuration.</summary>
    internal sealed class Builder
    {
        private readonly ImmutableArray<string?>.Builder _endpointUrls = ImmutableArray.CreateBuilder<string?>();
        private string? _urls;
        private string? _httpPorts;
        private string? _httpsPorts;
        private bool _setsAddress;

        public bool IsKnown { get; set; } = true;

        public bool HasEndpoints { get; set; }

        public bool SetsAnything => _setsAddress || HasEndpoints || !IsKnown;

        /// <summary>A value that is not a string or literal (an object) is kept as unknown.</summary>
        public void Set(string key, string? value)
        {
            _setsAddress = true;
            IsKnown &= value is not null;
            if (string.Equals(key, UrlsKey, StringComparison.OrdinalIgnoreCase))
            {
                _urls = value;
            }
            else if (string.Equals(key, HttpPortsKey, StringComparison.OrdinalIgnoreCase))
            {
                _httpPorts = value;
            }
            else
            {
                _httpsPorts = value;
            }
        }

        public void AddEndpoint(string? url) => _endpointUrls.Add(url);

        public AppSettingsListen ToListen() => new(_urls, _httpPorts, _httpsPorts, _endpointUrls.ToImmutable(), HasEndpoints, IsKnown);
    }
}
