using System.Collections.Immutable;
using ShutdownGuard.Hosting;

namespace ShutdownGuard.Budget;

/// <summary>What an <c>appsettings*.json</c> file sets for the addresses the server listens on.</summary>
internal sealed class AppSettingsListen
{
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
            switch (ListenAddressSources.KindOf(key))
            {
                case ListenSettingKind.Urls:
                    _urls = value;
                    break;
                case ListenSettingKind.HttpPorts:
                    _httpPorts = value;
                    break;
                default:
                    _httpsPorts = value;
                    break;
            }
        }

        public void AddEndpoint(string? url) => _endpointUrls.Add(url);

        public AppSettingsListen ToListen() => new(_urls, _httpPorts, _httpsPorts, _endpointUrls.ToImmutable(), HasEndpoints, IsKnown);
    }
}
