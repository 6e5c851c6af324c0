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
    /// value comes from a manifest or appsettings, which C# does not edit.</summary>
    public const string TimeoutForm = "TimeoutForm";

    public const string DefaultForm = "Default";

    /// <summary>The grace period (whole seconds) that fits this workload.</summary>
    public const string FittingGracePeriod = "FittingGracePeriod";

    /// <summary>The manifest that holds the workload.</summary>
    public const string ManifestPath = "ManifestPath";

    /// <summary>The span of the <c>terminationGracePeriodSeconds</c> value, when the key exists.</summary>
    public const string GraceValueStart = "GraceValueStart";

    public const string GraceValueLength = "GraceValueLength";

    /// <summary>Where to insert the key when it is absent: the start of the line after the pod spec's <c>spec:</c>.</summary>
    public const string GraceInsertAt = "GraceInsertAt";

    /// <summary>The indentation of the pod spec's keys.</summary>
    public const string GraceIndent = "GraceIndent";
}
