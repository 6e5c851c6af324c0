using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using ShutdownGuard.Hosting;

namespace ShutdownGuard.Budget;

/// <summary>The ShutdownTimeout that applies to one container of the project, or why it is unknown.</summary>
internal sealed class EffectiveShutdownTimeout
{
    private readonly bool _isDefault;

    private EffectiveShutdownTimeout(double? seconds, string source, TimeoutSetting? setting, ImmutableArray<Location> otherLocations, bool isDefault = false)
    {
        _isDefault = isDefault;
        Seconds = seconds;
        Source = source;
        Setting = setting;
        OtherLocations = otherLocations;
    }

    /// <summary>Null when unknown (a value that is not a constant, competing sources): then no rule reports.</summary>
    public double? Seconds { get; }

    /// <summary>Where the value comes from, for messages.</summary>
    public string Source { get; }

    /// <summary>The code that sets the value, when code sets it: where SG1003 stands and what its fix rewrites.</summary>
    public TimeoutSetting? Setting { get; }

    /// <summary>Places outside C# that set the value (a manifest env entry, an appsettings key).</summary>
    public ImmutableArray<Location> OtherLocations { get; }

    /// <summary>Neither code nor configuration sets the value: it is the default. Never true for <see cref="Unknown"/>, which
    /// may be set somewhere the analyzer cannot read.</summary>
    public bool IsSetNowhere => _isDefault;

    public static EffectiveShutdownTimeout Unknown { get; } = new(seconds: null, "unknown", setting: null, ImmutableArray<Location>.Empty);

    public static EffectiveShutdownTimeout FromCode(TimeoutSetting setting) =>
        new(setting.Seconds, setting.Description, setting, ImmutableArray<Location>.Empty);

    /// <summary>Code that sets the value from configuration: the message names what it read, and where.</summary>
    public static EffectiveShutdownTimeout FromConfiguredCode(TimeoutSetting setting, ConfiguredSeconds value) =>
        new(value.Seconds, setting.Description + " with " + value.Reads, setting, value.Locations);

    public static EffectiveShutdownTimeout FromElsewhere(double? seconds, string source, Location location) =>
        new(seconds, source, setting: null, ImmutableArray.Create(location));

    public static EffectiveShutdownTimeout FromDefault(ShutdownTimeoutDefault value) =>
        new(value.Seconds, value.Description, null, ImmutableArray<Location>.Empty, isDefault: true);

    public BudgetTerm ToTerm() => new("ShutdownTimeout", Seconds ?? 0, Source);
}
