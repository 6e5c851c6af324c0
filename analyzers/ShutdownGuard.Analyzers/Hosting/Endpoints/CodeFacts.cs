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
        HoldsStoppingToken,
    }

    /// <summary>The unit reads <c>ApplicationStopping</c> of the host lifetime.</summary>
    public void ReadsLifetime(CodeUnit unit) => _facts.Enqueue(new Fact(unit, Kind.ReadsLifetime, null, default));

    public void Reads(CodeUnit unit, ISymbol member) => _facts.Enqueue(new Fact(unit, Kind.Reads, member.OriginalDefinition, default));

    public void Writes(CodeUnit unit, ISymbol member) => _facts.Enqueue(new Fact(unit, Kind.Writes, member.OriginalDefinition, default));

    /// <summary>The unit calls the callee, or holds it as a lambda that runs with it.</summary>
    public void Calls(CodeUnit unit, CodeUnit callee) => _facts.Enqueue(new Fact(unit, Kind.Calls, null, callee));

    /// <summary>A callback registered on <c>ApplicationStopping</c>.</summary>
    public void RunsOnStopping(CodeUnit unit) => _facts.Enqueue(new Fact(unit, Kind.RunsOnStopping, null, default));

    /// <summary>A field or property that is given the <c>ApplicationStopping</c> token: reading it reads the lifetime.</summary>
    public void HoldsStoppingToken(ISymbol member) => _facts.Enqueue(new Fact(default, Kind.HoldsStoppingToken, member.OriginalDefinition, default));

    public ShutdownGates Freeze(WellKnownTypes types)
    {
        var units = new Dictionary<CodeUnit, ShutdownGates.Unit>();
        var roots = new HashSet<CodeUnit>();
        var tokenHolders = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
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

    /// <summary><c>IHostedLifecycleService.StoppingAsync</c> and <c>IHostedService.StopAsync</c> (overrides included).</summary>
    private static bool RunsOnStopping(IMethodSymbol method, WellKnownTypes types) =>
        method.Parameters.Length == 1
        && method.Name switch
        {
            "StoppingAsync" => types.IsOrImplements(method.ContainingType, types.IHostedLifecycleService),
            "StopAsync" => types.IsOrImplements(method.ContainingType, types.IHostedService),
            _ => false,
        };

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
