using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using ShutdownGuard.Analysis;
using ShutdownGuard.Budget;

namespace ShutdownGuard.Rules.Draining;

/// <summary>
/// SG1005: a drain delay in the <c>StopAsync</c> of a hosted service that stops after the server — by then Kestrel
/// refuses new connections. Where the order is unknown, the collector reports no such delay;
/// where the environment it runs in is unknown, the rule reports nothing.
/// </summary>
internal sealed class LateStopDelayRule : IProgramRule
{
    public ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.LateStopDelay);

    public void Analyze(ProgramFacts facts, Action<Diagnostic> report)
    {
        // A delay that may not run in the container's environment is an unknown verdict.
        foreach (var delay in facts.App.LateStopDelays.Where(delay => !delay.MayNotRun))
        {
            report(Diagnostic.Create(
                Descriptors.LateStopDelay,
                delay.Location,
                new[] { facts.HostLocation },
                StoppingDelayProperties.For(facts, delay),
                BudgetTerm.FormatSeconds(delay.Seconds!.Value)));
        }
    }
}
