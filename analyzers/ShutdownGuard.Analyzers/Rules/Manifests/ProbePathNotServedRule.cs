using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using ShutdownGuard.Analysis;
using ShutdownGuard.Manifests;

namespace ShutdownGuard.Rules.Manifests;

/// <summary>
/// SG2005: an httpGet probe of a matched container requests a path that no endpoint of the app serves. Silent whenever
/// that cannot be known: the app's routes are unknown, the project has no routing, the path is a template, or the probe's
/// port may belong to something else (a sidecar's port, a port the container's command line mentions, or one that
/// environment variables ShutdownGuard cannot read may configure).
/// </summary>
internal sealed class ProbePathNotServedRule : IProgramRule
{
    public ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.ProbePathNotServed);

    public void Analyze(ProgramFacts facts, Action<Diagnostic> report)
    {
        if (facts.Endpoints is not { RoutesUnknown: false } endpoints)
        {
            return;
        }

        foreach (var match in facts.Matches(DiagnosticIds.ProbePathNotServed))
        {
            var workload = match.Workload.Workload;
            var container = match.Container;
            foreach (var (name, probe) in new[] { ("readiness", container.ReadinessProbe), ("liveness", container.LivenessProbe), ("startup", container.StartupProbe) })
            {
                if (probe is not { Kind: ProbeKind.HttpGet } || probe.Path is { IsTemplate: true } || !PodPorts.TargetsApp(workload.Pod, container, probe.Port))
                {
                    continue;
                }

                var path = probe.Path?.Text ?? "/";
                if (endpoints.Serving(path).IsEmpty)
                {
                    var file = match.Workload.File;
                    report(Diagnostic.Create(
                        Descriptors.ProbePathNotServed,
                        file.GetLocation(probe.Path?.Span ?? probe.KeySpan),
                        name,
                        container.Name?.Text ?? "?",
                        workload.DisplayName,
                        path));
                }
            }
        }
    }
}
