using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using ShutdownGuard.Analysis;
using ShutdownGuard.Budget;
using ShutdownGuard.Hosting;

namespace ShutdownGuard.Rules.Draining;

/// <summary>
/// SG1004: an <c>ApplicationStopping</c> callback whose delay does not hold shutdown up — an async callback that returns
/// at its first await, or one that starts a delaying task and drops it. Reported at the lambda (or the registration
/// of a method) of apps that serve HTTP, in the environments where the callback runs.
/// </summary>
internal sealed class LostStoppingDelayRule : IProgramRule
{
    public ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.LostStoppingDelay);

    public void Analyze(ProgramFacts facts, Action<Diagnostic> report)
    {
        if (!facts.ServesHttp)
        {
            return;
        }

        // A callback that may not be registered in the container's environment is an unknown verdict.
        foreach (var lost in facts.App.LostStoppingDelays.Where(lost => !lost.Delay.MayNotRun))
        {
            var delay = lost.Delay;
            report(Diagnostic.Create(
                Descriptors.LostStoppingDelay,
                lost.Callback,
                new[] { facts.HostLocation },
                StoppingDelayProperties.For(facts, delay),
                delay.Kind == DelayKind.AsyncStoppingCallback ? "is async and returns at its first await" : "starts a task and does not wait for it",
                delay.Seconds is { } seconds ? " of " + BudgetTerm.FormatSeconds(seconds) : string.Empty));
        }
    }
}
