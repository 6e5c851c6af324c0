using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace ShutdownGuard.Build;

/// <summary>Which Helm releases and Kustomize roots a project renders, with their command lines and inputs.</summary>
public static class RenderPlan
{
    /// <summary>Helm's own name for a release when none is given.</summary>
    public const string DefaultReleaseName = "release-name";

    public static IReadOnlyList<Rendering> Create(RenderSettings settings)
    {
        var tools = new ToolLocator(settings.ProjectDirectory, settings.PathVariable);
        var helm = tools.Locate(settings.HelmPath, "helm");
        var kustomize = tools.Locate(settings.KustomizePath, "kubectl", "kustomize");

        var renderings = HelmRenderings(settings, helm).Concat(KustomizeRenderings(settings, kustomize))
            .OrderBy(r => r.Kind, StringComparer.Ordinal)
            .ThenBy(r => r.Source, StringComparer.Ordinal)
            .ThenBy(r => r.Name, StringComparer.Ordinal)
            .ToList();
        for (var i = 0; i < renderings.Count; i++)
        {
            var rendering = renderings[i];
            rendering.Directory = Path.Combine(settings.RenderDirectory, (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (rendering.Kind == RenderKind.Kustomize)
            {
                var wrapperDirectory = ProjectFiles.Relative(settings.ProjectDirectory, rendering.Directory);
                rendering.Arguments.AddRange(rendering.Tool.Name.StartsWith("kustomize", StringComparison.Ordinal)
                    ? ["build", wrapperDirectory]
                    : ["kustomize", wrapperDirectory]);
            }
        }

        return renderings;
    }

    private static IEnumerable<Rendering> HelmRenderings(RenderSettings settings, Tool helm)
    {
        var chartDirectories = settings.HelmCharts.Count > 0
            ? settings.HelmCharts.Select(chart => FullPath(settings, chart))
            : settings.ManifestFiles
                .Where(file => Path.GetFileName(file) == HelmChart.ChartFileName)
                .Select(file => Path.GetDirectoryName(file)!)
                .Where(directory => !HelmChart.IsSubchart(directory));
        var releasesByChart = settings.HelmReleases.ToLookup(release => FullPath(settings, release.Chart), StringComparer.Ordinal);

        foreach (var chartDirectory in chartDirectories.Concat(releasesByChart.Select(group => group.Key)).Distinct(StringComparer.Ordinal))
        {
            var releases = releasesByChart.Contains(chartDirectory)
                ? releasesByChart[chartDirectory]
                : [new HelmRelease(
                    string.IsNullOrWhiteSpace(settings.HelmReleaseName) ? DefaultReleaseName : settings.HelmReleaseName!,
                    chartDirectory,
                    settings.HelmValues,
                    settings.HelmSet,
                    settings.HelmNamespace)];
            foreach (var release in releases)
            {
                yield return HelmRendering(settings, helm, chartDirectory, release);
            }
        }
    }

    private static Rendering HelmRendering(RenderSettings settings, Tool helm, string chartDirectory, HelmRelease release)
    {
        var source = ProjectFiles.Relative(settings.ProjectDirectory, chartDirectory);
        var rendering = new Rendering(RenderKind.Helm, release.Name, source) { Tool = helm };

        var chartValues = Path.Combine(chartDirectory, "values.yaml");
        if (File.Exists(chartValues))
        {
            rendering.ValueFiles.Add(ProjectFiles.Relative(settings.ProjectDirectory, chartValues));
        }

        var valueFiles = release.Values.Select(file => FullPath(settings, file)).ToList();
        rendering.ValueFiles.AddRange(valueFiles
            .Where(file => !string.Equals(file, chartValues, StringComparison.Ordinal))
            .Select(file => ProjectFiles.Relative(settings.ProjectDirectory, file)));
        rendering.Set.AddRange(release.Set);

        if (Directory.Exists(chartDirectory))
        {
            rendering.Inputs.UnionWith(Directory.EnumerateFiles(chartDirectory, "*", SearchOption.AllDirectories));
        }
        rendering.Inputs.UnionWith(valueFiles.Where(File.Exists));

        // Relative to the project folder, where Helm runs; ./ keeps Helm from taking "deploy/chart" for repo/chart.
        rendering.Arguments.AddRange(["template", release.Name, ToolArgumentPath(source), "--skip-tests"]);
        if (!string.IsNullOrWhiteSpace(release.Namespace))
        {
            rendering.Arguments.AddRange(["-n", release.Namespace!]);
        }
        foreach (var file in valueFiles)
        {
            rendering.Arguments.AddRange(["-f", ToolArgumentPath(ProjectFiles.Relative(settings.ProjectDirectory, file))]);
        }
        foreach (var value in release.Set)
        {
            rendering.Arguments.AddRange(["--set", value]);
        }
        if (!string.IsNullOrWhiteSpace(settings.KubernetesVersion))
        {
            rendering.Arguments.AddRange(["--kube-version", settings.KubernetesVersion!]);
        }

        if (!File.Exists(Path.Combine(chartDirectory, HelmChart.ChartFileName)))
        {
            rendering.Failure = $"{source} is not a Helm chart: it has no {HelmChart.ChartFileName}";
        }
        else if (HelmChart.UnvendoredDependencies(chartDirectory) is { Count: > 0 } missing)
        {
            rendering.Failure = $"the chart's dependencies {string.Join(", ", missing)} are not in {source}/charts; "
                + $"run `helm dependency build {source}` and keep the result (it needs the network, which the build never uses)";
        }

        return rendering;
    }

    private static IEnumerable<Rendering> KustomizeRenderings(RenderSettings settings, Tool kustomize)
    {
        List<(string Named, string? File)> roots;
        if (settings.Kustomizations.Count > 0)
        {
            roots = settings.Kustomizations
                .Select(named => FullPath(settings, named))
                .Select(named => (named, File.Exists(named) ? named : Directory.Exists(named) ? Kustomization.FileIn(named) : null))
                .ToList();
        }
        else
        {
            var found = settings.ManifestFiles
                .Select(file => Path.GetDirectoryName(file)!)
                .Distinct(StringComparer.Ordinal)
                .Select(Kustomization.FileIn)
                .OfType<string>()
                .Select(Path.GetFullPath)
                .Distinct(StringComparer.Ordinal)
                .ToList();
            var referenced = new HashSet<string>(
                found.SelectMany(file => Kustomization.ReferencedDirectories(file).Where(directory => directory != Path.GetDirectoryName(file))),
                StringComparer.Ordinal);
            roots = found
                .Where(file => !referenced.Contains(Path.GetDirectoryName(file)!))
                .Select(file => (file, (string?)file))
                .ToList();
        }

        foreach (var (named, file) in roots)
        {
            yield return KustomizeRendering(settings, kustomize, named, file);
        }
    }

    private static Rendering KustomizeRendering(RenderSettings settings, Tool kustomize, string named, string? kustomizationFile)
    {
        var rootDirectory = kustomizationFile is null ? ProjectFiles.WithoutTrailingSeparator(named) : Path.GetDirectoryName(kustomizationFile)!;
        var name = ProjectFiles.Relative(settings.ProjectDirectory, rootDirectory);
        var source = ProjectFiles.Relative(settings.ProjectDirectory, kustomizationFile ?? named);
        var rendering = new Rendering(RenderKind.Kustomize, name, source) { Tool = kustomize, WrapperResource = rootDirectory };
        if (kustomizationFile is null)
        {
            rendering.Failure = $"{source} has no kustomization file ({string.Join(", ", Kustomization.FileNames)})";
            return rendering;
        }

        var remote = Kustomization.Walk(kustomizationFile, rendering.Inputs);
        if (remote.Count > 0)
        {
            var (entry, file) = remote[0];
            rendering.Failure = $"{entry} in {ProjectFiles.Relative(settings.ProjectDirectory, file)} is remote: the build does not fetch remote bases";
        }

        return rendering;
    }

    private static string FullPath(RenderSettings settings, string path) =>
        ProjectFiles.WithoutTrailingSeparator(Path.GetFullPath(Path.Combine(settings.ProjectDirectory, path.Trim())));

    private static string ToolArgumentPath(string relativePath) =>
        Path.IsPathRooted(relativePath) || relativePath.StartsWith("../", StringComparison.Ordinal) ? relativePath : "./" + relativePath;
}
