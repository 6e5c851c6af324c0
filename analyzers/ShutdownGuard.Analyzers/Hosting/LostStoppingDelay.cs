using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace ShutdownGuard.Hosting;

/// <summary>An <c>ApplicationStopping</c> callback that returns before its delay ends: async, or dropping the task it starts.</summary>
internal sealed class LostStoppingDelay
{
    public LostStoppingDelay(Location callback, Delay delay, bool throughCall)
    {
        Callback = callback;
        Delay = delay;
        ThroughCall = throughCall;
    }

    /// <summary>The lambda, or the registration of a method.</summary>
    public Location Callback { get; }

    /// <summary>Of kind <see cref="DelayKind.AsyncStoppingCallback"/> or <see cref="DelayKind.DroppedStoppingTask"/>.</summary>
    public Delay Delay { get; }

    /// <summary>The delay is in a method the callback calls, not in the callback itself.</summary>
    public bool ThroughCall { get; }

    /// <summary>The callback in these environments: null when its delay does not run there; of unknown length when it may not.</summary>
    public LostStoppingDelay? In(ImmutableArray<string?> environments) =>
        Delay.In(environments) is { } delay ? (delay == Delay ? this : new LostStoppingDelay(Callback, delay, ThroughCall)) : null;
}
