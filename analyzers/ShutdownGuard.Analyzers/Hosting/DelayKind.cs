namespace ShutdownGuard.Hosting;

/// <summary>Where a shutdown delay runs, which decides whether it counts against ShutdownTimeout.</summary>
internal enum DelayKind
{
    /// <summary>A blocking delay in an <c>ApplicationStopping</c> callback (inside ShutdownTimeout).</summary>
    StoppingCallback,

    /// <summary>An awaited, blocking or returned delay in <c>IHostedLifecycleService.StoppingAsync</c> (inside ShutdownTimeout).</summary>
    StoppingAsync,

    /// <summary>An awaited delay in an async <c>ApplicationStopping</c> callback: the callback returns at the await, so it delays nothing.</summary>
    AsyncStoppingCallback,

    /// <summary>A delay that an <c>ApplicationStopping</c> callback starts and does not wait for: it delays nothing.</summary>
    DroppedStoppingTask,

    /// <summary>A delay in <c>IHostedService.StopAsync</c> (inside ShutdownTimeout): it keeps the server listening only
    /// when the service stops before the server.</summary>
    StopAsync,

    /// <summary>A delay in a custom <c>IHostLifetime</c> before it calls <c>StopApplication</c> (outside ShutdownTimeout).</summary>
    HostLifetime,
}
