using Microsoft.CodeAnalysis;

namespace ShutdownGuard.Hosting;

/// <summary>The app's configuration as one container sees it at run time (its env, the appsettings of its environment).</summary>
internal interface IAppConfiguration
{
    /// <summary>False when the value cannot be known; true with a null <paramref name="value"/> when no source sets the key.</summary>
    /// <param name="key">A configuration key (<c>HostOptions:ShutdownTimeout</c>), or a variable's name.</param>
    /// <param name="environmentOnly">True for <c>Environment.GetEnvironmentVariable</c>: the name as it is, from the
    /// container's env alone.</param>
    bool TryRead(string key, bool environmentOnly, out ConfigurationValue? value);
}

/// <summary>A value one configuration source gives a key.</summary>
internal sealed class ConfigurationValue
{
    public ConfigurationValue(string? text, string source, Location location)
    {
        Text = text;
        Source = source;
        Location = location;
    }

    /// <summary>Null when the source holds no text there (an object, <c>null</c>): the value is unknown.</summary>
    public string? Text { get; }

    /// <summary>The key, its text and its place, for messages: <c>HostOptions:ShutdownTimeout "00:00:25" (appsettings.json:3)</c>.</summary>
    public string Source { get; }

    public Location Location { get; }
}
