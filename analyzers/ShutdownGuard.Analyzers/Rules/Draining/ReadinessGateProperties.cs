namespace ShutdownGuard.Rules.Draining;

/// <summary>Keys of the properties that SG1002 hands to its fix, and the name the fix registers its check under.</summary>
internal static class ReadinessGateProperties
{
    /// <summary>Set when liveness probes the same endpoint: gating it would restart the container, so no fix.</summary>
    public const string LivenessAlsoProbes = "LivenessAlsoProbes";

    /// <summary>For a health-check endpoint: the tags (comma-separated, maybe none) a stopping check needs so that this
    /// endpoint runs it and no liveness endpoint does; absent when no such tags exist. The host's <c>Build()</c> call is
    /// the diagnostic's additional location: the check is registered before it.</summary>
    public const string StoppingCheckTags = "StoppingCheckTags";

    /// <summary>The name the fix registers its stopping check under.</summary>
    public const string StoppingCheckName = "stopping";
}
