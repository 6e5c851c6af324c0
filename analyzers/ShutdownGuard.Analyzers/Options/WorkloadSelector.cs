using System;

namespace ShutdownGuard.Options;

/// <summary>The explicit workload of <c>ShutdownGuardWorkload</c>: <c>kind/name</c> or <c>kind/name/container</c>.</summary>
internal sealed class WorkloadSelector
{
    private WorkloadSelector(string kind, string name, string? container)
    {
        Kind = kind;
        Name = name;
        Container = container;
    }

    public string Kind { get; }

    public string Name { get; }

    public string? Container { get; }

    public static bool TryParse(string text, out WorkloadSelector? selector)
    {
        var parts = text.Split('/');
        selector = null;
        if (parts.Length is < 2 or > 3 || Array.Exists(parts, part => part.Trim().Length == 0))
        {
            return false;
        }

        selector = new WorkloadSelector(parts[0].Trim(), parts[1].Trim(), parts.Length == 3 ? parts[2].Trim() : null);
        return true;
    }

    public override string ToString() => Kind + "/" + Name + (Container is null ? string.Empty : "/" + Container);
}
