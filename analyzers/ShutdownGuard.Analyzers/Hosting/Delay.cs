using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace ShutdownGuard.Hosting;

/// <summary>A <c>Thread.Sleep</c> or <c>Task.Delay</c> that runs while the app shuts down.</summary>
internal sealed class Delay
{
    public Delay(DelayKind kind, double? seconds, Location location, EnvironmentCondition condition, bool mayNotRun = false)
    {
        Kind = kind;
        Seconds = seconds;
        Location = location;
        Condition = condition;
        MayNotRun = mayNotRun;
    }

    public DelayKind Kind { get; }

    /// <summary>Null when the duration is not a compile-time constant; <see cref="double.PositiveInfinity"/> for an infinite wait.</summary>
    public double? Seconds { get; }

    /// <summary>The delay call; for code outside the project that may delay, the call into it.</summary>
    public Location Location { get; }

    /// <summary>The environments it runs in.</summary>
    public EnvironmentCondition Condition { get; }

    /// <summary>True when whether it runs at all is unknown (an environment test that cannot be evaluated, code outside
    /// the project): it may keep the app listening, but cannot be relied on to.</summary>
    public bool MayNotRun { get; }

    /// <summary>The delay in these environments: null when it does not run there; of unknown length when it may not.</summary>
    public Delay? In(ImmutableArray<string?> environments) => Condition.Holds(environments) switch
    {
        true => this,
        false => null,
        null => new Delay(Kind, null, Location, EnvironmentCondition.Always, mayNotRun: true),
    };
}
