using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace ShutdownGuard.Hosting;

/// <summary>What the project's code says about shutdown: its hosts, ShutdownTimeout settings and delays. Items are in source order.</summary>
internal sealed class AppModel
{
    public AppModel(
        ImmutableArray<HostBuild> hostBuilds,
        ImmutableArray<TimeoutSetting> timeoutSettings,
        ImmutableArray<Delay> inAppDelays,
        ImmutableArray<LostStoppingDelay> lostStoppingDelays,
        ImmutableArray<Delay> outsideDelays,
        ImmutableArray<IgnoredStoppingToken> ignoredStoppingTokens,
        ShutdownObservers observers,
        HostingVersion hostingVersion,
        ImmutableArray<string?> environmentNames,
        ImmutableArray<ListenSetting> listenSettings,
        ImmutableArray<Delay> lateStopDelays)
    {
        EnvironmentNames = environmentNames;
        HostBuilds = hostBuilds;
        TimeoutSettings = timeoutSettings;
        InAppDelays = inAppDelays;
        LostStoppingDelays = lostStoppingDelays;
        OutsideDelays = outsideDelays;
        IgnoredStoppingTokens = ignoredStoppingTokens;
        Observers = observers;
        HostingVersion = hostingVersion;
        ListenSettings = listenSettings;
        LateStopDelays = lateStopDelays;
    }

    public ImmutableArray<HostBuild> HostBuilds { get; }

    /// <summary>The first host's style, which decides the defaults and the configuration sources.</summary>
    public HostStyle Style => HostBuilds.IsEmpty ? HostStyle.Unknown : HostBuilds[0].Style;

    public ImmutableArray<TimeoutSetting> TimeoutSettings { get; }

    /// <summary><c>Din</c>: delays before the server stops that count against ShutdownTimeout (they overlap: the largest
    /// counts): stopping callbacks, <c>StoppingAsync</c>, and <c>StopAsync</c> of services that stop before the server.</summary>
    public ImmutableArray<Delay> InAppDelays { get; }

    /// <summary>Delays that <c>ApplicationStopping</c> callbacks do not wait for (async callbacks, dropped tasks): they delay nothing.</summary>
    public ImmutableArray<LostStoppingDelay> LostStoppingDelays { get; }

    /// <summary>Drain delays in <c>IHostedService.StopAsync</c> of services that stop after the server: Kestrel refuses
    /// connections by then.</summary>
    public ImmutableArray<Delay> LateStopDelays { get; }

    /// <summary><c>Dout</c>: delays in a custom <c>IHostLifetime</c> before it stops the app, outside ShutdownTimeout.</summary>
    public ImmutableArray<Delay> OutsideDelays { get; }

    /// <summary>Loops of <c>BackgroundService.ExecuteAsync</c> that never end on stopping: shutdown waits the whole
    /// ShutdownTimeout for them.</summary>
    public ImmutableArray<IgnoredStoppingToken> IgnoredStoppingTokens { get; }

    public ShutdownObservers Observers { get; }

    /// <summary>False when nothing in the project reacts to shutdown.</summary>
    public bool ObservesShutdown => Observers != ShutdownObservers.None;

    public HostingVersion HostingVersion { get; }

    /// <summary>The server addresses the code sets (<c>UseUrls</c>, <c>Urls.Add</c>, Kestrel's <c>Listen</c>…).</summary>
    public ImmutableArray<ListenSetting> ListenSettings { get; }

    /// <summary>Environment names the code sets (<c>WebApplicationOptions.EnvironmentName</c>, <c>UseEnvironment</c>,
    /// <c>UseSetting("environment", …)</c>); null for one that is not a compile-time constant.</summary>
    public ImmutableArray<string?> EnvironmentNames { get; }

    /// <summary>The model in these environments: settings and delays that do not apply there are left out, those that
    /// may or may not apply become unknown.</summary>
    public AppModel In(ImmutableArray<string?> environments) => new(
        HostBuilds,
        Present(TimeoutSettings.Select(setting => setting.In(environments))),
        Present(InAppDelays.Select(delay => delay.In(environments))),
        Present(LostStoppingDelays.Select(lost => lost.In(environments))),
        Present(OutsideDelays.Select(delay => delay.In(environments))),
        IgnoredStoppingTokens,
        Observers,
        HostingVersion,
        EnvironmentNames,
        ListenSettings,
        Present(LateStopDelays.Select(delay => delay.In(environments))));

    private static ImmutableArray<T> Present<T>(IEnumerable<T?> items)
        where T : class => items.OfType<T>().ToImmutableArray();
}
