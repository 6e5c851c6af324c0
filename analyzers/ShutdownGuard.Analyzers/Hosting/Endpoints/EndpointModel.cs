using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace ShutdownGuard.Hosting.Endpoints;

/// <summary>The app's endpoints, health checks and shutdown gates, as one compilation shows them.</summary>
internal sealed class EndpointModel
{
    public EndpointModel(
        ImmutableArray<MappedEndpoint> endpoints,
        ImmutableArray<HealthCheckRegistration> healthChecks,
        ImmutableArray<UnknownRoutes> unknownRoutes,
        ImmutableArray<ISymbol> stoppingFlags)
    {
        Endpoints = endpoints;
        HealthChecks = healthChecks;
        UnknownRoutes = unknownRoutes;
        StoppingFlags = stoppingFlags;
    }

    /// <summary>In source order.</summary>
    public ImmutableArray<MappedEndpoint> Endpoints { get; }

    /// <summary>Every health check registration, in source order.</summary>
    public ImmutableArray<HealthCheckRegistration> HealthChecks { get; }

    /// <summary>The places that make the app's routes unknown; empty when every route is known.</summary>
    public ImmutableArray<UnknownRoutes> UnknownRoutes { get; }

    /// <summary>True when the app may serve routes not listed here: then no path can be called unserved.</summary>
    public bool RoutesUnknown => !UnknownRoutes.IsEmpty;

    /// <summary>Fields, properties and captured locals that code running on stopping writes: a gate can read one of them.</summary>
    public ImmutableArray<ISymbol> StoppingFlags { get; }

    /// <summary>
    /// The endpoints whose route matches the path, the one that answers first: <c>UseHealthChecks</c> middleware runs
    /// before routing, then routing prefers more literal segments.
    /// </summary>
    public ImmutableArray<MappedEndpoint> Serving(string path) =>
        Endpoints.Where(endpoint => RouteTemplate.Matches(endpoint.Route, path))
            .OrderBy(endpoint => endpoint.Kind == EndpointKind.HealthChecksMiddleware ? 0 : 1)
            .ThenByDescending(endpoint => RouteTemplate.Specificity(endpoint.Route))
            .ToImmutableArray();

    /// <summary>Whether the two paths give the same answer in every state: null when a path is not served by a known endpoint
    /// or the checks of one are unknown.</summary>
    public bool? RunSameChecks(string path, string otherPath)
    {
        var first = Serving(path).FirstOrDefault();
        var second = Serving(otherPath).FirstOrDefault();
        return first is null || second is null ? null : RunSameChecks(first, second);
    }

    /// <summary>True for one endpoint, two handlers that are the same code, or two health-check endpoints running the same
    /// checks (the same predicate, or the same selected registrations); false for different kinds or code.</summary>
    public static bool? RunSameChecks(MappedEndpoint endpoint, MappedEndpoint other)
    {
        if (ReferenceEquals(endpoint, other))
        {
            return true;
        }

        if (endpoint.Predicate is { IsKnown: true } predicate && other.Predicate is { IsKnown: true } otherPredicate
            && predicate.ToString() == otherPredicate.ToString())
        {
            return true;
        }

        if (endpoint.IsHealthChecks && other.IsHealthChecks)
        {
            return endpoint.Checks.IsDefault || other.Checks.IsDefault
                ? null
                : new HashSet<HealthCheckRegistration>(endpoint.Checks).SetEquals(other.Checks);
        }

        if (endpoint.Handler is not { } handler || other.Handler is not { } otherHandler)
        {
            return false;
        }

        if (handler.Unit is { } unit && otherHandler.Unit is { } otherUnit)
        {
            return unit.Equals(otherUnit);
        }

        return handler.Method is { } method && otherHandler.Method is { } otherMethod ? SymbolEqualityComparer.Default.Equals(method, otherMethod) : null;
    }
}
