using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace ShutdownGuard.Hosting;

/// <summary>One place in the code that sets ShutdownTimeout.</summary>
internal sealed class TimeoutSetting
{
    public TimeoutSetting(
        TimeoutSettingKind kind, double? seconds, ConfiguredValue? configured, RegistrationOrder? order, Location location, string description, EnvironmentCondition condition)
    {
        Condition = condition;
        Kind = kind;
        Seconds = seconds;
        Configured = configured;
        Order = order;
        Location = location;
        Description = description;
    }

    public TimeoutSettingKind Kind { get; }

    /// <summary>Null when the value is not a compile-time constant; <see cref="double.PositiveInfinity"/> for <c>Timeout.InfiniteTimeSpan</c>.</summary>
    public double? Seconds { get; }

    /// <summary>The value when it is read from configuration at run time (then <see cref="Seconds"/> is null).</summary>
    public ConfiguredValue? Configured { get; }

    /// <summary>Where the setting is registered among the others; null when its order cannot be known from the source.</summary>
    public RegistrationOrder? Order { get; }

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
        null => new TimeoutSetting(Kind, seconds: null, configured: null, Order, Location, Description, EnvironmentCondition.Always),
    };
}

/// <summary>
/// A registration of <c>HostOptions</c> that runs in source order: a statement of one straight-line block (a method, a
/// lambda or top-level statements), so later ones override earlier ones.
/// </summary>
internal sealed class RegistrationOrder
{
    public RegistrationOrder(SyntaxNode block, int position)
    {
        Block = block;
        Position = position;
    }

    public SyntaxNode Block { get; }

    /// <summary>The position of the registering call's name: in a chain, the earlier call's name comes first.</summary>
    public int Position { get; }
}
