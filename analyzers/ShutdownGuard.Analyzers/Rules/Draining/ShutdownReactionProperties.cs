using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using ShutdownGuard.Analysis;
using ShutdownGuard.Hosting;

namespace ShutdownGuard.Rules.Draining;

/// <summary>
/// What the draining scaffolding (the SG1001 fix) needs to know, decided by the analysis: the mechanism, the
/// readiness endpoint to map when the app has none, and a ShutdownTimeout when the current one is too short for the
/// delay plus draining.
/// </summary>
internal static class ShutdownReactionProperties
{
    /// <summary>How long the scaffolding keeps serving after SIGTERM; the fix writes it as a named constant.</summary>
    public const int DrainDelaySeconds = 5;

    /// <summary>At least this much of ShutdownTimeout is left for Kestrel to drain after the delay.</summary>
    public const int MinimumDrainSeconds = 5;

    /// <summary><see cref="LifecycleMechanism"/> or <see cref="StoppingCallbackMechanism"/>.</summary>
    public const string Mechanism = "Mechanism";

    /// <summary><c>IHostedLifecycleService.StoppingAsync</c> (Microsoft.Extensions.Hosting 8.0 and later).</summary>
    public const string LifecycleMechanism = "Lifecycle";

    /// <summary>A blocking <c>ApplicationStopping</c> callback (earlier hosting, and the legacy <c>WebHost</c>).</summary>
    public const string StoppingCallbackMechanism = "StoppingCallback";

    /// <summary>The path of the readiness endpoint to map; absent when the app serves one or its routes are unknown.</summary>
    public const string ReadinessRoute = "ReadinessRoute";

    /// <summary>The ShutdownTimeout (whole seconds) to set with the scaffolding; absent when the current one is long enough.</summary>
    public const string ShutdownTimeout = "ShutdownTimeout";

    /// <summary>How code sets the ShutdownTimeout that <see cref="ShutdownTimeout"/> replaces (a <c>TimeoutSettingKind</c>
    /// name): the fix rewrites that setting, which stands at the diagnostic's additional location, rather than add a
    /// second one. Absent when the value is the default or comes from configuration.</summary>
    public const string TimeoutForm = "TimeoutForm";

    /// <summary>Empty for an app that serves no HTTP: a worker needs no delay, and the fix is not offered.</summary>
    /// <param name="drainDelaySeconds">The delay the fix writes; ShutdownTimeout must leave time to drain after it.</param>
    public static ImmutableDictionary<string, string?> For(ProgramFacts facts, int drainDelaySeconds = DrainDelaySeconds)
    {
        var properties = ImmutableDictionary.CreateBuilder<string, string?>();
        if (!facts.ServesHttp)
        {
            return properties.ToImmutable();
        }

        var lifecycle = facts.Project.Types.IHostedLifecycleService is not null
            && facts.App.HostBuilds.All(build => build.Style != HostStyle.LegacyWebHost);
        properties[Mechanism] = lifecycle ? LifecycleMechanism : StoppingCallbackMechanism;

        if (facts.ServesHttp && facts.Endpoints is { RoutesUnknown: false } endpoints
            && facts.ReadinessPaths.All(path => endpoints.Serving(path).IsEmpty))
        {
            properties[ReadinessRoute] = facts.ReadinessPaths[0];
        }

        if (TimeoutToSet(facts, drainDelaySeconds) is { } seconds)
        {
            properties[ShutdownTimeout] = seconds.ToString(CultureInfo.InvariantCulture);
            if (SettingToRewrite(facts) is { } setting)
            {
                properties[TimeoutForm] = setting.Kind.ToString();
            }
        }

        return properties.ToImmutable();
    }

    /// <summary>The one code setting that gives every container its ShutdownTimeout, as a constant; null otherwise.</summary>
    public static TimeoutSetting? SettingToRewrite(ProgramFacts facts)
    {
        var settings = facts.Budgets.Timeouts.Select(timeout => timeout.Setting).Distinct().ToList();
        return settings.Count == 1 && settings[0] is { Configured: null } setting ? setting : null;
    }

    /// <summary>
    /// A ShutdownTimeout that leaves room to drain after the delay (the 5 s default before Hosting 7.0 does not), and
    /// still fits every matched workload's grace period; null when the current one is long enough or unknown.
    /// </summary>
    private static int? TimeoutToSet(ProgramFacts facts, int drainDelaySeconds)
    {
        var shortest = facts.Budgets.ShortestTimeout?.Seconds;
        if (shortest is null || shortest >= drainDelaySeconds + MinimumDrainSeconds)
        {
            return null;
        }

        var budgets = facts.Budgets.Budgets;
        var fitting = budgets.Count == 0 ? 30 : System.Math.Min(30, budgets.Min(item => item.Budget.FittingShutdownTimeout));
        return fitting >= drainDelaySeconds + MinimumDrainSeconds ? fitting : null;
    }
}
