using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using ShutdownGuard.Analysis;
using ShutdownGuard.Hosting;
using ShutdownGuard.Hosting.Endpoints;

namespace ShutdownGuard.Rules.Draining;

/// <summary>
/// SG1002: a readiness endpoint that keeps answering "ready" while the app is stopping. Silent where the gate cannot
/// matter: a preStop delay runs before SIGTERM and the app stops listening as soon as SIGTERM arrives.
/// </summary>
internal sealed class ReadinessGateRule : IProgramRule
{
    public ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.ReadinessGate);

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
            if (endpoint is not { IsGated: false } || !reported.Add(endpoint))
            {
                continue;
            }

            var properties = ImmutableDictionary.CreateBuilder<string, string?>();
            var additional = new List<Location>();
            if (livenessEndpoints.Contains(endpoint))
            {
                properties[ReadinessGateProperties.LivenessAlsoProbes] = "true";
            }
            else if (endpoint.IsHealthChecks && TagsForStoppingCheck(endpoint, livenessEndpoints, endpoints) is { } tags)
            {
                properties[ReadinessGateProperties.StoppingCheckTags] = string.Join(",", tags);
                additional.Add(facts.HostLocation);
            }

            report(Diagnostic.Create(Descriptors.ReadinessGate, endpoint.Location, additional, properties.ToImmutable(), path));
        }
    }

    /// <summary>
    /// Tags for a new stopping check that this health-check endpoint runs and no liveness endpoint does: none, "ready",
    /// or one of the tags already in use.
    /// </summary>
    private static ImmutableArray<string>? TagsForStoppingCheck(MappedEndpoint readiness, HashSet<MappedEndpoint> liveness, EndpointModel endpoints)
    {
        var candidates = new[] { ImmutableArray<string>.Empty, ImmutableArray.Create("ready") }
            .Concat(endpoints.HealthChecks.Where(check => !check.Tags.IsDefault).SelectMany(check => check.Tags).Distinct().Select(tag => ImmutableArray.Create(tag)));
        foreach (var tags in candidates)
        {
            var check = new HealthCheckRegistration(
                ReadinessGateProperties.StoppingCheckName, tags, checkType: null, isLifecycleCheck: false, readiness.Location, implementation: null, EnvironmentCondition.Always, isGated: true);
            if (readiness.Predicate?.Selects(check) == true && liveness.All(endpoint => !endpoint.IsHealthChecks || endpoint.Predicate?.Selects(check) == false))
            {
                return tags;
            }
        }

        return null;
    }
}
