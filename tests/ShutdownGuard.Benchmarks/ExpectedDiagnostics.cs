namespace ShutdownGuard.Benchmarks;

/// <summary>
/// What ShutdownGuard reports on the generated projects. Update it when a rule is added: a benchmark whose analysis
/// finds anything else throws, so a broken analyzer cannot look fast.
/// </summary>
internal static class ExpectedDiagnostics
{
    public static IReadOnlyDictionary<string, int> None { get; } = new Dictionary<string, int>();

    /// <summary>
    /// The generated app and its matched workload: nothing reacts to shutdown (SG1001); its readiness endpoint has no
    /// gate (SG1002); the default grace period does not fit the default ShutdownTimeout (SG1003); readiness and
    /// liveness run the same checks (SG2003); nothing delays shutdown (SG2004); the Dockerfile starts the app through
    /// a shell (SG3001).
    /// </summary>
    public static IReadOnlyDictionary<string, int> WebApp { get; } = new Dictionary<string, int>
    {
        ["SG1001"] = 1,
        ["SG1002"] = 1,
        ["SG1003"] = 1,
        ["SG2003"] = 1,
        ["SG2004"] = 1,
        ["SG3001"] = 1,
    };
}
