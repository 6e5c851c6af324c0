using System;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
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
            if (match.Container.ReadinessProbe is null)
            {
                report(Diagnostic.Create(
                    Descriptors.ReadinessProbe,
                    ServingContainers.NameLocation(match),
                    TextEditProperties.Create(match.Workload.File.MapEdit(InsertProbe(facts, match))),
                    match.Container.Name?.Text ?? "?",
                    match.Workload.Workload.DisplayName));
            }
        }
    }

    private static TextChange? InsertProbe(ProgramFacts facts, ContainerMatch match)
    {
        var container = match.Container;
        if (container.ChildIndent < 0)
        {
            return null;
        }

        var text = match.Workload.File.Text;
        var port = container.Ports.Select(item => item.Port?.AsInt()).FirstOrDefault(number => number is not null) ?? DefaultPort;
        var probe = "readinessProbe:\n  httpGet:\n    path: " + ReadinessPath(facts) + "\n    port: " + port.ToString(CultureInfo.InvariantCulture);
        return YamlEdit.AppendToMapping(text, container.Span, container.ChildIndent, YamlEdit.IndentStep(text, match.Workload.Workload.Pod), probe);
    }

    /// <summary>The first readiness path (option order) that the app serves; else the first readiness path.</summary>
    private static string ReadinessPath(ProgramFacts facts)
    {
        var paths = facts.Project.Options.ReadinessPaths;
        return paths.FirstOrDefault(path => facts.Endpoints?.Serving(path).IsEmpty == false) ?? paths[0];
    }
}
