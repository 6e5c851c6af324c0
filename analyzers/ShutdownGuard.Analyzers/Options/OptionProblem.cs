namespace ShutdownGuard.Options;

/// <summary>An option value that cannot be used (SG0001).</summary>
internal sealed class OptionProblem
{
    public OptionProblem(string name, string value, string reason, string fallback)
    {
        Name = name;
        Value = value;
        Reason = reason;
        Fallback = fallback;
    }

    /// <summary>The key or MSBuild property as the user wrote it.</summary>
    public string Name { get; }

    public string Value { get; }

    public string Reason { get; }

    /// <summary>What applies instead, e.g. "the default 5".</summary>
    public string Fallback { get; }
}
