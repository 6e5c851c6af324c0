using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using ShutdownGuard.Analysis;
using ShutdownGuard.Hosting;

namespace ShutdownGuard.Rules.Draining;

/// <summary>
/// SG1001: nothing in the project observes shutdown and no preStop delay is known. A preStop sleep alone is a correct
/// setup; so is any code that runs on stopping, and a delay before the server stops. A worker's message speaks of its
/// unfinished work. Where a drain delay runs after the server stopped, SG1005 says so instead.
/// </summary>
internal sealed class ShutdownReactionRule : IProgramRule
{
    public ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.ShutdownReaction, Descriptors.WorkerShutdownReaction);

    public void Analyze(ProgramFacts facts, Action<Diagnostic> report)
    {
        // A drain delay in StopAsync after the server stopped gets SG1005, and a worker whose loop ignores its stopping
        // token SG1007, which say what to change, instead.
        if (ObservesShutdown(facts)
            || facts.HasPreStopDelay
            || !facts.App.LateStopDelays.IsEmpty
            || (!facts.ServesHttp && !facts.App.IgnoredStoppingTokens.IsEmpty))
        {
            return;
        }

        var descriptor = facts.ServesHttp ? Descriptors.ShutdownReaction : Descriptors.WorkerShutdownReaction;
        var properties = ShutdownReactionProperties.For(facts);
        var setting = properties.ContainsKey(ShutdownReactionProperties.TimeoutForm) ? ShutdownReactionProperties.SettingToRewrite(facts) : null;
        report(Diagnostic.Create(descriptor, facts.HostLocation, setting is null ? null : new[] { setting.Location }, properties));
    }

    private static bool ObservesShutdown(ProgramFacts facts)
    {
        var observers = facts.App.Observers;
        if ((observers & (ShutdownObservers.ApplicationStopping | ShutdownObservers.StoppingAsync | ShutdownObservers.HostLifetime | ShutdownObservers.ReferencedCode)) != 0)
        {
            return true;
        }

        if (!facts.App.InAppDelays.IsEmpty || facts.Endpoints?.HealthChecks.Any(check => check.IsLifecycleCheck) == true)
        {
            return true;
        }

        // A worker serves no traffic: stopping code that ends its work (the stopping token, StopAsync) is its whole
        // shutdown. Whether a web host whose only routes come from a referenced project serves traffic is unknown.
        return (observers & (ShutdownObservers.StoppingToken | ShutdownObservers.StopAsync)) != 0 && facts.ServesTraffic != true;
    }
}
