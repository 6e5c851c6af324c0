using System.Collections.Immutable;

namespace ShutdownGuard.Hosting;

/// <summary>What the project's code says about shutdown: its hosts, ShutdownTimeout settings and delays. Items are in source order.</summary>
internal sealed class AppModel
{
    public AppModel(
        ImmutableArray<HostBuild> hostBuilds,
        ImmutableArray<TimeoutSetting> timeoutSettings,
        ImmutableArray<Delay> inAppDelays,
        ImmutableArray<Delay> asyncStoppingCallbacks,
        ImmutableArray<Delay> outsideDelays,
        ShutdownObservers observers,
        HostingVersion hostingVersion,
        ImmutableArray<ListenSetting> listenSettings)
    {
        HostBuilds = hostBuilds;
        TimeoutSettings = timeoutSettings;
        InAppDelays = inAppDelays;
        AsyncStoppingCallbacks = asyncStoppingCallbacks;
        OutsideDelays = outsideDelays;
        Observers = observers;
        HostingVersion = hostingVersion;
        ListenSettings = listenSettings;
    }

    public ImmutableArray<HostBuild> HostBuilds { get; }

    public ImmutableArray<TimeoutSetting> TimeoutSettings { get; }

    /// <summary><c>Din</c>: delays before the server stops that count against ShutdownTimeout (they overlap: the largest counts).</summary>
    public ImmutableArray<Delay> InAppDelays { get; }

    /// <summary>Awaited delays in async <c>ApplicationStopping</c> callbacks, which delay nothing.</summary>
    public ImmutableArray<Delay> AsyncStoppingCallbacks { get; }

    /// <summary><c>Dout</c>: delays in a custom <c>IHostLifetime</c> before it stops the app, outside ShutdownTimeout.</summary>
    public ImmutableArray<Delay> OutsideDelays { get; }

    public ShutdownObservers Observers { get; }

    /// <summary>False when nothing in the project reacts to shutdown.</summary>
    public bool ObservesShutdown => Observers != ShutdownObservers.None;

    public HostingVersion HostingVersion { get; }

    /// <summary>The server addresses the code sets (<c>UseUrls</c>, <c>Urls.Add</c>, Kestrel's <c>Listen</c>…).</summary>
    public ImmutableArray<ListenSetting> ListenSettings { get; }
}
