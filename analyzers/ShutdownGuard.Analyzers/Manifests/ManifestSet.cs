using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using ShutdownGuard.Text;

namespace ShutdownGuard.Manifests;

/// <summary>A manifest file as included in the project: its path, text and model.</summary>
internal sealed class ManifestEntry
{
    public ManifestEntry(string path, string displayPath, SourceText text, ManifestFile model)
    {
        Path = path;
        DisplayPath = displayPath;
        Text = text;
        Model = model;
    }

    public string Path { get; }

    /// <summary>The path relative to the project folder when it lies inside, for messages (<c>k8s/deployment.yaml</c>).</summary>
    public string DisplayPath { get; }

    public SourceText Text { get; }

    public ManifestFile Model { get; }

    /// <summary>A location inside this file, for diagnostics.</summary>
    public Location GetLocation(TextSpan span) => Location.Create(Path, span, Text.Lines.GetLinePositionSpan(span));

    /// <summary><c>k8s/deployment.yaml:14</c>, for messages (the display path and the 1-based line).</summary>
    public string Describe(TextSpan span) => FileLine.Of(DisplayPath, Text, span.Start);

    /// <summary>The path relative to <paramref name="projectDirectory"/> when the file lies inside it, else the file name.</summary>
    public static string ToDisplayPath(string path, string? projectDirectory)
    {
        var normalized = path.Replace('\\', '/');
        var folder = string.IsNullOrEmpty(projectDirectory) ? null : projectDirectory!.Replace('\\', '/').TrimEnd('/') + "/";
        return folder is not null && normalized.StartsWith(folder, StringComparison.OrdinalIgnoreCase)
            ? normalized.Substring(folder.Length)
            : System.IO.Path.GetFileName(path);
    }
}

/// <summary>A workload and the file that holds it.</summary>
internal sealed class WorkloadEntry
{
    public WorkloadEntry(ManifestEntry file, Workload workload)
    {
        File = file;
        Workload = workload;
    }

    public ManifestEntry File { get; }

    public Workload Workload { get; }
}

/// <summary>A ConfigMap and the file that holds it.</summary>
internal sealed class ConfigMapEntry
{
    public ConfigMapEntry(ManifestEntry file, ConfigMapObject configMap)
    {
        File = file;
        ConfigMap = configMap;
    }

    public ManifestEntry File { get; }

    public ConfigMapObject ConfigMap { get; }
}

/// <summary>
/// The manifests of one compilation: every YAML/JSON additional file, sorted by path for deterministic output,
/// each parsed once per text (an edit in C# never re-parses YAML).
/// </summary>
internal sealed class ManifestSet
{
    /// <summary>The per-text parse caches shared by every compilation (use with <c>TryGetValue</c> of the start
    /// context). A kustomization is read by its file name too, so it has a cache of its own.</summary>
    private static readonly SourceTextValueProvider<ManifestFile> ManifestCache = new(text => ManifestReader.Read(text, isKustomizationFile: false, CancellationToken.None));
    private static readonly SourceTextValueProvider<ManifestFile> KustomizationCache = new(text => ManifestReader.Read(text, isKustomizationFile: true, CancellationToken.None));

    /// <summary>The cache for a file at <paramref name="path"/>.</summary>
    public static SourceTextValueProvider<ManifestFile> CacheFor(string path) =>
        ManifestReader.IsKustomizationFileName(path) ? KustomizationCache : ManifestCache;

    private ManifestSet(ImmutableArray<ManifestEntry> files, ImmutableArray<WorkloadEntry> workloads, ImmutableArray<ConfigMapEntry> configMaps)
    {
        Files = files;
        Workloads = workloads;
        ConfigMaps = configMaps;
    }

    public static ManifestSet Empty { get; } = new(ImmutableArray<ManifestEntry>.Empty, ImmutableArray<WorkloadEntry>.Empty, ImmutableArray<ConfigMapEntry>.Empty);

    /// <summary>Every manifest file, readable or not, sorted by path.</summary>
    public ImmutableArray<ManifestEntry> Files { get; }

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

    /// <summary>One additional file as a manifest; null when it is not one.</summary>
    public static ManifestEntry? Read(AdditionalText file, string? projectDirectory, Func<AdditionalText, SourceText, ManifestFile?> readCached, CancellationToken cancellationToken)
    {
        if (!IsManifestPath(file.Path))
        {
            return null;
        }

        var text = file.GetText(cancellationToken);
        var model = text is null ? null : readCached(file, text);
        return text is null || model is null ? null : new ManifestEntry(file.Path, ManifestEntry.ToDisplayPath(file.Path, projectDirectory), text, model);
    }

    public static ManifestSet Create(ImmutableArray<AdditionalText> additionalFiles, string? projectDirectory, Func<AdditionalText, SourceText, ManifestFile?> readCached, CancellationToken cancellationToken)
    {
        var files = ImmutableArray.CreateBuilder<ManifestEntry>();
        foreach (var file in additionalFiles.OrderBy(file => file.Path, StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (Read(file, projectDirectory, readCached, cancellationToken) is { } entry)
            {
                files.Add(entry);
            }
        }

        if (files.Count == 0)
        {
            return Empty;
        }

        var patches = PatchPaths(files);
        var whole = files.Where(file => !patches.Contains(NormalizePath(file.Path))).ToList();
        return new ManifestSet(
            files.ToImmutable(),
            whole.SelectMany(file => file.Model.Workloads.Select(workload => new WorkloadEntry(file, workload))).ToImmutableArray(),
            whole.SelectMany(file => file.Model.ConfigMaps.Select(configMap => new ConfigMapEntry(file, configMap))).ToImmutableArray());
    }

    /// <summary>Files that a kustomization lists as patches: they are partial objects, not workloads.</summary>
    private static HashSet<string> PatchPaths(IEnumerable<ManifestEntry> files)
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
