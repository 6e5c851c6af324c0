using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using ShutdownGuard.Analysis;
using ShutdownGuard.Hosting.Endpoints;
using ShutdownGuard.Manifests;

namespace ShutdownGuard.Rules.Manifests;

/// <summary>
/// SG2003: the readiness and liveness probes of a matched container are the same check — the same HTTP path and port,
/// exec command, gRPC service and port, or TCP port, or two paths that the code maps to the same health checks.
/// Thresholds and timings do not matter: they change when a failure is noticed, not whether readiness can fail alone.
/// </summary>
internal sealed class ProbesRunSameCheckRule : IProgramRule
{
    public ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.ProbesRunSameCheck);

    public void Analyze(ProgramFacts facts, Action<Diagnostic> report)
    {
        foreach (var match in facts.Matches(DiagnosticIds.ProbesRunSameCheck))
        {
            var workload = match.Workload.Workload;
            var container = match.Container;
            if (container.ReadinessProbe is not { } readiness || container.LivenessProbe is not { } liveness
                || SameCheck(container, readiness, liveness, facts.Endpoints) is not { } same)
            {
                continue;
            }

            var file = match.Workload.File;
            report(Diagnostic.Create(
                Descriptors.ProbesRunSameCheck,
                file.GetLocation(readiness.KeySpan),
                new[] { file.GetLocation(liveness.KeySpan) },
                container.Name?.Text ?? "?",
                workload.DisplayName,
                same));
        }
    }

    /// <summary>What the two probes both check, for the message; null when they differ or that is unknown.</summary>
    private static string? SameCheck(ContainerSpec container, Probe readiness, Probe liveness, EndpointModel? endpoints)
    {
        if (readiness.Kind != liveness.Kind || SamePort(container, readiness.Port, liveness.Port) != true)
        {
            return null;
        }

        var port = readiness.Port?.Text ?? "?";
        switch (readiness.Kind)
        {
            case ProbeKind.HttpGet:
                if (Path(readiness) is not { } path || Path(liveness) is not { } livenessPath)
                {
                    return null;
                }

                if (path == livenessPath)
                {
                    return $"GET {path} on port {port}";
                }

                return endpoints?.RunSameChecks(path, livenessPath) == true ? $"'{path}' and '{livenessPath}' run the same health checks" : null;
            case ProbeKind.TcpSocket:
                return $"a TCP connection to port {port}";
            case ProbeKind.Grpc:
                return Known(readiness.GrpcService) && Known(liveness.GrpcService) && readiness.GrpcService?.Text == liveness.GrpcService?.Text
                    ? $"gRPC health of {(readiness.GrpcService is { } service ? "service '" + service.Text + "'" : "the server")} on port {port}"
                    : null;
            case ProbeKind.Exec:
                return !readiness.Command.IsEmpty && readiness.Command.All(Known) && liveness.Command.All(Known)
                    && readiness.Command.Select(item => item.Text).SequenceEqual(liveness.Command.Select(item => item.Text))
                    ? "exec " + string.Join(" ", readiness.Command.Select(item => item.Text))
                    : null;
            default:
                return null;
        }
    }

    /// <summary>True when both name the same port (the same text, or names and numbers that resolve to the same number);
    /// null when that is unknown. Exec probes have no port.</summary>
    private static bool? SamePort(ContainerSpec container, ManifestScalar? port, ManifestScalar? other)
    {
        if (port is null || other is null)
        {
            return port is null && other is null ? true : null;
        }

        if (port.IsTemplate || other.IsTemplate)
        {
            return null;
        }

        if (port.Text == other.Text && port.IsPlain == other.IsPlain)
        {
            return true;
        }

        return container.PortNumber(port) is { } number && container.PortNumber(other) is { } otherNumber ? number == otherNumber : null;
    }

    /// <summary>The path as the kubelet requests it (absent means <c>/</c>); null when it is a template.</summary>
    private static string? Path(Probe probe) =>
        probe.Path is not { } path ? "/" : path.IsTemplate ? null : RouteTemplate.Normalize(path.Text);

    /// <summary>Absent counts as known: an absent gRPC service is the server's overall health.</summary>
    private static bool Known(ManifestScalar? scalar) => scalar is null || !scalar.IsTemplate;
}
