namespace ShutdownGuard.Benchmarks;

/// <summary>
/// What ShutdownGuard reports on the generated projects. Update it when a rule is added: a benchmark whose analysis
/// finds anything else throws, so a broken analyzer cannot look fast.
/// </summary>
internal static class ExpectedDiagnostics
{
    public static IReadOnlyDictionary<string, int> None { get; } = new Dictionary<string, int>();

    /// <summary>The matched workload: the default grace period does not fit the default ShutdownTimeout (SG1003); the
    /// Dockerfile starts the app through a shell (SG3001).</summary>
    public static IReadOnlyDictionary<string, int> WebApp { get; } = new Dictionary<string, int>
    {
        ["SG1003"] = 1,
        ["SG3001"] = 1,
    };
}
