using System;
using System.Collections.Generic;
using System.Linq;
using ShutdownGuard.AdditionalFiles;
using ShutdownGuard.Manifests;

namespace ShutdownGuard.Rendering;

/// <summary>
/// Traces a node of <c>kustomize build</c> output to the overlay. The origin annotation names the resource file only, never
/// the patch that changed a value, so the patches of the kustomizations between the root and the resource are read again:
/// when exactly one sets the node, it stands in that patch; when none does, in the resource, at the same path. When more
/// than one may have set it, or something else changed it (a transformer), it stands at the root's kustomization file,
/// with no fix. A source that says something else than was rendered has no place (the render is stale).
/// </summary>
internal static class KustomizeAttribution
{
    public static SourcePlace? Locate(RenderedNode node, Render render, string outputFolder, RenderSources sources)
    {
        var rootFile = sources.File(sources.Renders.ReportedAt(render));
        var overlay = rootFile is null ? null : new SourcePlace(rootFile, rootFile.FirstLine, isLiteral: false);
        if (rootFile is null || Kustomization.Read(rootFile, sources) is not { } root
            || node.Document.KustomizeOrigin is not { } origin || sources.File(FilePath.Combine(outputFolder, origin)) is not { } resourceFile
            || KustomizePatchText.Of(resourceFile, sources) is not { } resource || SameObject(resource.Roots, node.Document.Root) is not { } source
            || KustomizeLayers.Find(root, resourceFile.Path, YNode.TextOf(source.Child("metadata")?.Child("name")) ?? string.Empty, sources) is not { } layers)
        {
            return overlay;
        }

        var traced = new KustomizeObject(node.Document.Root, source, layers);
        var settings = Settings(layers, traced, node, sources).Take(2).ToList();
        if (settings.Count == 0)
        {
            return KustomizePatch.Merged(source, node.Document.Root, node.Path) is { } found
                ? Place(resource, found.Key, found.Value, node) ?? overlay
                : overlay;
        }

        if (settings.Count > 1 || !layers.IsSingleRoute || settings[0].Text is not { } patch)
        {
            return overlay;
        }

        return Place(patch, settings[0].Key, settings[0].Value, node);
    }

    /// <summary>The object's name as its resource file writes it, before any name prefix or suffix; null when the resource
    /// cannot be found.</summary>
    public static string? NameAsWritten(RenderedDocument document, string outputFolder, RenderSources sources) =>
        document.KustomizeOrigin is { } origin && sources.File(FilePath.Combine(outputFolder, origin)) is { } resourceFile
        && KustomizePatchText.Of(resourceFile, sources) is { } resource && SameObject(resource.Roots, document.Root) is { } source
            ? YNode.TextOf(source.Child("metadata")?.Child("name"))
            : null;

    /// <summary>What the patches, and for a value the other transformers, of each layer did to the node.</summary>
    private static IEnumerable<PatchSetting> Settings(KustomizeLayers layers, KustomizeObject traced, RenderedNode node, RenderSources sources)
    {
        foreach (var layer in layers.Layers)
        {
            if (!node.IsKey && node.Value is { } value && layer.Kustomization.MayWrite(node.Path, value.Value))
            {
                yield return PatchSetting.Unknown;
            }

            foreach (var patch in KustomizePatch.Of(layer.Kustomization, sources))
            {
                if (patch.Setting(traced, layer, node.Path) is { } setting)
                {
                    yield return setting;
                }
            }
        }
    }

    /// <summary>The place of the node in a source that sets it: its key for a key, its scalar while it says what was
    /// rendered (null once it says something else), the key that holds it for a mapping or list.</summary>
    private static SourcePlace? Place(KustomizePatchText text, YNode? key, YNode? value, RenderedNode node)
    {
        if (node.IsKey || node.Value is null)
        {
            return key is not null ? text.Place(key.Span, isLiteral: false) : null;
        }

        return value is YScalar scalar && scalar.Value == node.Value.Value
            ? text.Place(scalar.Span, isLiteral: !scalar.IsShared)
            : null;
    }

    /// <summary>The document of the resource file that became the rendered object: the one of its kind, or of its kind
    /// whose name the rendered name contains (a name prefix or suffix changes it), the longest such (<c>orders-worker</c>
    /// rather than <c>orders</c> in <c>prod-orders-worker</c>).</summary>
    private static YNode? SameObject(IReadOnlyList<YNode> documents, YNode rendered)
    {
        var kind = (rendered.Child("kind") as YScalar)?.Value;
        var name = (rendered.Child("metadata")?.Child("name") as YScalar)?.Value ?? string.Empty;
        var sameKind = documents.Where(root => (root.Child("kind") as YScalar)?.Value == kind).ToList();
        return sameKind.Count == 1
            ? sameKind[0]
            : sameKind
                .Select(root => (Root: root, Name: (root.Child("metadata")?.Child("name") as YScalar)?.Value))
                .Where(candidate => candidate.Name is not null && name.IndexOf(candidate.Name, StringComparison.Ordinal) >= 0)
                .OrderByDescending(candidate => candidate.Name!.Length)
                .FirstOrDefault().Root;
    }

}
