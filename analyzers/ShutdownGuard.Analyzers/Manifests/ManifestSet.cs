using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using ShutdownGuard.AdditionalFiles;
using ShutdownGuard.Rendering;

namespace ShutdownGuard.Manifests;

/// <summary>A workload and the file that holds it.</summary>
internal sealed class WorkloadEntry
{
    public WorkloadEntry(AdditionalFileEntry<ManifestFile> file, Workload workload)
    {
        File = file;
        Workload = workload;
    }

    public AdditionalFileEntry<ManifestFile> File { get; }

    public Workload Workload { get; }
}

/// <summary>A ConfigMap and the file that holds it.</summary>
internal sealed class ConfigMapEntry
{
    public ConfigMapEntry(AdditionalFileEntry<ManifestFile> file, ConfigMapObject configMap)
    {
        File = file;
        ConfigMap = configMap;
    }

    public AdditionalFileEntry<ManifestFile> File { get; }

    public ConfigMapObject ConfigMap { get; }
}

/// <summary>
/// The manifests of one compilation: every YAML/JSON additional file, sorted by path for deterministic output,
/// each parsed once per text (an edit in C# never re-parses YAML).
/// </summary>
internal sealed class ManifestSet
{
    /// <summary>Every YAML/JSON additional file but appsettings. A kustomization is read by its file name too (kustomize
    /// accepts one without <c>kind</c>), so it has a reader and a cache of its own.</summary>
    public static readonly AdditionalFileKind<ManifestFile> FileKind = new(path =>
        !IsManifestPath(path) ? null : ManifestReader.IsKustomizationFileName(path) ? KustomizationReader : ManifestFileReader);

    private static readonly TextModelReader<ManifestFile> ManifestFileReader = new(text => ManifestReader.Read(text, isKustomizationFile: false, CancellationToken.None));
    private static readonly TextModelReader<ManifestFile> KustomizationReader = new(text => ManifestReader.Read(text, isKustomizationFile: true, CancellationToken.None));

    private ManifestSet(ImmutableArray<AdditionalFileEntry<ManifestFile>> files, ImmutableArray<WorkloadEntry> workloads, ImmutableArray<ConfigMapEntry> configMaps, RenderSources? renderSources)
    {
        Files = files;
        RenderSources = renderSources;
        Workloads = workloads;
        ConfigMaps = configMaps;
    }

    public static ManifestSet Empty { get; } = new(ImmutableArray<AdditionalFileEntry<ManifestFile>>.Empty, ImmutableArray<WorkloadEntry>.Empty, ImmutableArray<ConfigMapEntry>.Empty, renderSources: null);

    /// <summary>Every manifest file, readable or not, sorted by path: rendered output (with its origin) instead of the
    /// chart and overlay files a render read.</summary>
    public ImmutableArray<AdditionalFileEntry<ManifestFile>> Files { get; }

    /// <summary>The workloads of the readable files, less the files that a kustomization lists as patches.</summary>
    public ImmutableArray<WorkloadEntry> Workloads { get; }

    /// <summary>The ConfigMaps of the same files: what <c>envFrom</c> and <c>configMapKeyRef</c> read.</summary>
    public ImmutableArray<ConfigMapEntry> ConfigMaps { get; }

    /// <summary>The project's renders and their sources; null when the project has no render index.</summary>
    public RenderSources? RenderSources { get; }

    public static bool IsManifestPath(string path)
    {
        var name = System.IO.Path.GetFileName(path);
        if (name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return name.EndsWith(".json", StringComparison.OrdinalIgnoreCase) && !name.StartsWith("appsettings", StringComparison.OrdinalIgnoreCase) && !RenderIndex.IsIndexPath(name);
    }

    public static ManifestSet Create(ImmutableArray<AdditionalText> additionalFiles, string? projectDirectory, TextModels models, CancellationToken cancellationToken)
    {
        var files = FileKind.ReadAll(additionalFiles, projectDirectory, models, cancellationToken);
        if (files.IsEmpty)
        {
            return Empty;
        }

        RenderSources? sources = null;
        var renders = ProjectRenders.Read(additionalFiles, projectDirectory, models, cancellationToken);
        if (renders is null)
        {
            files = files.Where(file => !RenderIndex.IsOutputPath(file.Path)).ToImmutableArray();
        }
        else
        {
            sources = new RenderSources(renders, additionalFiles, projectDirectory, models, cancellationToken);
            files = files
                .Where(file => !renders.Consumes(file.Path) && (renders.RenderedInto(file.Path) is not null || !(renders.IsOutput(file.Path) || RenderIndex.IsOutputPath(file.Path))))
                .Select(file => renders.RenderedInto(file.Path) is { } render ? file.WithOrigin(new RenderOrigin(render, file.Path, file.Text, sources)) : file)
                .ToImmutableArray();
        }

        var patches = PatchPaths(files);
        var whole = files.Where(file => !patches.Contains(FilePath.Normalize(file.Path))).ToList();
        return new ManifestSet(
            files,
            whole.SelectMany(file => file.Model.Workloads.Select(workload => new WorkloadEntry(file, workload))).ToImmutableArray(),
            whole.SelectMany(file => file.Model.ConfigMaps.Select(configMap => new ConfigMapEntry(file, configMap))).ToImmutableArray(),
            sources);
    }

    /// <summary>Files that a kustomization lists as patches: they are partial objects, not workloads.</summary>
    private static HashSet<string> PatchPaths(IEnumerable<AdditionalFileEntry<ManifestFile>> files)
    {
        var patches = new HashSet<string>(FilePath.Comparer);
        foreach (var file in files)
        {
            if (file.Model.KustomizePatches.IsEmpty)
            {
                continue;
            }

            var folder = System.IO.Path.GetDirectoryName(file.Path) ?? string.Empty;
            foreach (var patch in file.Model.KustomizePatches)
            {
                patches.Add(FilePath.Combine(folder, patch));
            }
        }

        return patches;
    }
}
