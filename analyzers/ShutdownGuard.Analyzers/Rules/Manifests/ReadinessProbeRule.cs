using System;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using ShutdownGuard.Analysis;
using ShutdownGuard.Manifests;

namespace ShutdownGuard.Rules.Manifests;

/// <summary>
/// SG2002: a serving container has no readiness probe. The fix inserts one at the app's readiness endpoint, as the
/// container's last key.
/// </summary>
internal sealed class ReadinessProbeRule : IProgramRule
{
    /// <summary>The port ASP.NET Core containers listen on by default (.NET 8+).</summary>
    private const int DefaultPort = 8080;

    public ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.ReadinessProbe);

    public void Analyze(ProgramFacts facts, Action<Diagnostic> report)
    {
        foreach (var match in ServingContainers.Find(facts, DiagnosticIds.ReadinessProbe))
        {
            if (match.Container.ReadinessProbe is null && Fix(facts, match) is { } fix)
            {
                report(Diagnostic.Create(
                    Descriptors.ReadinessProbe,
                    ServingContainers.NameLocation(match),
                    fix,
                    match.Container.Name?.Text ?? "?",
                    match.Workload.Workload.DisplayName));
            }
        }
    }

    /// <summary>The probe inserted as the container's last key; in a rendered chart whose template renders the probe from
    /// values (<c>helm create</c>'s <c>readinessProbe</c> block), set in the values instead. Null when the values set the
    /// probe since the chart was rendered: the finding no longer holds.</summary>
    private static ImmutableDictionary<string, string?>? Fix(ProgramFacts facts, ContainerMatch match)
    {
        var container = match.Container;
        if (container.ChildIndent < 0)
        {
            return TextEditProperties.Create(null);
        }

        var file = match.Workload.File;
        var port = container.Ports.Select(item => item.Port?.AsInt()).FirstOrDefault(number => number is not null) ?? DefaultPort;
        var probe = "httpGet:\n  path: " + ReadinessPath(facts) + "\n  port: " + port.ToString(CultureInfo.InvariantCulture);
        if (file.Origin is { } origin)
        {
            return origin.AddEntry(container.Span, "readinessProbe", probe) switch
            {
                { Change: { } change } edit => TextEditProperties.Create(new[] { change }, title: null, edit.Path),
                { } => null,
                null => TextEditProperties.Create(null),
            };
        }

        var step = YamlEdit.IndentStep(file.Text, match.Workload.Workload.Pod);
        return TextEditProperties.Create(YamlEdit.AppendToMapping(file.Text, container.Span, container.ChildIndent, step, "readinessProbe:\n  " + probe.Replace("\n", "\n  ")));
    }

    /// <summary>The first readiness path (option order) that the app serves; else the first readiness path.</summary>
    private static string ReadinessPath(ProgramFacts facts)
    {
        var paths = facts.Project.Options.ReadinessPaths;
        return paths.FirstOrDefault(path => facts.Endpoints?.Serving(path).IsEmpty == false) ?? paths[0];
    }
}
