namespace ShutdownGuard.Rules.Budget;

/// <summary>
/// Keys of the properties that SG1003 hands to its fixes, so the fixes never re-derive the analysis.
/// </summary>
internal static class ShutdownBudgetProperties
{
    /// <summary>The ShutdownTimeout (whole seconds) that fits every matched workload; absent when none fits or
    /// it would not exceed the in-app delay.</summary>
    public const string FittingShutdownTimeout = "FittingShutdownTimeout";

    /// <summary>How code sets the value (a <c>TimeoutSettingKind</c> name), or <see cref="DefaultForm"/>; absent when the
    /// value comes from a manifest or appsettings (also through code that reads it from configuration), which C# does not
    /// edit.</summary>
    public const string TimeoutForm = "TimeoutForm";

    public const string DefaultForm = "Default";

    /// <summary>The grace period (whole seconds) that fits this workload.</summary>
    public const string FittingGracePeriod = "FittingGracePeriod";

    /// <summary>The manifest that holds the workload; the edit that raises its grace period is in the
    /// <see cref="TextEditProperties"/>.</summary>
    public const string ManifestPath = "ManifestPath";
}
