using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace ShutdownGuard.Build;

/// <summary>The options both tasks take: the package's ShutdownGuardHelm*/ShutdownGuardKustomize* properties and items.</summary>
public abstract class RenderTask : Task
{
    [Required]
    public string ProjectDirectory { get; set; } = "";

    [Required]
    public string RenderDirectory { get; set; } = "";

    public ITaskItem[] ManifestFiles { get; set; } = [];

    public string[] HelmCharts { get; set; } = [];

    public string[] HelmValues { get; set; } = [];

    public string? HelmReleaseName { get; set; }

    public string? HelmNamespace { get; set; }

    public string[] HelmSet { get; set; } = [];

    /// <summary>ShutdownGuardHelmRelease items: the release name, with Chart, Values, Set and Namespace metadata.</summary>
    public ITaskItem[] HelmReleases { get; set; } = [];

    public string? KubernetesVersion { get; set; }

    public string[] Kustomizations { get; set; } = [];

    public string? HelmPath { get; set; }

    public string? KustomizePath { get; set; }

    protected IReadOnlyList<Rendering> Plan() => RenderPlan.Create(new RenderSettings
    {
        ProjectDirectory = ProjectDirectory,
        RenderDirectory = RenderDirectory,
        // The rendered files are AdditionalFiles too, and a wrapper kustomization sits beside each: never a root.
        ManifestFiles = ManifestFiles.Select(file => file.GetMetadata("FullPath"))
            .Where(path => !path.StartsWith(Path.GetFullPath(RenderDirectory), StringComparison.Ordinal))
            .ToList(),
        HelmCharts = NonEmpty(HelmCharts),
        HelmValues = NonEmpty(HelmValues),
        HelmReleaseName = HelmReleaseName,
        HelmNamespace = HelmNamespace,
        HelmSet = NonEmpty(HelmSet),
        HelmReleases = HelmReleases.Select(item => new HelmRelease(
            item.ItemSpec,
            item.GetMetadata("Chart"),
            NonEmpty(item.GetMetadata("Values").Split(';')),
            NonEmpty(item.GetMetadata("Set").Split(';')),
            item.GetMetadata("Namespace"))).ToList(),
        KubernetesVersion = KubernetesVersion,
        Kustomizations = NonEmpty(Kustomizations),
        HelmPath = HelmPath,
        KustomizePath = KustomizePath,
        PathVariable = Environment.GetEnvironmentVariable("PATH"),
    });

    private static List<string> NonEmpty(IEnumerable<string> values) =>
        values.Select(value => value.Trim()).Where(value => value.Length > 0).ToList();
}
