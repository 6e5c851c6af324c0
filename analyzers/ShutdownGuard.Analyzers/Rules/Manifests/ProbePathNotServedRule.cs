using System;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
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
                if (probe is not { Kind: ProbeKind.HttpGet } || probe.Path is { IsTemplate: true } || !TargetsApp(workload.Pod, container, probe))
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

    /// <summary>True when the probe's port is the app's as far as the manifest tells.</summary>
    private static bool TargetsApp(PodSpec pod, ContainerSpec container, Probe probe)
    {
        if (container.PortNumber(probe.Port) is not { } port)
        {
            return false;
        }

        var declared = Declares(container, port);
        if (!declared && pod.Containers.Any(other => !ReferenceEquals(other, container) && Declares(other, port)))
        {
            return false;
        }

        // A port on the command line may be a second listener with a pipeline of its own (a management port).
        var number = new Regex("(?<![0-9])" + port.ToString(CultureInfo.InvariantCulture) + "(?![0-9])", RegexOptions.CultureInvariant);
        if (container.Command.Concat(container.Args).Any(item => number.IsMatch(item.Text)))
        {
            return false;
        }

        return declared || !(container.HasEnvFrom || container.Env.Any(variable => variable.HasValueFrom));
    }

    private static bool Declares(ContainerSpec container, int port) =>
        container.Ports.Any(candidate => candidate.Port?.AsInt() == port);
}
