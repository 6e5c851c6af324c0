using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using ShutdownGuard.Hosting.Endpoints;

namespace ShutdownGuard.Hosting;

/// <summary>What the rules read of the code that runs on stopping.</summary>
internal sealed class StoppingDelays
{
    public StoppingDelays(IEnumerable<Delay> inAppDelays, IEnumerable<LostStoppingDelay> lostDelays, IEnumerable<Delay> lateStopDelays)
    {
        InAppDelays = inAppDelays;
        LostDelays = lostDelays;
        LateStopDelays = lateStopDelays;
    }

    /// <summary>Delays before the server stops, inside ShutdownTimeout; null seconds where the length is unknown.</summary>
    public IEnumerable<Delay> InAppDelays { get; }

    public IEnumerable<LostStoppingDelay> LostDelays { get; }

    public IEnumerable<Delay> LateStopDelays { get; }
}

/// <summary>How code uses a task (or a delay) it gets.</summary>
internal enum TaskUse
{
    /// <summary>Kept or passed on: what becomes of it is unknown.</summary>
    None,

    Awaited,

    /// <summary><c>.Wait()</c>, <c>.GetAwaiter().GetResult()</c>, or <c>Thread.Sleep</c> itself.</summary>
    Blocking,

    Returned,

    /// <summary>Started and forgotten: an expression statement or a discard.</summary>
    Dropped,

    /// <summary>A call of a method that returns no task: it runs to its end before the caller goes on.</summary>
    Synchronous,
}

/// <summary>What code waits for: a delay it reaches, or a call it cannot see into (a delay of unknown length), and the
/// environments the calls on the way run in.</summary>
internal readonly struct Reached<TDelay>
    where TDelay : class
{
    private Reached(TDelay? delay, Location? unseenCall, EnvironmentCondition condition)
    {
        Delay = delay;
        UnseenCall = unseenCall;
        Condition = condition;
    }

    /// <summary>Null for a call the analysis cannot see into.</summary>
    public TDelay? Delay { get; }

    /// <summary>The call the analysis cannot see into; null for a delay.</summary>
    public Location? UnseenCall { get; }

    /// <summary>Where the way to it runs: the guards of the registration and of the calls on the way (the delay's own
    /// guard not included).</summary>
    public EnvironmentCondition Condition { get; }

    public static Reached<TDelay> Of(TDelay delay, EnvironmentCondition condition) => new(delay, unseenCall: null, condition);

    public static Reached<TDelay> Unseen(Location call, EnvironmentCondition condition) => new(delay: null, call, condition);
}

/// <summary>
/// What code that runs on stopping waits for, through the calls of the project: recorded per code unit (method, local
/// function, lambda) from concurrent analyzer callbacks, resolved once the whole compilation was seen. A delay counts
/// only as far as each caller on the way waits for the task it is in.
/// </summary>
internal sealed class StoppingCode<TDelay>
    where TDelay : class
{
    /// <summary>Calls are followed this deep: enough for a callback calling a drain method calling a helper.</summary>
    private const int MaxDepth = 4;

    private readonly object _gate = new();

    // Every delay and call of the project is recorded, from every thread: queued without a lock, filed by unit once read.
    private readonly ConcurrentQueue<(CodeUnit Unit, TDelay Delay, TaskUse Use)> _delays = new();
    private readonly ConcurrentQueue<(CodeUnit Unit, CodeUnit? Callee, TaskUse Use, Location Location, EnvironmentCondition Guard)> _calls = new();
    private readonly Dictionary<CodeUnit, Unit> _units = new();
    private readonly List<(CodeUnit Unit, bool IsAsync, Location Location, EnvironmentCondition Guard)> _callbacks = new();
    private readonly List<(ISymbol Holder, CodeUnit Unit, bool IsAsync, Location Location, EnvironmentCondition Guard)> _heldCallbacks = new();
    private readonly HashSet<ISymbol> _tokenHolders = new(SymbolEqualityComparer.Default);
    private readonly List<CodeUnit> _stoppingAsyncs = new();
    private readonly List<(CodeUnit Unit, INamedTypeSymbol Service)> _stopAsyncs = new();
    private readonly List<(ITypeSymbol Service, HostedServicePlacement Placement, EnvironmentCondition Guard)> _hostedServices = new();

    /// <summary>A callback registered on <c>ApplicationStopping</c>: the lambda, or the method (at the registration), and
    /// the environments the registration runs in.</summary>
    public void StoppingCallback(CodeUnit unit, bool isAsync, Location location, EnvironmentCondition guard) => Add(_callbacks, (unit, isAsync, location, guard));

    /// <summary>A callback registered on a token that a field or property of the project holds: a stopping callback if
    /// that member turns out to hold <c>ApplicationStopping</c>.</summary>
    public void HeldStoppingCallback(ISymbol holder, CodeUnit unit, bool isAsync, Location location, EnvironmentCondition guard) =>
        Add(_heldCallbacks, (holder, unit, isAsync, location, guard));

    /// <summary>A field or property of the project that is given <c>ApplicationStopping</c>.</summary>
    public void HoldsStoppingToken(ISymbol member)
    {
        lock (_gate)
        {
            _tokenHolders.Add(member);
        }
    }

    /// <summary>An <c>IHostedLifecycleService.StoppingAsync</c>.</summary>
    public void StoppingAsync(CodeUnit unit) => Add(_stoppingAsyncs, unit);

    /// <summary>An <c>IHostedService.StopAsync</c> of a service of the project.</summary>
    public void StopAsync(CodeUnit unit, INamedTypeSymbol service) => Add(_stopAsyncs, (unit, service));

    /// <summary>A registration of a hosted service, where it stands relative to the server's, and the environments it runs in.</summary>
    public void HostedService(ITypeSymbol service, HostedServicePlacement placement, EnvironmentCondition guard) => Add(_hostedServices, (service, placement, guard));

    /// <summary>A delay in the unit, used as <paramref name="use"/> says.</summary>
    public void Delay(CodeUnit unit, TaskUse use, TDelay delay) => _delays.Enqueue((unit, delay, use));

    /// <summary>A call in the unit whose task is used as <paramref name="use"/> says, made in the environments
    /// <paramref name="guard"/> says; a null callee is one the analysis cannot see into (outside the project, abstract,
    /// virtual).</summary>
    public void Call(CodeUnit unit, CodeUnit? callee, TaskUse use, Location location, EnvironmentCondition guard) =>
        _calls.Enqueue((unit, callee, use, location, guard));

    /// <summary>The delays a unit's own code uses as <paramref name="use"/> says (not through calls).</summary>
    public IEnumerable<TDelay> OwnDelays(CodeUnit unit, TaskUse use)
    {
        if (_units.TryGetValue(unit, out var found))
        {
            foreach (var (delay, delayUse) in found.Delays)
            {
                if (delayUse == use)
                {
                    yield return delay;
                }
            }
        }
    }

    /// <summary>What the unit's calls used as <paramref name="use"/> say reach when their tasks are waited for to the end;
    /// the unit runs where <paramref name="condition"/> says.</summary>
    public IEnumerable<Reached<TDelay>> ThroughCalls(CodeUnit unit, TaskUse use, EnvironmentCondition condition)
    {
        if (!_units.TryGetValue(unit, out var found))
        {
            yield break;
        }

        foreach (var (callee, callUse, location, guard) in found.Calls)
        {
            if (callUse != use)
            {
                continue;
            }

            if (callee is not { } seen)
            {
                yield return Reached<TDelay>.Unseen(location, condition.And(guard));
                continue;
            }

            foreach (var reached in Completed(seen, condition.And(guard)))
            {
                yield return reached;
            }
        }
    }

    /// <summary>What running the unit to its end (its task awaited, or the call returning) waits for, when it runs where
    /// <paramref name="condition"/> says. A unit reached on several ways runs where any of them does.</summary>
    public IEnumerable<Reached<TDelay>> Completed(CodeUnit start, EnvironmentCondition condition)
    {
        var frontier = new Dictionary<CodeUnit, EnvironmentCondition> { [start] = condition };
        for (var depth = 0; depth <= MaxDepth && frontier.Count > 0; depth++)
        {
            var next = new Dictionary<CodeUnit, EnvironmentCondition>();
            foreach (var pair in frontier)
            {
                if (!_units.TryGetValue(pair.Key, out var unit))
                {
                    continue;
                }

                foreach (var (delay, use) in unit.Delays)
                {
                    if (use is TaskUse.Awaited or TaskUse.Blocking or TaskUse.Returned)
                    {
                        yield return Reached<TDelay>.Of(delay, pair.Value);
                    }
                }

                foreach (var (callee, use, location, guard) in unit.Calls)
                {
                    if (use is TaskUse.None or TaskUse.Dropped)
                    {
                        continue;
                    }

                    var reached = pair.Value.And(guard);
                    if (callee is not { } seenCallee)
                    {
                        yield return Reached<TDelay>.Unseen(location, reached);
                    }
                    else
                    {
                        next[seenCallee] = next.TryGetValue(seenCallee, out var other) ? other.Or(reached) : reached;
                    }
                }
            }

            frontier = next;
        }
    }

    /// <summary>The delays of the code that runs on stopping, as the rules see them.</summary>
    /// <param name="toDelay">Folds a recorded delay into the model's, of that kind, running where the way to it does.</param>
    public StoppingDelays Resolve(Func<TDelay, DelayKind, EnvironmentCondition, Delay> toDelay, ImmutableArray<HostBuild> builds)
    {
        lock (_gate)
        {
            FileByUnit();
            var inApp = new List<Delay>();
            var lost = new List<LostStoppingDelay>();
            var late = new List<Delay>();
            Delay InApp(Reached<TDelay> reached, DelayKind kind) =>
                reached.Delay is { } delay ? toDelay(delay, kind, reached.Condition) : new Delay(kind, seconds: null, reached.UnseenCall!, reached.Condition);

            var callbacks = _callbacks.Concat(_heldCallbacks
                .Where(callback => _tokenHolders.Contains(callback.Holder))
                .Select(callback => (callback.Unit, callback.IsAsync, callback.Location, callback.Guard)));
            foreach (var (unit, isAsync, location, guard) in callbacks)
            {
                // What the callback waits for before it returns holds shutdown up.
                var held = OwnDelays(unit, TaskUse.Blocking).Select(delay => Reached<TDelay>.Of(delay, guard))
                    .Concat(ThroughCalls(unit, TaskUse.Blocking, guard))
                    .Concat(ThroughCalls(unit, TaskUse.Synchronous, guard));
                inApp.AddRange(held.Select(reached => InApp(reached, DelayKind.StoppingCallback)));

                // An async callback returns at its first await; a task it drops runs on its own.
                var awaited = isAsync
                    ? (Own: OwnDelays(unit, TaskUse.Awaited), Through: ThroughCalls(unit, TaskUse.Awaited, guard))
                    : (Own: Enumerable.Empty<TDelay>(), Through: Enumerable.Empty<Reached<TDelay>>());
                var lostHere = awaited.Own.Select(delay => (Delay: toDelay(delay, DelayKind.AsyncStoppingCallback, guard), ThroughCall: false))
                    .Concat(Known(awaited.Through).Select(reached => (Delay: toDelay(reached.Delay, DelayKind.AsyncStoppingCallback, reached.Condition), ThroughCall: true)))
                    .Concat(OwnDelays(unit, TaskUse.Dropped).Select(delay => (Delay: toDelay(delay, DelayKind.DroppedStoppingTask, guard), ThroughCall: false)))
                    .Concat(Known(ThroughCalls(unit, TaskUse.Dropped, guard)).Select(reached => (Delay: toDelay(reached.Delay, DelayKind.DroppedStoppingTask, reached.Condition), ThroughCall: true)));
                foreach (var (delay, throughCall) in lostHere.Take(1))
                {
                    lost.Add(new LostStoppingDelay(location, delay, throughCall));
                }
            }

            foreach (var unit in _stoppingAsyncs)
            {
                inApp.AddRange(Completed(unit, EnvironmentCondition.Always).Select(reached => InApp(reached, DelayKind.StoppingAsync)));
            }

            foreach (var (unit, service) in _stopAsyncs)
            {
                // The service stops where one of its registrations runs.
                var registrations = _hostedServices.Where(registration => WellKnownTypes.DerivesFrom(registration.Service, service)).ToList();
                var registered = registrations.Aggregate(EnvironmentCondition.Never, (condition, registration) => condition.Or(registration.Guard));
                switch (HostedServiceOrder.StopsBeforeServer(registrations.Select(registration => registration.Placement), builds))
                {
                    case true:
                        inApp.AddRange(Completed(unit, registered).Select(reached => InApp(reached, DelayKind.StopAsync)));
                        break;
                    case false:
                        // A drain delay is a single wait of a second or more; shorter ones and polls are something else.
                        late.AddRange(Known(Completed(unit, registered)).Select(reached => toDelay(reached.Delay, DelayKind.StopAsync, reached.Condition)).Where(delay => delay.Seconds >= 1));
                        break;
                }
            }

            return new StoppingDelays(Merged(inApp), lost, Merged(late));
        }
    }

    /// <summary>A delay reached from two places is one delay, which runs where either way does.</summary>
    private static IEnumerable<Delay> Merged(IEnumerable<Delay> delays) =>
        delays
            .GroupBy(delay => (delay.Kind, delay.Location, delay.Seconds, delay.MayNotRun))
            .Select(group => group.Skip(1).Aggregate(
                group.First(),
                (merged, other) => new Delay(merged.Kind, merged.Seconds, merged.Location, merged.Condition.Or(other.Condition), merged.MayNotRun)));

    private static IEnumerable<(TDelay Delay, EnvironmentCondition Condition)> Known(IEnumerable<Reached<TDelay>> reached) =>
        reached.Where(item => item.Delay is not null).Select(item => (item.Delay!, item.Condition));

    private void Add<T>(List<T> list, T item)
    {
        lock (_gate)
        {
            list.Add(item);
        }
    }

    /// <summary>Moves what was queued since the last call into the units it belongs to, in the order it was recorded.</summary>
    private void FileByUnit()
    {
        while (_delays.TryDequeue(out var delay))
        {
            UnitOf(delay.Unit).Delays.Add((delay.Delay, delay.Use));
        }

        while (_calls.TryDequeue(out var call))
        {
            UnitOf(call.Unit).Calls.Add((call.Callee, call.Use, call.Location, call.Guard));
        }
    }

    private Unit UnitOf(CodeUnit key)
    {
        if (!_units.TryGetValue(key, out var unit))
        {
            unit = new Unit();
            _units.Add(key, unit);
        }

        return unit;
    }

    private sealed class Unit
    {
        public List<(TDelay Delay, TaskUse Use)> Delays { get; } = new();

        public List<(CodeUnit? Callee, TaskUse Use, Location Location, EnvironmentCondition Guard)> Calls { get; } = new();
    }
}
