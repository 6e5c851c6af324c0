using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using ShutdownGuard.AdditionalFiles;
using ShutdownGuard.Manifests;

namespace ShutdownGuard.Rendering;

/// <summary>A kustomization file as attribution reads it: what it references, how it renames, where its patches are.</summary>
internal sealed class Kustomization
{
    private static readonly string[] FileNames = { "kustomization.yaml", "kustomization.yml", "Kustomization" };

    private Kustomization(AdditionalFileText file, YMapping root)
    {
        File = file;
        Root = root;
        Folder = FilePath.Folder(file.Path);
    }

    public AdditionalFileText File { get; }

    public YMapping Root { get; }

    /// <summary>The folder its paths are relative to.</summary>
    public string Folder { get; }

    /// <summary>The kustomization in a file; null when the file is not a readable kustomization.</summary>
    public static Kustomization? Read(AdditionalFileText file, RenderSources sources) =>
        sources.Yaml(file)?.Roots is { Length: 1 } roots && roots[0] is YMapping root ? new Kustomization(file, root) : null;

    /// <summary>Its transformers or replacements may rename objects in ways that prefixes and suffixes do not tell.</summary>
    public bool MayRename => Root.Child("transformers") is not null || Root.Child("replacements") is not null;

    /// <summary>Whether something else than its patches may have written a rendered value: a transformer plugin, a
    /// replacement whose field path ends in the same key (or one read from a file), an image, replica count, namespace,
    /// label or annotation it sets. It may have written the value the resource already says, so the resource is then no
    /// place to fix it.</summary>
    public bool MayWrite(ImmutableArray<PathStep> path, string renderedValue)
    {
        var keys = path.Where(step => step.IsKey).Select(step => step.Key!).ToList();
        var last = keys.LastOrDefault();
        return Root.Child("transformers") is not null
            || (Root.Child("replacements") is { } replacements && Replaces(replacements, keys))
            || (last == "image" && Root.Child("images") is YSequence images && images.Values.Any(image => Names(image, renderedValue)))
            || (keys.SequenceEqual(new[] { "spec", "replicas" }) && Root.Child("replicas") is not null)
            || (keys.SequenceEqual(new[] { "metadata", "namespace" }) && Root.Child("namespace") is not null)
            || (keys.Intersect(new[] { "labels", "matchLabels", "selector" }).Any() && (Root.Child("commonLabels") is not null || Root.Child("labels") is not null))
            || (keys.Contains("annotations") && Root.Child("commonAnnotations") is not null);
    }

    /// <summary>A name as this kustomization's <c>namePrefix</c> and <c>nameSuffix</c> change it.</summary>
    public string Renamed(string name) => YNode.TextOf(Root.Child("namePrefix")) + name + YNode.TextOf(Root.Child("nameSuffix"));

    /// <summary>The local paths its <c>resources</c>, <c>bases</c> and <c>components</c> name, as full paths.</summary>
    public IEnumerable<(string Path, bool IsComponent)> References() =>
        Paths("resources").Concat(Paths("bases")).Select(path => (path, false)).Concat(Paths("components").Select(path => (path, true)));

    /// <summary>The kustomization file of a folder that a kustomization references; null when there is none to read.</summary>
    public static AdditionalFileText? FileIn(string folder, RenderSources sources) =>
        FileNames.Select(name => sources.File(FilePath.Combine(folder, name))).FirstOrDefault(file => file is not null);

    /// <summary>Whether an <c>images</c> entry names the rendered image, by its old or new name.</summary>
    private static bool Names(YNode image, string renderedImage) =>
        new[] { YNode.TextOf(image.Child("name")), YNode.TextOf(image.Child("newName")) }.Any(name => name is not null && renderedImage.StartsWith(name, StringComparison.Ordinal));

    /// <summary>Whether a replacement may write the node at <paramref name="keys"/>: one whose targets' field paths end in
    /// one of them (the node or a node above it), or one that cannot be read here (a file, a shape this does not know).</summary>
    private static bool Replaces(YNode replacements, List<string> keys) =>
        replacements.Resolved is not YSequence sequence || sequence.Values.Any(replacement =>
            replacement.Child("targets") is not YSequence targets || targets.Values.Any(target =>
                target.Child("fieldPaths") is not YSequence fieldPaths || fieldPaths.Values.Any(fieldPath =>
                    YNode.TextOf(fieldPath) is not { } written || keys.Contains(written.Split('.').Last()))));

    private IEnumerable<string> Paths(string key) =>
        Root.Child(key) is YSequence sequence
            ? sequence.Values.Select(YNode.TextOf).OfType<string>().Select(path => FilePath.Combine(Folder, path))
            : Enumerable.Empty<string>();
}

/// <summary>One kustomization whose patches may apply to a resource, with the names the resource has when they run.</summary>
internal sealed class KustomizeLayer
{
    public KustomizeLayer(Kustomization kustomization, string nameBefore, string nameAfter)
    {
        Kustomization = kustomization;
        NameBefore = nameBefore;
        NameAfter = nameAfter;
    }

    public Kustomization Kustomization { get; }

    /// <summary>The resource's name before this kustomization renames it: what <c>patches</c> and
    /// <c>patchesStrategicMerge</c> see (they run before <c>namePrefix</c>).</summary>
    public string NameBefore { get; }

    /// <summary>The name after its <c>namePrefix</c> and <c>nameSuffix</c>: what <c>patchesJson6902</c> sees.</summary>
    public string NameAfter { get; }
}

/// <summary>
/// The kustomizations between a root and a resource file: the root, each base down to the one that lists the file, and
/// the components each of them includes. Only their patches can change the resource (a sibling base's patches stay in
/// that base). Read from the project's files, never the disk.
/// </summary>
internal sealed class KustomizeLayers
{
    // Kustomize rejects cycles; deeper trees than this are not written by hand, and a budget bounds diamond shapes.
    private const int MaxDepth = 16;
    private const int MaxVisits = 256;

    private KustomizeLayers(ImmutableArray<KustomizeLayer> layers, bool isSingleRoute)
    {
        Layers = layers;
        IsSingleRoute = isSingleRoute;
    }

    public ImmutableArray<KustomizeLayer> Layers { get; }

    /// <summary>True when exactly one route leads from the root to the resource and every kustomization on the way was
    /// read: a patch found on it is the one that applied. Otherwise the layers of every route found are listed.</summary>
    public bool IsSingleRoute { get; }

    /// <summary>The layers from the root to <paramref name="resource"/>; null when no route reaches it.</summary>
    public static KustomizeLayers? Find(Kustomization root, string resource, string originalName, RenderSources sources)
    {
        var search = new RouteSearch(resource, sources);
        search.Visit(root, ImmutableArray<Kustomization>.Empty);
        if (search.Routes.Count == 0)
        {
            return null;
        }

        var layers = search.Routes.SelectMany(route => LayersOf(route, originalName, sources)).ToImmutableArray();
        return new KustomizeLayers(layers, search.Routes.Count == 1 && search.IsComplete);
    }

    /// <summary>Each kustomization of a route, from the one that lists the resource up to the root, renaming as it goes;
    /// the components a kustomization includes run before its own transformers.</summary>
    private static IEnumerable<KustomizeLayer> LayersOf(ImmutableArray<Kustomization> route, string originalName, RenderSources sources)
    {
        var name = originalName;
        var onRoute = new HashSet<string>(route.Select(kustomization => kustomization.File.Path), FilePath.Comparer);
        for (var i = route.Length - 1; i >= 0; i--)
        {
            foreach (var component in Components(route[i], onRoute, sources))
            {
                yield return new KustomizeLayer(component, name, component.Renamed(name));
                name = component.Renamed(name);
            }

            yield return new KustomizeLayer(route[i], name, route[i].Renamed(name));
            name = route[i].Renamed(name);
        }
    }

    /// <summary>The components a kustomization includes, theirs included, but those on the route (listed as layers of
    /// their own).</summary>
    private static IEnumerable<Kustomization> Components(Kustomization kustomization, HashSet<string> onRoute, RenderSources sources)
    {
        var seen = new HashSet<string>(onRoute, FilePath.Comparer);
        var pending = new Queue<Kustomization>();
        pending.Enqueue(kustomization);
        while (pending.Count > 0 && seen.Count < MaxVisits)
        {
            foreach (var (path, isComponent) in pending.Dequeue().References())
            {
                if (isComponent && Kustomization.FileIn(path, sources) is { } file && seen.Add(file.Path) && Kustomization.Read(file, sources) is { } component)
                {
                    yield return component;
                    pending.Enqueue(component);
                }
            }
        }
    }

    private sealed class RouteSearch
    {
        private readonly string _resource;
        private readonly RenderSources _sources;
        private int _visits;

        public RouteSearch(string resource, RenderSources sources)
        {
            _resource = FilePath.Normalize(resource);
            _sources = sources;
        }

        public List<ImmutableArray<Kustomization>> Routes { get; } = new();

        /// <summary>False when a referenced kustomization could not be read or the search stopped at a limit: another
        /// route may exist.</summary>
        public bool IsComplete { get; private set; } = true;

        public void Visit(Kustomization kustomization, ImmutableArray<Kustomization> above)
        {
            var route = above.Add(kustomization);
            if (route.Length > MaxDepth || ++_visits > MaxVisits)
            {
                IsComplete = false;
                return;
            }

            foreach (var (path, _) in kustomization.References())
            {
                if (FilePath.Comparer.Equals(path, _resource))
                {
                    Routes.Add(route);
                    continue;
                }

                if (Kustomization.FileIn(path, _sources) is not { } file)
                {
                    continue;
                }

                if (route.Any(on => FilePath.Comparer.Equals(on.File.Path, file.Path)))
                {
                    IsComplete = false;
                }
                else if (Kustomization.Read(file, _sources) is { } below)
                {
                    Visit(below, route);
                }
                else
                {
                    IsComplete = false;
                }
            }
        }
    }
}
