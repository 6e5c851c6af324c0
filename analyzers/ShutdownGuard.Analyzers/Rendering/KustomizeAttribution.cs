using System;
using System.Linq;
using ShutdownGuard.AdditionalFiles;
using ShutdownGuard.Manifests;

namespace ShutdownGuard.Rendering;

/// <summary>
/// Traces a node of <c>kustomize build</c> output to the overlay: the resource file its origin annotation names, at the
/// same path. A value the resource does not hold as rendered was changed on the way (a patch, a transformer): it stands at
/// the root's kustomization file, with no fix.
/// </summary>
internal static class KustomizeAttribution
{
    public static SourcePlace? Locate(RenderedNode node, Render render, string outputFolder, RenderSources sources)
    {
        var root = sources.File(sources.Renders.ReportedAt(render));
        var overlay = root is null ? null : new SourcePlace(root, root.Text.Lines.Count > 0 ? root.Text.Lines[0].Span : default, isLiteral: false);
        if (node.Document.KustomizeOrigin is not { } origin || sources.File(FilePath.Combine(outputFolder, origin)) is not { } resource
            || sources.Yaml(resource) is not { } documents || SameObject(documents, node.Document.Root) is not { } source)
        {
            return overlay;
        }

        if (YamlPath.Walk(source, node.Path) is not { } found)
        {
            return overlay;
        }

        if (node.IsKey)
        {
            return new SourcePlace(resource, found.KeyAsWritten.Span, isLiteral: false);
        }

        return node.Value is { } value && found.Value is YScalar scalar && scalar.Value == value.Value
            ? new SourcePlace(resource, scalar.Span, isLiteral: !scalar.IsShared)
            : overlay;
    }

    /// <summary>The document of the resource file that became the rendered object: the one of its kind, or of its kind
    /// whose name the rendered name contains (a name prefix or suffix changes it).</summary>
    private static YNode? SameObject(YamlDocuments documents, YNode rendered)
    {
        var kind = (rendered.Child("kind") as YScalar)?.Value;
        var name = (rendered.Child("metadata")?.Child("name") as YScalar)?.Value ?? string.Empty;
        var sameKind = documents.Roots.Where(root => (root.Child("kind") as YScalar)?.Value == kind).ToList();
        return sameKind.Count == 1
            ? sameKind[0]
            : sameKind.FirstOrDefault(root => root.Child("metadata")?.Child("name") is YScalar candidate && name.IndexOf(candidate.Value, StringComparison.Ordinal) >= 0);
    }
}
