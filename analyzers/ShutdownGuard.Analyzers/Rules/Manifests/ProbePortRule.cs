using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using ShutdownGuard.AdditionalFiles;
using ShutdownGuard.Analysis;
using ShutdownGuard.Manifests;

namespace ShutdownGuard.Rules.Manifests;

/// <summary>
/// SG2011: a probe (httpGet, tcpSocket) of a matched container, or the <c>targetPort</c> of a Service that selects its
/// pods, names a port the app does not listen on — typically a manifest written for .NET 6/7 (port 80) running a
/// .NET 8+ image (8080). Silent when the app's ports are unknown (<see cref="AppPorts"/>) or the port may belong to
/// something else in the pod. The fix points the port at the app's, by name where the container declares it.
/// </summary>
internal sealed class ProbePortRule : IProgramRule
{
    public ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.ProbePort);

    public void Analyze(ProgramFacts facts, Action<Diagnostic> report)
    {
        foreach (var match in facts.Matches(DiagnosticIds.ProbePort))
        {
            if (AppPorts.Resolve(facts, match) is not { } app)
            {
                continue;
            }

            var pod = match.Workload.Workload.Pod;
            var container = match.Container;
            foreach (var (name, probe) in new[] { ("readiness", container.ReadinessProbe), ("liveness", container.LivenessProbe), ("startup", container.StartupProbe) })
            {
                if (probe is { Kind: ProbeKind.HttpGet or ProbeKind.TcpSocket, Port: { } port } && PodPorts.TargetsApp(pod, container, port))
                {
                    Check(match.Workload.File, port, "The " + name + " probe", match, app, canFix: true, report);
                }
            }

            foreach (var (file, service) in SelectingServices(facts, match))
            {
                foreach (var servicePort in service.Ports)
                {
                    // An undeclared number in a pod of several containers may be a sidecar's.
                    if (servicePort.Target is { } target
                        && PodPorts.TargetsApp(pod, container, target)
                        && (PodPorts.Declares(container, container.PortNumber(target)!.Value) || pod.Containers.Length + pod.InitContainers.Length == 1))
                    {
                        Check(file, target, service.DisplayName + (servicePort.HasTargetPortKey ? " (targetPort)" : " (port, as targetPort)"), match, app, servicePort.HasTargetPortKey, report);
                    }
                }
            }
        }
    }

    private static void Check(AdditionalFileEntry<ManifestFile> file, ManifestScalar port, string user, ContainerMatch match, AppPorts app, bool canFix, Action<Diagnostic> report)
    {
        var number = match.Container.PortNumber(port)!.Value;
        if (app.Ports.Contains(number))
        {
            return;
        }

        var fix = canFix && app.Ports.Length == 1 ? new TextChange(port.Span, PortText(match.Container, app.Ports[0])) : (TextChange?)null;
        report(Diagnostic.Create(
            Descriptors.ProbePort,
            file.GetLocation(port.Span),
            TextEditProperties.Create(file.MapEdit(fix)),
            user,
            port.AsInt() is null ? port.Text + " (" + number.ToString(CultureInfo.InvariantCulture) + ")" : port.Text,
            match.Container.Name?.Text ?? "?",
            match.Workload.Workload.DisplayName,
            string.Join(", ", app.Ports.Select(value => value.ToString(CultureInfo.InvariantCulture))),
            app.Source));
    }

    /// <summary>The name the container gives the port, else its number.</summary>
    private static string PortText(ContainerSpec container, int port) =>
        container.Ports.FirstOrDefault(candidate => candidate.Port?.AsInt() == port && candidate.Name is { IsTemplate: false })?.Name!.Text
        ?? port.ToString(CultureInfo.InvariantCulture);

    /// <summary>The Services that select the workload's pods and no pods of a workload that runs something else.</summary>
    private static IEnumerable<(AdditionalFileEntry<ManifestFile> File, ServiceObject Service)> SelectingServices(ProgramFacts facts, ContainerMatch match)
    {
        var manifests = facts.Project.Manifests;
        var matched = facts.Project.Matches.Select(candidate => candidate.Workload.Workload).ToImmutableHashSet();
        return manifests.Files.SelectMany(file => file.Model.Services.Select(service => (file, service)))
            .Where(entry => ServingContainers.Selects(entry.service, match.Workload.Workload)
                && manifests.Workloads.All(other => matched.Contains(other.Workload) || !ServingContainers.Selects(entry.service, other.Workload)));
    }
}
