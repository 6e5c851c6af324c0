using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace ShutdownGuard.Hosting.Endpoints;

/// <summary>
/// Which code reacts to the app stopping: it reads the lifetime's <c>ApplicationStopping</c> token, or a field,
/// property or captured local that code running on stopping writes (an <c>ApplicationStopping</c> callback, <c>StoppingAsync</c>,
/// <c>StopAsync</c>). Calls inside the project are followed a few levels deep.
/// </summary>
internal sealed class ShutdownGates
{
    /// <summary>How many calls deep code is followed: deep enough for a handler calling a service calling a flag's getter.</summary>
    private const int MaxDepth = 4;

    private readonly Dictionary<CodeUnit, Unit> _units;
    private readonly HashSet<ISymbol> _tokenHolders;
    private readonly HashSet<ISymbol> _stoppingFlags;

    public ShutdownGates(Dictionary<CodeUnit, Unit> units, HashSet<CodeUnit> roots, HashSet<ISymbol> tokenHolders)
    {
        _units = units;
        _tokenHolders = tokenHolders;
        _stoppingFlags = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (var unit in Reachable(roots))
        {
            _stoppingFlags.UnionWith(unit.Writes);
        }

        StoppingFlags = _stoppingFlags.OrderBy(flag => flag.ToDisplayString(), System.StringComparer.Ordinal).ToImmutableArray();
    }

    /// <summary>Fields, properties and captured locals written by code that runs on stopping, in a stable order.</summary>
    public ImmutableArray<ISymbol> StoppingFlags { get; }

    /// <summary>Whether the code reacts to stopping, and the stopping flags it reads.</summary>
    public bool IsGated(CodeUnit start, out ImmutableArray<ISymbol> flagsRead)
    {
        var gated = false;
        var flags = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (var unit in Reachable(new[] { start }))
        {
            gated |= unit.ReadsLifetime || unit.Reads.Overlaps(_tokenHolders);
            foreach (var read in unit.Reads)
            {
                if (_stoppingFlags.Contains(read))
                {
                    flags.Add(read);
                }
            }
        }

        flagsRead = flags.OrderBy(flag => flag.ToDisplayString(), System.StringComparer.Ordinal).ToImmutableArray();
        return gated || flags.Count > 0;
    }

    /// <summary>The units reachable from the starts within <see cref="MaxDepth"/> calls, each once.</summary>
    private IEnumerable<Unit> Reachable(IEnumerable<CodeUnit> starts)
    {
        var seen = new HashSet<CodeUnit>(starts);
        var frontier = seen.ToList();
        for (var depth = 0; depth <= MaxDepth && frontier.Count > 0; depth++)
        {
            var next = new List<CodeUnit>();
            foreach (var key in frontier)
            {
                if (!_units.TryGetValue(key, out var unit))
                {
                    continue;
                }

                yield return unit;
                foreach (var callee in unit.Calls)
                {
                    if (seen.Add(callee))
                    {
                        next.Add(callee);
                    }
                }
            }

            frontier = next;
        }
    }

    /// <summary>The facts of one unit.</summary>
    internal sealed class Unit
    {
        public bool ReadsLifetime { get; set; }

        public HashSet<ISymbol> Reads { get; } = new(SymbolEqualityComparer.Default);

        public HashSet<ISymbol> Writes { get; } = new(SymbolEqualityComparer.Default);

        public HashSet<CodeUnit> Calls { get; } = new();
    }
}
