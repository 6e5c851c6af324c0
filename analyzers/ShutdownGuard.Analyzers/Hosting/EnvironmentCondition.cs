using System;
using System.Collections.Immutable;
using System.Linq;

namespace ShutdownGuard.Hosting;

/// <summary>
/// When a piece of code runs, as far as the host's environment decides it: always, only in some environments, in every
/// environment but some, or unknown (a test the analyzer cannot evaluate, or code it cannot see). Environment names
/// compare ignoring case, as <c>IsEnvironment</c> does.
/// </summary>
internal sealed class EnvironmentCondition
{
    private static readonly ImmutableHashSet<string> NoNames = ImmutableHashSet.Create<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Null when unknown.</summary>
    private readonly ImmutableHashSet<string>? _names;

    /// <summary>True: runs only in <see cref="_names"/>; false: runs in every environment but those.</summary>
    private readonly bool _only;

    private EnvironmentCondition(ImmutableHashSet<string>? names, bool only)
    {
        _names = names;
        _only = only;
    }

    public static EnvironmentCondition Always { get; } = new(NoNames, only: false);

    public static EnvironmentCondition Never { get; } = new(NoNames, only: true);

    public static EnvironmentCondition Unknown { get; } = new(null, only: false);

    public bool IsAlways => _names is { Count: 0 } && !_only;

    public static EnvironmentCondition Only(string environment) => new(NoNames.Add(environment), only: true);

    public EnvironmentCondition Not() => _names is null ? this : new(_names, !_only);

    public EnvironmentCondition And(EnvironmentCondition other)
    {
        if (_names is null || other._names is null)
        {
            return IsNever || other.IsNever ? Never : Unknown;
        }

        return (_only, other._only) switch
        {
            (true, true) => new(_names.Intersect(other._names), only: true),
            (true, false) => new(_names.Except(other._names), only: true),
            (false, true) => new(other._names.Except(_names), only: true),
            _ => new(_names.Union(other._names), only: false),
        };
    }

    public EnvironmentCondition Or(EnvironmentCondition other) => Not().And(other.Not()).Not();

    /// <summary>Whether the code runs in the environment; null when the condition or the environment is unknown.</summary>
    public bool? Holds(string? environment)
    {
        if (_names is null)
        {
            return null;
        }

        if (_names.Count == 0)
        {
            return _only ? false : true;
        }

        return environment is null ? null : _names.Contains(environment) == _only;
    }

    /// <summary>Whether the code runs in every one of the environments the program runs in (the matched containers'):
    /// false when in none, null when they disagree or one is unknown.</summary>
    public bool? Holds(ImmutableArray<string?> environments)
    {
        var answers = environments.Select(Holds).Distinct().ToList();
        return answers.Count == 1 ? answers[0] : null;
    }

    private bool IsNever => _names is { Count: 0 } && _only;
}
