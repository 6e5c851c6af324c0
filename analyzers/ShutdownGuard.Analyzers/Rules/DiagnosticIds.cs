namespace ShutdownGuard.Rules;

/// <summary>Every rule ID in one place. SG0xxx: ShutdownGuard's own configuration; SG1xxx: reported in C#;
/// SG2xxx: in manifests; SG3xxx: in the Dockerfile.</summary>
internal static class DiagnosticIds
{
    public const string InvalidOption = "SG0001";
    public const string ShutdownReaction = "SG1001";
    public const string ReadinessGate = "SG1002";
    public const string ShutdownBudget = "SG1003";
    public const string LostStoppingDelay = "SG1004";
    public const string LateStopDelay = "SG1005";
    public const string IgnoredStoppingToken = "SG1007";
    public const string InAppDelayTakesShutdownTimeout = "SG1008";
    public const string UnreadableManifest = "SG2001";
    public const string ReadinessProbe = "SG2002";
    public const string ProbesRunSameCheck = "SG2003";
    public const string ShutdownDelay = "SG2004";
    public const string ProbePathNotServed = "SG2005";
    public const string PreStopTakesGracePeriod = "SG2006";
    public const string PreStopShell = "SG2007";
    public const string RolloutTakesReadyPods = "SG2008";
    public const string UnrenderedTemplate = "SG2009";
    public const string WorkloadMatch = "SG2010";
    public const string ProbePort = "SG2011";
    public const string RenderFailed = "SG2012";
    public const string ShellStart = "SG3001";
}
