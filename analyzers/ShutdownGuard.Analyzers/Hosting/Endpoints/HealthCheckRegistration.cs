using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace ShutdownGuard.Hosting.Endpoints;

/// <summary>One health check registered on <c>IHealthChecksBuilder</c>: what a predicate selects it by, and what it runs.</summary>
internal sealed class HealthCheckRegistration
{
    public HealthCheckRegistration(
        string? name,
        ImmutableArray<string> tags,
        ITypeSymbol? checkType,
        bool isLifecycleCheck,
        Location location,
        CodeUnit? implementation,
        EnvironmentCondition condition,
        bool? isGated = null)
    {
        Condition = condition;
        Name = name;
        Tags = tags;
        CheckType = checkType;
        IsLifecycleCheck = isLifecycleCheck;
        Location = location;
        Implementation = implementation;
        IsGated = isGated;
    }

    /// <summary>Null when not a compile-time constant.</summary>
    public string? Name { get; }

    /// <summary>Default (not empty) when not compile-time constants.</summary>
    public ImmutableArray<string> Tags { get; }

    /// <summary>The <c>IHealthCheck</c> type when known (<c>AddCheck&lt;T&gt;</c>, an instance); null for delegates.</summary>
    public ITypeSymbol? CheckType { get; }

    /// <summary>A check known to fail once the app is stopping (<c>AddApplicationLifecycleHealthCheck</c>, <c>AddApplicationStatus</c>).</summary>
    public bool IsLifecycleCheck { get; }

    /// <summary>The registering call, from the method's name (<c>AddCheck&lt;T&gt;(…)</c>).</summary>
    public Location Location { get; }

    /// <summary>True when the check fails once the app is stopping; null when its code is not known.</summary>
    public bool? IsGated { get; }

    /// <summary>The environments the registration runs in.</summary>
    public EnvironmentCondition Condition { get; }

    /// <summary>The code the check runs when the project holds it (its <c>CheckHealthAsync</c>, a delegate).</summary>
    internal CodeUnit? Implementation { get; }

    internal HealthCheckRegistration WithGate(bool? isGated) =>
        new(Name, Tags, CheckType, IsLifecycleCheck, Location, Implementation, Condition, isGated);

    /// <summary>Checks that code outside the project may register at this call: their names, tags and gates are unknown.</summary>
    internal static HealthCheckRegistration Unseen(Location call) =>
        new(name: null, tags: default, checkType: null, isLifecycleCheck: false, call, implementation: null, EnvironmentCondition.Always);
}
