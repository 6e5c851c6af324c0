using Microsoft.CodeAnalysis;

namespace ShutdownGuard.Hosting.Endpoints;

/// <summary>One place that makes the app's routes unknown: then no path can be called unserved.</summary>
internal sealed class UnknownRoutes
{
    public UnknownRoutes(UnknownRoutesReason reason, Location location, string description, EnvironmentCondition condition)
    {
        Condition = condition;
        Reason = reason;
        Location = location;
        Description = description;
    }

    public UnknownRoutesReason Reason { get; }

    public Location Location { get; }

    /// <summary>What was seen, for a message: e.g. "app.MapDefaultEndpoints() is defined outside the project".</summary>
    public string Description { get; }

    /// <summary>The environments the call runs in: where it does not, it hides nothing.</summary>
    public EnvironmentCondition Condition { get; }
}
