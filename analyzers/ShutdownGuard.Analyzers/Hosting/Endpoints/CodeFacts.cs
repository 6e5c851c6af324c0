using System.Collections.Concurrent;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace ShutdownGuard.Hosting.Endpoints;

/// <summary>
/// What each piece of the project's code reads, writes and calls, as far as shutdown gates need it. Recorded from
/// concurrent analyzer callbacks, frozen into <see cref="ShutdownGates"/> once the whole compilation was seen.
/// </summary>
internal sealed class CodeFacts
{
    private readonly ConcurrentQueue<Fact> _facts = new();

    private enum Kind
    {
        ReadsLifetime,
        Reads,
        Writes,
        Calls,
        RunsOnStopping,
        RunsOnStoppingIfHeld,
        HoldsStoppingToken,
    }

    /// <summary>The unit reads <c>ApplicationStopping</c> of the host lifetime.</summary>
    public void ReadsLifetime(CodeUnit unit) => _facts.Enqueue(new Fact(unit, Kind.ReadsLifetime, null, default));

    /// <summary>The unit reads a field, a property or a captured local.</summary>
    public void Reads(CodeUnit unit, ISymbol variable) => _facts.Enqueue(new Fact(unit, Kind.Reads, variable.OriginalDefinition, default));

    public void Writes(CodeUnit unit, ISymbol variable) => _facts.Enqueue(new Fact(unit, Kind.Writes, variable.OriginalDefinition, default));

    /// <summary>The unit calls the callee, or holds it as a lambda that runs with it.</summary>
    public void Calls(CodeUnit unit, CodeUnit callee) => _facts.Enqueue(new Fact(unit, Kind.Calls, null, callee));

    /// <summary>A callback registered on <c>ApplicationStopping</c>.</summary>
    public void RunsOnStopping(CodeUnit unit) => _facts.Enqueue(new Fact(unit, Kind.RunsOnStopping, null, default));

    /// <summary>A callback registered on the token a field or property holds: a stopping callback when that is <c>ApplicationStopping</c>.</summary>
    public void RunsOnStoppingIfHeld(CodeUnit unit, ISymbol holder) => _facts.Enqueue(new Fact(unit, Kind.RunsOnStoppingIfHeld, holder.OriginalDefinition, default));

    /// <summary>A field or property that is given the <c>ApplicationStopping</c> token: reading it reads the lifetime.</summary>
    public void HoldsStoppingToken(ISymbol member) => _facts.Enqueue(new Fact(default, Kind.HoldsStoppingToken, member.OriginalDefinition, default));

    public ShutdownGates Freeze(WellKnownTypes types)
    {
        var units = new Dictionary<CodeUnit, ShutdownGates.Unit>();
        var roots = new HashSet<CodeUnit>();
        var tokenHolders = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        var heldCallbacks = new List<Fact>();
        foreach (var fact in _facts)
        {
            if (fact.Kind == Kind.HoldsStoppingToken)
            {
                tokenHolders.Add(fact.Member!);
                continue;
            }

            if (!units.TryGetValue(fact.Unit, out var unit))
            {
                unit = new ShutdownGates.Unit();
                units.Add(fact.Unit, unit);
            }

            switch (fact.Kind)
            {
                case Kind.ReadsLifetime:
                    unit.ReadsLifetime = true;
                    break;
                case Kind.Reads:
                    unit.Reads.Add(fact.Member!);
                    break;
                case Kind.Writes:
                    unit.Writes.Add(fact.Member!);
                    break;
                case Kind.Calls:
                    unit.Calls.Add(fact.Callee);
                    break;
                case Kind.RunsOnStopping:
                    roots.Add(fact.Unit);
                    break;
                case Kind.RunsOnStoppingIfHeld:
                    heldCallbacks.Add(fact);
                    break;
            }
        }

        foreach (var callback in heldCallbacks)
        {
            if (tokenHolders.Contains(callback.Member!))
            {
                roots.Add(callback.Unit);
            }
        }

        foreach (var pair in units)
        {
            if (pair.Key.Method is { } method && RunsOnStopping(method, types))
            {
                roots.Add(pair.Key);
            }
        }

        return new ShutdownGates(units, roots, tokenHolders);
    }

    /// <summary><c>IHostedLifecycleService.StoppingAsync</c> and <c>IHostedService.StopAsync</c> (overrides and explicit implementations included).</summary>
    private static bool RunsOnStopping(IMethodSymbol method, WellKnownTypes types) =>
        types.Implements(method, types.IHostedLifecycleService, "StoppingAsync") || types.Implements(method, types.IHostedService, "StopAsync");

    private readonly struct Fact
    {
        public Fact(CodeUnit unit, Kind kind, ISymbol? member, CodeUnit callee)
        {
            Unit = unit;
            Kind = kind;
            Member = member;
            Callee = callee;
        }

        public CodeUnit Unit { get; }

        public Kind Kind { get; }

        public ISymbol? Member { get; }

        public CodeUnit Callee { get; }
    }
}
