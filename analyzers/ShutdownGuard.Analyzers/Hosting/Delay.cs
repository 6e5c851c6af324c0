using Microsoft.CodeAnalysis;

namespace ShutdownGuard.Hosting;

/// <summary>A <c>Thread.Sleep</c> or <c>Task.Delay</c> that runs while the app shuts down.</summary>
internal sealed class Delay
{
    public Delay(DelayKind kind, double? seconds, Location location)
    {
        Kind = kind;
        Seconds = seconds;
        Location = location;
    }

    public DelayKind Kind { get; }

    /// <summary>Null when the duration is not a compile-time constant; <see cref="double.PositiveInfinity"/> for an infinite wait.</summary>
    public double? Seconds { get; }

    /// <summary>The delay call.</summary>
    public Location Location { get; }
}
