using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace ShutdownGuard.Hosting;

/// <summary>One place in the code that sets ShutdownTimeout.</summary>
internal sealed class TimeoutSetting
{
    public TimeoutSetting(TimeoutSettingKind kind, double? seconds, Location location, string description, EnvironmentCondition condition)
    {
        Condition = condition;
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

    /// <summary>The environments it applies in.</summary>
    public EnvironmentCondition Condition { get; }

    /// <summary>
    /// True when the setting goes through configuration (the key <c>shutdownTimeoutSeconds</c>): then it competes with
    /// environment variables and <c>appsettings.json</c>, and the legacy <c>WebHost</c> honours it. Otherwise it sets
    /// <c>HostOptions</c> directly, overriding configuration.
    /// </summary>
    public bool IsConfiguration => Kind is TimeoutSettingKind.UseShutdownTimeout or TimeoutSettingKind.UseSetting;

    /// <summary>The setting in these environments: null when it does not apply there; of unknown value when it may not.</summary>
    public TimeoutSetting? In(ImmutableArray<string?> environments) => Condition.Holds(environments) switch
    {
        true => this,
        false => null,
        null => new TimeoutSetting(Kind, null, Location, Description, EnvironmentCondition.Always),
    };
}
