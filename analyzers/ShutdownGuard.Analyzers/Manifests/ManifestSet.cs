using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using ShutdownGuard.AdditionalFiles;

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

    private ManifestSet(ImmutableArray<AdditionalFileEntry<ManifestFile>> files, ImmutableArray<WorkloadEntry> workloads, ImmutableArray<ConfigMapEntry> configMaps)
    {
        Files = files;
        Workloads = workloads;
        ConfigMaps = configMaps;
    }

    public static ManifestSet Empty { get; } = new(ImmutableArray<AdditionalFileEntry<ManifestFile>>.Empty, ImmutableArray<WorkloadEntry>.Empty, ImmutableArray<ConfigMapEntry>.Empty);

    /// <summary>Every manifest file, readable or not, sorted by path.</summary>
    public ImmutableArray<AdditionalFileEntry<ManifestFile>> Files { get; }

    /// <summary>The workloads of the readable files, less the files that a kustomization lists as patches.</summary>
    public ImmutableArray<WorkloadEntry> Workloads { get; }

    /// <summary>The ConfigMaps of the same files: what <c>envFrom</c> and <c>configMapKeyRef</c> read.</summary>
    public ImmutableArray<ConfigMapEntry> ConfigMaps { get; }

    public static bool IsManifestPath(string path)
    {
        var name = System.IO.Path.GetFileName(path);
        if (name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return name.EndsWith(".json", StringComparison.OrdinalIgnoreCase) && !name.StartsWith("appsettings", StringComparison.OrdinalIgnoreCase);
    }

    public static ManifestSet Create(ImmutableArray<AdditionalText> additionalFiles, string? projectDirectory, ReadText<ManifestFile> read, CancellationToken cancellationToken)
    {
        var files = FileKind.ReadAll(additionalFiles, projectDirectory, read, cancellationToken);
        if (files.IsEmpty)
        {
            return Empty;
        }

        var patches = PatchPaths(files);
        var whole = files.Where(file => !patches.Contains(NormalizePath(file.Path))).ToList();
        return new ManifestSet(
            files,
            whole.SelectMany(file => file.Model.Workloads.Select(workload => new WorkloadEntry(file, workload))).ToImmutableArray(),
            whole.SelectMany(file => file.Model.ConfigMaps.Select(configMap => new ConfigMapEntry(file, configMap))).ToImmutableArray());
    }

    /// <summary>Files that a kustomization lists as patches: they are partial objects, not workloads.</summary>
    private static HashSet<string> PatchPaths(IEnumerable<AdditionalFileEntry<ManifestFile>> files)
    {
        var patches = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            if (file.Model.KustomizePatches.IsEmpty)
            {
                continue;
            }

            var folder = System.IO.Path.GetDirectoryName(file.Path) ?? string.Empty;
            foreach (var patch in file.Model.KustomizePatches)
            {
                patches.Add(NormalizePath(System.IO.Path.Combine(folder, patch)));
            }
        }

        return patches;
    }

    /// <summary>Resolves <c>.</c> and <c>..</c> segments without touching the file system.</summary>
    private static string NormalizePath(string path)
    {
        var segments = new List<string>();
        foreach (var segment in path.Replace('\\', '/').Split('/'))
        {
            if (segment == "." || (segment.Length == 0 && segments.Count > 0))
            {
                continue;
            }

            if (segment == ".." && segments.Count > 0 && segments[segments.Count - 1] != "..")
            {
                segments.RemoveAt(segments.Count - 1);
                continue;
            }

            segments.Add(segment);
        }

        return string.Join("/", segments);
    }
}
