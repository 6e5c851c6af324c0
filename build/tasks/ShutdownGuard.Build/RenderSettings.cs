using System.Collections.Generic;

namespace ShutdownGuard.Build;

/// <summary>A Helm release named by a ShutdownGuardHelmRelease item: one environment of a chart.</summary>
public sealed record HelmRelease(string Name, string Chart, IReadOnlyList<string> Values, IReadOnlyList<string> Set, string? Namespace);

/// <summary>The project's rendering options, as the package's properties and items give them.</summary>
public sealed class RenderSettings
{
    public string ProjectDirectory { get; set; } = "";

    /// <summary>The folder that holds the index and one numbered folder per rendering.</summary>
    public string RenderDirectory { get; set; } = "";

    /// <summary>Full paths of the project's AdditionalFiles: charts and kustomizations are found among them.</summary>
    public IReadOnlyList<string> ManifestFiles { get; set; } = [];

    public IReadOnlyList<string> HelmCharts { get; set; } = [];

    public IReadOnlyList<string> HelmValues { get; set; } = [];

    public string? HelmReleaseName { get; set; }

    public string? HelmNamespace { get; set; }

    public IReadOnlyList<string> HelmSet { get; set; } = [];

    public IReadOnlyList<HelmRelease> HelmReleases { get; set; } = [];

    public string? KubernetesVersion { get; set; }

    public IReadOnlyList<string> Kustomizations { get; set; } = [];

    public string? HelmPath { get; set; }

    public string? KustomizePath { get; set; }

    public string? PathVariable { get; set; }
}
