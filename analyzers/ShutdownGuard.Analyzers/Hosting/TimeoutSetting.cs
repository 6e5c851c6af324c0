using Microsoft.CodeAnalysis;

namespace ShutdownGuard.Hosting;

/// <summary>One place in the code that sets ShutdownTimeout.</summary>
internal sealed class TimeoutSetting
{
    public TimeoutSetting(TimeoutSettingKind kind, double? seconds, Location location, string description)
    {
        Kind = kind;
        Seconds = seconds;
        Location = location;
        Description = description;
    }

    public TimeoutSettingKind Kind { get; }

    /// <summary>Null when the value is not a compile-time constant; <see cref="double.PositiveInfinity"/> for <c>Timeout.InfiniteTimeSpan</c>.</summary>
    public double? Seconds { get; }

    /// <summary>The expression that gives the value, so a fix can replace it.</summary>
    public Location Location { get; }

    /// <summary>The form and the place, e.g. <c>Configure&lt;HostOptions&gt; (Program.cs:12)</c>, for messages.</summary>
    public string Description { get; }

    /// <summary>
    /// True when the setting goes through configuration (the key <c>shutdownTimeoutSeconds</c>): then it competes with
    /// environment variables and <c>appsettings.json</c>, and the legacy <c>WebHost</c> honours it. Otherwise it sets
    /// <c>HostOptions</c> directly, overriding configuration.
    /// </summary>
    public bool IsConfiguration => Kind is TimeoutSettingKind.UseShutdownTimeout or TimeoutSettingKind.UseSetting;
}
