using System.Collections.Immutable;

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
        ShutdownObservers observers,
        HostingVersion hostingVersion,
        ImmutableArray<Delay> lateStopDelays)
    {
        HostBuilds = hostBuilds;
        TimeoutSettings = timeoutSettings;
        InAppDelays = inAppDelays;
        LostStoppingDelays = lostStoppingDelays;
        OutsideDelays = outsideDelays;
        Observers = observers;
        HostingVersion = hostingVersion;
        LateStopDelays = lateStopDelays;
    }

    public ImmutableArray<HostBuild> HostBuilds { get; }

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

    public ShutdownObservers Observers { get; }

    /// <summary>False when nothing in the project reacts to shutdown.</summary>
    public bool ObservesShutdown => Observers != ShutdownObservers.None;

    public HostingVersion HostingVersion { get; }
}
