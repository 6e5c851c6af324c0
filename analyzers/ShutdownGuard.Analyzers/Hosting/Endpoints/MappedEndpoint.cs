using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace ShutdownGuard.Hosting.Endpoints;

/// <summary>A route the app serves, what answers it, and whether that answer changes once the app is stopping.</summary>
internal sealed class MappedEndpoint
{
    public MappedEndpoint(
        string route,
        Location location,
        EndpointKind kind,
        EndpointHandler? handler,
        HealthCheckPredicate? predicate,
        ImmutableArray<HealthCheckRegistration> checks,
        bool? isGated,
        ImmutableArray<ISymbol> stoppingFlagsRead)
    {
        Route = route;
        Location = location;
        Kind = kind;
        Handler = handler;
        Predicate = predicate;
        Checks = checks;
        IsGated = isGated;
        StoppingFlagsRead = stoppingFlagsRead;
    }

    /// <summary>The full route template: leading <c>/</c>, no trailing <c>/</c>, group prefixes and controller routes applied.</summary>
    public string Route { get; }

    /// <summary>The mapping call; for a controller action, the action method's name.</summary>
    public Location Location { get; }

    public EndpointKind Kind { get; }

    /// <summary>The handler of a minimal API or controller action; null for health-check endpoints.</summary>
    public EndpointHandler? Handler { get; }

    /// <summary>The predicate of a health-check endpoint (<see cref="HealthCheckPredicate.All"/> without one); null for other endpoints.</summary>
    public HealthCheckPredicate? Predicate { get; }

    /// <summary>The checks a health-check endpoint runs; default when not known or not a health-check endpoint.</summary>
    public ImmutableArray<HealthCheckRegistration> Checks { get; }

    /// <summary>True when the endpoint's answer changes once the app is stopping; null when that cannot be known.</summary>
    public bool? IsGated { get; }

    /// <summary>The fields, properties and captured locals written on stopping that the handler reads.</summary>
    public ImmutableArray<ISymbol> StoppingFlagsRead { get; }

    public bool IsHealthChecks => Kind is EndpointKind.HealthChecks or EndpointKind.HealthChecksMiddleware;

    /// <summary>An endpoint that exists in some of the environments the program may run in, or under a condition that
    /// cannot be evaluated: what answers it, and whether its answer changes on stopping, is unknown.</summary>
    public static MappedEndpoint MayNotExist(string route, Location location, EndpointKind kind) =>
        new(route, location, kind, handler: null, predicate: null, checks: default, isGated: null, ImmutableArray<ISymbol>.Empty);
}
