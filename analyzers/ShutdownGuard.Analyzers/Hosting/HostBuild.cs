using Microsoft.CodeAnalysis;

namespace ShutdownGuard.Hosting;

/// <summary>A host's <c>Build()</c> call: where diagnostics about the host stand when nothing more precise exists.</summary>
internal sealed class HostBuild
{
    public HostBuild(HostStyle style, Location location)
    {
        Style = style;
        Location = location;
    }

    public HostStyle Style { get; }

    /// <summary>From the <c>Build</c> name to the closing parenthesis.</summary>
    public Location Location { get; }
}
