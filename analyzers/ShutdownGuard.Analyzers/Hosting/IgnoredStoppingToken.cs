using Microsoft.CodeAnalysis;

namespace ShutdownGuard.Hosting;

/// <summary>A loop of a <c>BackgroundService</c> that never ends on stopping (SG1007).</summary>
internal sealed class IgnoredStoppingToken
{
    public IgnoredStoppingToken(string serviceName, Location location)
    {
        ServiceName = serviceName;
        Location = location;
    }

    /// <summary>The service's type name, for messages.</summary>
    public string ServiceName { get; }

    /// <summary>The loop's keyword.</summary>
    public Location Location { get; }
}
