using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using ShutdownGuard.Analysis;
using ShutdownGuard.Manifests;

namespace ShutdownGuard.Rules.Manifests;

/// <summary>SG2010: the project builds a host, the manifests hold workloads, and none of them runs this project.</summary>
internal sealed class WorkloadMatchRule : IProgramRule
{
    private const int ListedWorkloads = 5;

    public ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.WorkloadMatch);

    public void Analyze(ProgramFacts facts, Action<Diagnostic> report)
    {
        var project = facts.Project;
        var workloads = project.Manifests.Workloads;
        if (workloads.IsEmpty || !project.Matches.IsEmpty)
        {
            return;
        }

        var listed = string.Join(", ", workloads.Take(ListedWorkloads).Select(entry => Describe(entry.Workload)));
        var found = project.Options.Workload is { } selector
            ? $"ShutdownGuardWorkload '{selector}' names none of: {listed}"
            : $"found {listed}";
        if (workloads.Length > ListedWorkloads)
        {
            found += $" and {workloads.Length - ListedWorkloads} more";
        }

        var first = workloads[0];
        report(Diagnostic.Create(Descriptors.WorkloadMatch, first.File.GetLocation(first.Workload.KindSpan), project.Project.DisplayName, found));
    }

    private static string Describe(Workload workload)
    {
        var containers = string.Join("/", workload.Pod.Containers.Select(container => container.Name?.Text ?? "?"));
        return $"{workload.DisplayName} (container {containers})";
    }
}
