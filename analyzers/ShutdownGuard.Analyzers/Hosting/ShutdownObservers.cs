using System;

namespace ShutdownGuard.Hosting;

/// <summary>The ways the project reacts to shutdown; none at all means the server stops the moment SIGTERM arrives.</summary>
[Flags]
internal enum ShutdownObservers
{
    None = 0,

    /// <summary>A registration on, or a read of, <c>ApplicationStopping</c>.</summary>
    ApplicationStopping = 1,

    /// <summary>An <c>IHostedLifecycleService.StoppingAsync</c> that does something.</summary>
    StoppingAsync = 2,

    /// <summary>A custom <c>IHostLifetime</c>.</summary>
    HostLifetime = 4,

    /// <summary>A <c>BackgroundService.ExecuteAsync</c> that uses its stopping token.</summary>
    StoppingToken = 8,

    /// <summary>An <c>IHostedService.StopAsync</c> (a <c>BackgroundService</c> override included) that does more than the base class does.</summary>
    StopAsync = 16,

    /// <summary>Code outside the project that is handed the host and declares a type that may react (a hosted service,
    /// a host lifetime, a lifecycle health check): the shared ServiceDefaults shape. Whether it reacts is unknown.</summary>
    ReferencedCode = 32,
}
