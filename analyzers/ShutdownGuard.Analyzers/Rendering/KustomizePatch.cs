using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using ShutdownGuard.AdditionalFiles;
using ShutdownGuard.Manifests;

namespace ShutdownGuard.Rendering;

/// <summary>The rendered object a node is traced in, as patches select it: by kind and the names it had.</summary>
internal sealed class KustomizeObject
{
    public KustomizeObject(YNode rendered, YNode resource, KustomizeLayers layers)
    {
        Rendered = rendered;
        Resource = resource;
        Kind = YNode.TextOf(rendered.Child("kind"));
        ApiVersion = YNode.TextOf(rendered.Child("apiVersion")) ?? string.Empty;
        OriginalName = YNode.TextOf(resource.Child("metadata")?.Child("name")) ?? string.Empty;
        Names = layers.Layers.Select(layer => layer.NameAfter).Prepend(OriginalName).Distinct().ToImmutableArray();
        MayBeRenamedOtherwise = layers.Layers.Any(layer => layer.Kustomization.MayRename);
        Namespaces = new[] { resource, rendered }.Select(root => YNode.TextOf(root.Child("metadata")?.Child("namespace"))).OfType<string>().ToImmutableArray();
    }

    public YNode Rendered { get; }

    /// <summary>Its document in the resource file.</summary>
    public YNode Resource { get; }

    public string? Kind { get; }

    public string ApiVersion { get; }

    /// <summary>The name in the resource file, before any <c>namePrefix</c>.</summary>
    public string OriginalName { get; }

    /// <summary>Every name it had on the way from the resource to the rendered output.</summary>
    public ImmutableArray<string> Names { get; }

    /// <summary>A kustomization on the way may give it a name other than its prefixes and suffixes do.</summary>
    public bool MayBeRenamedOtherwise { get; }

    /// <summary>The namespaces it had: in the resource file and as rendered.</summary>
    public ImmutableArray<string> Namespaces { get; }
}

/// <summary>What one patch did to a node: set it at a place of the patch, or perhaps set it where no place can be told
/// (the patch may apply, cannot be read, or copies the value from elsewhere).</summary>
internal sealed class PatchSetting
{
    public static readonly PatchSetting Unknown = new(text: null, key: null, value: null);

    public PatchSetting(KustomizePatchText? text, YNode? key, YNode? value)
    {
        Text = text;
        Key = key;
        Value = value;
    }

    /// <summary>The patch's documents; null when the setting has no place.</summary>
    public KustomizePatchText? Text { get; }

    /// <summary>The key that names the node in the patch (for a JSON6902 op that sets the node itself, its <c>path</c>).</summary>
    public YNode? Key { get; }

    /// <summary>The node the patch gives.</summary>
    public YNode? Value { get; }

    public PatchSetting OrUnknown(bool isSure) => isSure ? this : Unknown;
}

/// <summary>
/// One patch of a kustomization: a strategic-merge patch or a JSON6902 op list, in a file or inline, with the target it
/// names. Tells whether it sets a rendered node, counting a patch that may apply or cannot be read as one that may.
/// </summary>
internal sealed class KustomizePatch
{
    // The keys that strategic merge matches list items by (patchMergeKey of the Kubernetes types), most specific first:
    // a volume mount has a name too, but two mounts of one volume differ by path.
    private static readonly string[] MergeKeys = { "mountPath", "devicePath", "containerPort", "port", "topologyKey", "ip", "name" };

    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(100);
    private static readonly char[] PatternCharacters = ".*+?()[]{}|^$\\".ToCharArray();

    private readonly KustomizePatchText? _text;

    // The patch's target: which objects it applies to.
    private readonly YNode? _selector;
    private readonly PatchForm _form;

    private KustomizePatch(KustomizePatchText? text, YNode? selector, PatchForm form)
    {
        _text = text;
        _selector = selector;
        _form = form;
    }

    /// <summary>Which list of a kustomization the patch is an item of, which tells what it is.</summary>
    private enum PatchForm
    {
        /// <summary><c>patches</c>: an op list is JSON6902, anything else strategic merge.</summary>
        Either,

        /// <summary><c>patchesStrategicMerge</c>.</summary>
        StrategicMerge,

        /// <summary><c>patchesJson6902</c>.</summary>
        Json6902,
    }

    private enum Match
    {
        No,
        Yes,
        Maybe,
    }

    /// <summary>The patches of a kustomization: <c>patches</c>, <c>patchesStrategicMerge</c> and <c>patchesJson6902</c>.
    /// A patch that cannot be read is listed without text.</summary>
    public static IEnumerable<KustomizePatch> Of(Kustomization kustomization, RenderSources sources)
    {
        foreach (var item in Items(kustomization, "patches"))
        {
            yield return FromEntry(kustomization, item, PatchForm.Either, sources);
        }

        foreach (var item in Items(kustomization, "patchesStrategicMerge"))
        {
            yield return new KustomizePatch(StrategicMergeText(kustomization, item, sources), selector: null, PatchForm.StrategicMerge);
        }

        foreach (var item in Items(kustomization, "patchesJson6902"))
        {
            yield return FromEntry(kustomization, item, PatchForm.Json6902, sources);
        }
    }

    /// <summary>What this patch did to the node at <paramref name="path"/> of the object: null when it leaves it alone.</summary>
    public PatchSetting? Setting(KustomizeObject traced, KustomizeLayer layer, ImmutableArray<PathStep> path)
    {
        var form = _form == PatchForm.Either && _text is { } text ? (text.Roots.FirstOrDefault() is YSequence ? PatchForm.Json6902 : PatchForm.StrategicMerge) : _form;
        // Kustomize selects by the original name or the one the object has as the patch runs: patchesJson6902 runs after
        // the kustomization's namePrefix and nameSuffix, the others before.
        var names = new[] { traced.OriginalName, _form == PatchForm.Json6902 ? layer.NameAfter : layer.NameBefore };
        var selected = _selector is null ? Match.Yes : Selects(_selector, traced, names, isPatch: false);
        if (selected == Match.No)
        {
            return null;
        }

        if (_text is null)
        {
            return PatchSetting.Unknown;
        }

        if (form == PatchForm.Json6902)
        {
            // Kustomize needs a target to apply an op list to.
            return _selector is null ? PatchSetting.Unknown : OpsSetting(_text, path)?.OrUnknown(selected == Match.Yes);
        }

        return MergeSetting(_text, traced, names, path, selected);
    }

    /// <summary>The merge patch documents that select the object (by the target, else by their own kind and name) and
    /// hold the node's path; two that hold it set it twice, which no single place stands for.</summary>
    private PatchSetting? MergeSetting(KustomizePatchText text, KustomizeObject traced, string[] names, ImmutableArray<PathStep> path, Match selected)
    {
        PatchSetting? setting = null;
        foreach (var document in text.Roots)
        {
            var match = _selector is null ? Selects(document, traced, names, isPatch: true) : selected;
            if (match == Match.No || Selecting(path) || Merged(document, traced.Rendered, path) is not { } found)
            {
                continue;
            }

            setting = setting is null ? new PatchSetting(text, found.Key, found.Value).OrUnknown(match == Match.Yes) : PatchSetting.Unknown;
        }

        return setting;
    }

    /// <summary>A merge patch's kind, API version, name and namespace select the object rather than set anything.</summary>
    private static bool Selecting(ImmutableArray<PathStep> path) =>
        path.Length switch
        {
            1 => path[0].Key is "kind" or "apiVersion",
            2 => path[0].Key == "metadata" && path[1].Key is "name" or "namespace",
            _ => false,
        };

    /// <summary>The last op of a JSON6902 list that writes the node or a node above it.</summary>
    private static PatchSetting? OpsSetting(KustomizePatchText text, ImmutableArray<PathStep> path)
    {
        if (text.Roots.Length != 1 || text.Roots[0] is not YSequence ops)
        {
            return PatchSetting.Unknown;
        }

        PatchSetting? setting = null;
        foreach (var op in ops.Values)
        {
            setting = OpSetting(text, op, path) ?? setting;
        }

        return setting;
    }

    private static PatchSetting? OpSetting(KustomizePatchText text, YNode op, ImmutableArray<PathStep> path)
    {
        var name = YNode.TextOf(op.Child("op"));
        if (name is "remove" or "test")
        {
            return null;
        }

        if (op.Entry("path") is not { Value: YScalar pointer } pathEntry || Pointer(pointer.Value) is not { } segments || name is not ("add" or "replace" or "copy" or "move"))
        {
            return PatchSetting.Unknown;
        }

        if (segments.Length > path.Length)
        {
            return null;
        }

        for (var i = 0; i < segments.Length; i++)
        {
            var step = path[i];
            var appended = !step.IsKey && segments[i] == "-";
            if (step.IsKey ? segments[i] != step.Key : !appended && segments[i] != step.Index.ToString(CultureInfo.InvariantCulture))
            {
                return null;
            }

            // An append names no position: only a name tells whether it wrote this item.
            if (appended && (i < segments.Length - 1 || step.ItemName is null))
            {
                return PatchSetting.Unknown;
            }
        }

        if (name is "copy" or "move" || op.Entry("value") is not { } valueEntry)
        {
            return PatchSetting.Unknown;
        }

        if (AppendedOther(segments, path, valueEntry.Value))
        {
            return null;
        }

        if (segments.Length == path.Length)
        {
            return new PatchSetting(text, pathEntry.Value, valueEntry.Value);
        }

        // The op wrote the whole sub-tree: the node is in its value, else a later change put it there.
        return Written(valueEntry.Value, path.RemoveRange(0, segments.Length)) is { } found
            ? new PatchSetting(text, found.Key ?? pathEntry.Value, found.Value)
            : PatchSetting.Unknown;
    }

    /// <summary>An op that appends (<c>-</c>) an item named other than the rendered item: it wrote another one.</summary>
    private static bool AppendedOther(string[] segments, ImmutableArray<PathStep> path, YNode value) =>
        segments.Length > 0 && segments[segments.Length - 1] == "-" && path[segments.Length - 1].ItemName is { } name && YNode.TextOf(value.Child("name")) != name;

    /// <summary>The node at <paramref name="steps"/> below a value written as a whole: items by position, a named item
    /// only where the same name stands.</summary>
    private static (YNode? Key, YNode Value)? Written(YNode value, ImmutableArray<PathStep> steps)
    {
        YNode? key = null;
        var node = value.Resolved;
        foreach (var step in steps)
        {
            if (step.IsKey)
            {
                if (node.Entry(step.Key!) is not { } entry)
                {
                    return null;
                }

                key = entry.KeyAsWritten;
                node = entry.Value;
                continue;
            }

            if (node is not YSequence sequence || step.Index >= sequence.Items.Count)
            {
                return null;
            }

            node = sequence.Items[step.Index].Resolved;
            if (step.ItemName is { } name && YNode.TextOf(node.Child("name")) != name)
            {
                return null;
            }
        }

        return (key, node);
    }

    /// <summary>The node at the path in a document that strategic merge laid over the rendered one: list items matched by
    /// their merge key, lists of plain items replaced as a whole (so matched by position). A <c>$patch: delete</c> item
    /// removes rather than sets.</summary>
    public static (YNode? Key, YNode Value)? Merged(YNode document, YNode rendered, ImmutableArray<PathStep> path)
    {
        YNode? key = null;
        var node = document.Resolved;
        var renderedNode = rendered.Resolved;
        foreach (var step in path)
        {
            if (step.IsKey)
            {
                if (node.Entry(step.Key!) is not { } entry)
                {
                    return null;
                }

                key = entry.KeyAsWritten;
                node = entry.Value;
                renderedNode = Step(renderedNode, step);
                continue;
            }

            var renderedItem = Step(renderedNode, step);
            if (node is not YSequence sequence || renderedItem is null || SameItem(sequence, renderedItem, step.Index) is not { } item)
            {
                return null;
            }

            node = item;
            renderedNode = renderedItem;
        }

        return (key, node);
    }

    private static YNode? SameItem(YSequence sequence, YNode renderedItem, int index)
    {
        var items = sequence.Values.Where(item => YNode.TextOf(item.Child("$patch")) != "delete").ToList();
        foreach (var key in MergeKeys)
        {
            if (YNode.TextOf(renderedItem.Child(key)) is { } identity)
            {
                return items.FirstOrDefault(item => YNode.TextOf(item.Child(key)) == identity);
            }
        }

        return index < items.Count ? items[index] : null;
    }

    private static YNode? Step(YNode? node, PathStep step) =>
        step.IsKey ? node?.Child(step.Key!)?.Resolved
        : node?.Resolved is YSequence sequence && step.Index < sequence.Items.Count ? sequence.Items[step.Index].Resolved : null;

    /// <summary>Whether a target (or a merge patch's own kind and name) selects the object. Kustomize matches the name
    /// against the name the object has as the patch runs and its original one; one the object had at another step, or
    /// that something else may have given it, may match.</summary>
    /// <param name="isPatch">The selector is a merge patch document: without a kind and name it selects nothing kustomize
    /// would accept, so what it does cannot be told.</param>
    private static Match Selects(YNode selector, KustomizeObject traced, string[] names, bool isPatch)
    {
        var metadata = isPatch ? selector.Child("metadata") : selector;
        var kind = YNode.TextOf(selector.Child("kind"));
        var name = YNode.TextOf(metadata?.Child("name"));
        var results = new[]
        {
            Compare(kind, traced.Kind is null ? Array.Empty<string>() : new[] { traced.Kind }),
            Compare(name, names, traced.Names, traced.MayBeRenamedOtherwise),
            Compare(YNode.TextOf(selector.Child("group")), new[] { Group(traced.ApiVersion) }),
            Compare(YNode.TextOf(selector.Child("version")), new[] { traced.ApiVersion.Substring(traced.ApiVersion.IndexOf('/') + 1) }),
            YNode.TextOf(metadata?.Child("namespace")) is { } ns && !traced.Namespaces.Contains(ns) ? Match.Maybe : Match.Yes,
            Selects(YNode.TextOf(selector.Child("labelSelector")), "labels", traced),
            Selects(YNode.TextOf(selector.Child("annotationSelector")), "annotations", traced),
            selector is YMapping && (!isPatch || (kind is not null && name is not null)) ? Match.Yes : Match.Maybe,
        };
        return results.Contains(Match.No) ? Match.No : results.Contains(Match.Maybe) ? Match.Maybe : Match.Yes;
    }

    /// <summary>Whether a label or annotation selector selects the object. Only equality terms are read, against the
    /// resource's metadata (before any transformer) and the rendered one (after all of them); a term that holds in both
    /// held when the patch ran, one that holds in neither did not.</summary>
    private static Match Selects(string? selector, string metadataKey, KustomizeObject traced)
    {
        if (selector is null)
        {
            return Match.Yes;
        }

        var result = Match.Yes;
        foreach (var term in selector.Split(','))
        {
            var unequal = term.IndexOf("!=", StringComparison.Ordinal);
            var separator = unequal >= 0 ? unequal : term.IndexOf('=');
            if (separator <= 0 || term.IndexOf('(') >= 0)
            {
                return Match.Maybe;
            }

            var key = term.Substring(0, separator).Trim();
            var value = term.Substring(separator).TrimStart('!', '=').Trim();
            bool Holds(YNode root) => (YNode.TextOf(root.Child("metadata")?.Child(metadataKey)?.Child(key)) == value) == (unequal < 0);
            var (before, after) = (Holds(traced.Resource), Holds(traced.Rendered));
            if (!before && !after)
            {
                return Match.No;
            }

            result = before && after ? result : Match.Maybe;
        }

        return result;
    }

    /// <summary>Whether <paramref name="wanted"/>, an anchored regular expression when it looks like one (as kustomize
    /// reads names and kinds), names a value the object has (<paramref name="current"/>), may have
    /// (<paramref name="possible"/>, any when <paramref name="anyPossible"/>), or none. A pattern that cannot be read may
    /// name anything.</summary>
    private static Match Compare(string? wanted, string[] current, IReadOnlyCollection<string>? possible = null, bool anyPossible = false)
    {
        if (wanted is null || current.Contains(wanted))
        {
            return Match.Yes;
        }

        if (wanted.IndexOfAny(PatternCharacters) < 0)
        {
            return anyPossible || (possible?.Contains(wanted) ?? false) ? Match.Maybe : Match.No;
        }

        try
        {
            var pattern = new Regex("^(?:" + wanted + ")$", RegexOptions.CultureInvariant, RegexTimeout);
            return current.Any(pattern.IsMatch) ? Match.Yes
                : anyPossible || (possible?.Any(pattern.IsMatch) ?? false) ? Match.Maybe
                : Match.No;
        }
        catch (ArgumentException)
        {
            return Match.Maybe;
        }
        catch (RegexMatchTimeoutException)
        {
            return Match.Maybe;
        }
    }

    private static string Group(string apiVersion) => apiVersion.IndexOf('/') is var slash and > 0 ? apiVersion.Substring(0, slash) : string.Empty;

    /// <summary>A JSON pointer's segments, <c>~1</c> and <c>~0</c> unescaped; null when it is not one.</summary>
    private static string[]? Pointer(string pointer)
    {
        if (pointer.Length == 0)
        {
            return Array.Empty<string>();
        }

        return pointer[0] == '/'
            ? pointer.Substring(1).Split('/').Select(segment => segment.Replace("~1", "/").Replace("~0", "~")).ToArray()
            : null;
    }

    private static IEnumerable<YNode> Items(Kustomization kustomization, string key) =>
        kustomization.Root.Child(key)?.Resolved switch
        {
            YSequence sequence => sequence.Values,
            null or YScalar { IsNull: true } => Enumerable.Empty<YNode>(),
            var other => new[] { other },
        };

    /// <summary>An item of <c>patches</c> or <c>patchesJson6902</c>: a file (<c>path</c>) or a string (<c>patch</c>), and a
    /// target.</summary>
    private static KustomizePatch FromEntry(Kustomization kustomization, YNode item, PatchForm form, RenderSources sources)
    {
        var text = YNode.TextOf(item.Child("path")) is { } path
            ? sources.File(FilePath.Combine(kustomization.Folder, path)) is { } file ? KustomizePatchText.Of(file, sources) : null
            : item.Child("patch")?.Resolved is YScalar { IsNull: false } inline ? KustomizePatchText.Inline(kustomization.File, inline) : null;
        return new KustomizePatch(text, item.Child("target"), form);
    }

    /// <summary>An item of <c>patchesStrategicMerge</c>: a file when the project has one at that path, else the patch
    /// itself.</summary>
    private static KustomizePatchText? StrategicMergeText(Kustomization kustomization, YNode item, RenderSources sources)
    {
        if (item.Resolved is not YScalar { IsNull: false } scalar)
        {
            return null;
        }

        return sources.File(FilePath.Combine(kustomization.Folder, scalar.Value)) is { } file
            ? KustomizePatchText.Of(file, sources)
            : scalar.Value.IndexOf('\n') >= 0 ? KustomizePatchText.Inline(kustomization.File, scalar) : null;
    }
}
