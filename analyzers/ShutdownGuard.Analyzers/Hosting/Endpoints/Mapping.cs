using Microsoft.CodeAnalysis;

namespace ShutdownGuard.Hosting.Endpoints;

/// <summary>A mapping call as seen in one place: its route is complete once the callers of its method are known.</summary>
internal sealed class Mapping
{
    public Mapping(RouteBase routeBase, string template, EndpointKind kind, Location location, EndpointHandler? handler, HealthCheckPredicate? predicate, EnvironmentCondition condition)
    {
        Condition = condition;
        RouteBase = routeBase;
        Template = template;
        Kind = kind;
        Location = location;
        Handler = handler;
        Predicate = predicate;
    }

    public RouteBase RouteBase { get; }

    /// <summary>The route template relative to <see cref="RouteBase"/>.</summary>
    public string Template { get; }

    public EndpointKind Kind { get; }

    public Location Location { get; }

    public EndpointHandler? Handler { get; }

    public HealthCheckPredicate? Predicate { get; }

    /// <summary>The environments the mapping call runs in; its method's callers may narrow them.</summary>
    public EnvironmentCondition Condition { get; }
}
