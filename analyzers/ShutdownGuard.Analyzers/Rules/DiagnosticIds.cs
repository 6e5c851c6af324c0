namespace ShutdownGuard.Rules;

/// <summary>Every rule ID in one place. SG0xxx: ShutdownGuard's own configuration; SG1xxx: reported in C#;
/// SG2xxx: in manifests; SG3xxx: in the Dockerfile.</summary>
internal static class DiagnosticIds
{
    public const string InvalidOption = "SG0001";
    public const string NoShutdownReaction = "SG1001";
    public const string UngatedReadiness = "SG1002";
    public const string ShutdownTimeoutExceedsGracePeriod = "SG1003";
    public const string InAppDelayTakesShutdownTimeout = "SG1008";
    public const string UnreadableManifest = "SG2001";
    public const string MissingReadinessProbe = "SG2002";
    public const string NoShutdownDelay = "SG2004";
    public const string PreStopNeedsShell = "SG2007";
    public const string PreStopTakesGracePeriod = "SG2006";
    public const string ProbePathNotServed = "SG2005";
    public const string ProbesRunSameCheck = "SG2003";
    public const string RolloutTakesReadyPods = "SG2008";
    public const string UnrenderedTemplate = "SG2009";
    public const string NoMatchingWorkload = "SG2010";
    public const string ShellStart = "SG3001";
}
