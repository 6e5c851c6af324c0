using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using ShutdownGuard.Analysis;
using ShutdownGuard.Manifests;

namespace ShutdownGuard.Rules.Manifests;

/// <summary>
/// The matched containers that take traffic (SG2002, SG2004): their pod is selected by a Service of the included
/// manifests, or, when those hold no Service, the project maps endpoints. Batch workloads never take traffic.
/// </summary>
internal static class ServingContainers
{
    private static readonly ImmutableHashSet<string> BatchKinds = ImmutableHashSet.Create(StringComparer.Ordinal, "Job", "CronJob");

    /// <summary>The serving containers whose workload does not switch <paramref name="diagnosticId"/> off.</summary>
    public static IEnumerable<ContainerMatch> Find(ProgramFacts facts, string diagnosticId)
    {
        var services = facts.Project.Manifests.Files.SelectMany(file => file.Model.Services).ToList();
        return facts.Matches(diagnosticId).Where(match =>
        {
            var workload = match.Workload.Workload;
            return !BatchKinds.Contains(workload.Kind)
                && (services.Count > 0
                    ? services.Any(service => Selects(service, workload))
                    : facts.Endpoints is { Endpoints.IsEmpty: false });
        });
    }

    /// <summary>Where a container's diagnostics stand: its <c>name</c> value.</summary>
    public static Location NameLocation(ContainerMatch match) =>
        match.Workload.File.GetLocation(match.Container.Name?.Span ?? match.Container.Span);

    /// <summary>A Service selects the pods of its namespace whose labels hold every entry of its selector; without a
    /// selector it selects none.</summary>
    public static bool Selects(ServiceObject service, Workload workload) =>
        service.Selector.Count > 0
        && ManifestScalar.SameNamespace(service.Namespace, workload.Namespace)
        && service.Selector.All(entry => workload.PodLabels.TryGetValue(entry.Key, out var value) && value == entry.Value);
}
