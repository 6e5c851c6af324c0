namespace ShutdownGuard.Hosting.Endpoints;

/// <summary>How an endpoint is mapped; health-check endpoints run registered checks instead of a handler.</summary>
internal enum EndpointKind
{
    /// <summary><c>MapGet</c>, <c>MapPost</c>, <c>MapPut</c>, <c>MapDelete</c>, <c>MapPatch</c>, <c>Map</c>, <c>MapMethods</c>, <c>MapFallback</c>.</summary>
    MinimalApi,

    /// <summary><c>MapHealthChecks</c> on the route builder.</summary>
    HealthChecks,

    /// <summary><c>UseHealthChecks</c> middleware: it answers before routing does.</summary>
    HealthChecksMiddleware,

    /// <summary>An attribute-routed controller action.</summary>
    ControllerAction,
}
