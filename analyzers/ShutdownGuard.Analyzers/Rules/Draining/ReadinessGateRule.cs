using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using ShutdownGuard.Analysis;
using ShutdownGuard.Hosting.Endpoints;

namespace ShutdownGuard.Rules.Draining;

/// <summary>
/// SG1002: a readiness endpoint that keeps answering "ready" while the app is stopping. Silent where the gate cannot
/// matter: a preStop delay runs before SIGTERM and the app stops listening as soon as SIGTERM arrives.
/// </summary>
internal sealed class ReadinessGateRule : IProgramRule
{
    /// <summary>Set when liveness probes the same endpoint: gating it would restart the container, so no fix.</summary>
    public const string LivenessAlsoProbes = "LivenessAlsoProbes";

    public ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.UngatedReadiness);

    public void Analyze(ProgramFacts facts, Action<Diagnostic> report)
    {
        if (facts.Endpoints is not { } endpoints || (facts.HasPreStopDelay && !facts.HasInAppDelay))
        {
            return;
        }

        var livenessEndpoints = new HashSet<MappedEndpoint>(facts.LivenessPaths.SelectMany(path => endpoints.Serving(path).Take(1)));
        var reported = new HashSet<MappedEndpoint>();
        foreach (var path in facts.ReadinessPaths)
        {
            // The best match answers the probe; a gate elsewhere does not help.
            var endpoint = endpoints.Serving(path).FirstOrDefault();
            if (endpoint is { IsGated: false } && reported.Add(endpoint))
            {
                var properties = livenessEndpoints.Contains(endpoint)
                    ? ImmutableDictionary<string, string?>.Empty.Add(LivenessAlsoProbes, "true")
                    : ImmutableDictionary<string, string?>.Empty;
                report(Diagnostic.Create(Descriptors.UngatedReadiness, endpoint.Location, properties, path));
            }
        }
    }
}
