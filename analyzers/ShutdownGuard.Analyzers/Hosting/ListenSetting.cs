using Microsoft.CodeAnalysis;

namespace ShutdownGuard.Hosting;

/// <summary>Where an address the server listens on comes from, in the order the host lets them win.</summary>
internal enum ListenSettingKind
{
    /// <summary>A Kestrel endpoint: <c>Listen</c>, <c>ListenAnyIP</c>… in <c>ConfigureKestrel</c>/<c>UseKestrel</c>, or
    /// <c>Kestrel:Endpoints</c> in configuration. Endpoints replace every address setting.</summary>
    Endpoint,

    /// <summary><c>app.Urls.Add(url)</c> or <c>app.Run(url)</c>: the server's addresses, set before configuration is read.</summary>
    Address,

    /// <summary>The <c>urls</c> setting (<c>UseUrls</c>, <c>UseSetting("urls", …)</c>, <c>ASPNETCORE_URLS</c>…).</summary>
    Urls,

    /// <summary>The <c>http_ports</c> setting, which any <c>urls</c> setting overrides.</summary>
    HttpPorts,

    /// <summary>The <c>https_ports</c> setting, read together with <c>http_ports</c>.</summary>
    HttpsPorts,
}

/// <summary>An address setting (in code, with its location); its value is null when it is not a constant (or is no TCP
/// port on every interface: a Unix socket, a named pipe, localhost).</summary>
internal sealed class ListenSetting
{
    public ListenSetting(ListenSettingKind kind, string? value, Location location, string description)
    {
        Kind = kind;
        Value = value;
        Location = location;
        Description = description;
    }

    public ListenSettingKind Kind { get; }

    /// <summary>A URL list (<c>http://+:8080;https://+:8443</c>), a port list (<c>8080;8081</c>) or, for an endpoint, its port.</summary>
    public string? Value { get; }

    /// <summary><see cref="Location.None"/> outside code.</summary>
    public Location Location { get; }

    /// <summary><c>UseUrls (Program.cs:4)</c>, for messages.</summary>
    public string Description { get; }
}
