using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace ShutdownGuard.Hosting;

/// <summary>A value the code computes from configuration read at run time: known only per container.</summary>
internal sealed class ConfiguredValue
{
    private readonly Func<ConfigurationReads, double?> _evaluate;
    private readonly bool _setOnlyWhenFound;

    /// <param name="evaluate">Folds the value with what the reads give; null when unknown.</param>
    /// <param name="setOnlyWhenFound">True for options bound from a section: a key no source sets leaves the value as it was.</param>
    public ConfiguredValue(Func<ConfigurationReads, double?> evaluate, bool setOnlyWhenFound)
    {
        _evaluate = evaluate;
        _setOnlyWhenFound = setOnlyWhenFound;
    }

    /// <summary>The value in one container's configuration; null when it sets nothing (a bound key no source has).</summary>
    public ConfiguredSeconds? Evaluate(IAppConfiguration configuration)
    {
        var reads = new ConfigurationReads(configuration);
        var seconds = _evaluate(reads);
        return _setOnlyWhenFound && reads.AllUnset
            ? null
            : new ConfiguredSeconds(seconds, reads.Describe(), reads.Found.Select(value => value.Location).ToImmutableArray());
    }
}

/// <summary>A configured value in one container's configuration.</summary>
internal sealed class ConfiguredSeconds
{
    public ConfiguredSeconds(double? seconds, string reads, ImmutableArray<Location> locations)
    {
        Seconds = seconds;
        Reads = reads;
        Locations = locations;
    }

    /// <summary>Null when unknown.</summary>
    public double? Seconds { get; }

    /// <summary>What was read, for messages: <c>GRACEFUL_SHUTDOWN_TIMEOUT "58" (k8s/deployment.yaml:13)</c>.</summary>
    public string Reads { get; }

    /// <summary>Where the values read stand, outside C#.</summary>
    public ImmutableArray<Location> Locations { get; }
}
