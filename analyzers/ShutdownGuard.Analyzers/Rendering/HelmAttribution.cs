using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis.Text;
using ShutdownGuard.AdditionalFiles;
using ShutdownGuard.Manifests;

namespace ShutdownGuard.Rendering;

/// <summary>
/// Traces a node of <c>helm template</c> output to the chart: the template its <c># Source:</c> names (chart names mapped
/// to folders, subcharts included), the line of the same key there, and for a value taken from values the line of the
/// last values file that sets it. A value that the sources no longer hold as rendered has no place (the render is stale).
/// </summary>
internal static class HelmAttribution
{
    private const int DefaultStep = 2;

    public static SourcePlace? Locate(RenderedNode node, Render render, RenderSources sources)
    {
        if (node.Document.HelmSource is not { } source || TemplateFile(source, render, sources) is not { } chartTemplate)
        {
            return ChartFile(render, sources) is { } chart ? new SourcePlace(chart, default, isLiteral: false) : null;
        }

        var template = chartTemplate.File;
        var outline = sources.Models.Read(TemplateOutline.Reader, template.Text);
        var (entries, depth) = outline?.Find(node.Keys) ?? (ImmutableArray<TemplateEntry>.Empty, 0);
        if (entries.IsEmpty)
        {
            return new SourcePlace(template, template.FirstLine, isLiteral: false);
        }

        var entry = Choose(entries, node);
        if (depth < node.Keys.Length)
        {
            // Deeper than the template writes: the block of values that toYaml renders under the entry, else the entry.
            return entry.ValuesPath.IsEmpty
                ? new SourcePlace(template, entry.KeySpan, isLiteral: false)
                : ValuesPlace(entry.ValuesPath, Remainder(node, depth), node, render, sources, entry, chartTemplate);
        }

        if (node.IsKey)
        {
            var valueSource = entry.ValuesPath.IsEmpty ? null : ValuesPlace(entry.ValuesPath, ImmutableArray<PathStep>.Empty, node, render, sources, entry, chartTemplate);
            return new SourcePlace(template, entry.KeySpan, isLiteral: false, valueSource?.File == template ? null : valueSource);
        }

        return entry.Kind switch
        {
            TemplateValueKind.Literal => node.Value is { } value && value.Value == entry.Literal ? new SourcePlace(template, entry.ValueSpan, isLiteral: true) : null,
            TemplateValueKind.Values => ValuesPlace(entry.ValuesPath, ImmutableArray<PathStep>.Empty, node, render, sources, entry, chartTemplate),
            _ => new SourcePlace(template, entry.KeySpan, isLiteral: false),
        };
    }

    /// <summary>
    /// Where a new entry <paramref name="key"/> of the rendered mapping that holds <paramref name="sibling"/> comes from
    /// when the template renders it from a block of values (<c>{{- with .Values.readinessProbe }}</c> … <c>toYaml</c>, as
    /// <c>helm create</c> writes probes): the values key, set in the last values file that has it (a <c>null</c> or
    /// <c>{}</c> there), else added to the chart's own values. Null when the template does not render the key from values;
    /// no change when the values set it now (the render is older than the values).
    /// </summary>
    public static (string Path, TextChange? Change)? ValuesEntry(RenderedNode sibling, string key, string block, Render render, RenderSources sources)
    {
        if (!sibling.IsKey || sibling.Document.HelmSource is not { } source || TemplateFile(source, render, sources) is not { Subcharts.IsEmpty: true } template
            || sources.Models.Read(TemplateOutline.Reader, template.File.Text) is not { } outline)
        {
            return null;
        }

        var keys = sibling.Keys.RemoveAt(sibling.Keys.Length - 1).Add(key);
        var (entries, depth) = outline.Find(keys);
        if (depth != keys.Length || entries.FirstOrDefault(entry => entry.Kind == TemplateValueKind.None && !entry.ValuesPath.IsEmpty) is not { } blockEntry)
        {
            return null;
        }

        var valuesKeys = blockEntry.ValuesPath;
        var snippet = valuesKeys[valuesKeys.Length - 1] + ":\n  " + block.Replace("\n", "\n  ");
        foreach (var path in render.ValueFiles.Reverse())
        {
            if (sources.File(sources.Renders.FullPath(path)) is { } file && sources.Yaml(file)?.Roots.FirstOrDefault() is YMapping root
                && YamlPath.Walk(root, valuesKeys.Select(PathStep.Of)) is { } set)
            {
                return set.Value is YScalar { IsNull: true } or YMapping { Entries.Count: 0 }
                    ? set.Value.IsShared ? null : (file.Path, YamlEdit.ReplaceEntry(file.Text, TextSpan.FromBounds(set.KeyAsWritten.Span.Start, set.ValueAsWritten.Span.End), DefaultStep, snippet, "{" + snippet + "}"))
                    : (file.Path, null);
            }
        }

        if (render.ValueFiles.FirstOrDefault() is not { } chartValues || sources.File(sources.Renders.FullPath(chartValues)) is not { } values
            || sources.Yaml(values)?.Roots.FirstOrDefault() is not YMapping valuesRoot)
        {
            return null;
        }

        var parent = valuesKeys.Length == 1 ? valuesRoot : YamlPath.Walk(valuesRoot, valuesKeys.RemoveAt(valuesKeys.Length - 1).Select(PathStep.Of))?.Value as YMapping;
        return parent is { IsFlow: false, Entries.Count: > 0 } && !parent.IsShared
            ? (values.Path, YamlEdit.AppendToMapping(values.Text, parent.Span, values.Text.Lines.GetLinePosition(parent.Entries[0].KeyAsWritten.Span.Start).Character, DefaultStep, snippet))
            : null;
    }

    /// <summary>Among entries written for the same keys (branches of an <c>if</c>), the one whose literal was rendered.</summary>
    private static TemplateEntry Choose(ImmutableArray<TemplateEntry> entries, RenderedNode node) =>
        entries.Length > 1 && node.Value is { } value && entries.FirstOrDefault(entry => entry.Kind == TemplateValueKind.Literal && entry.Literal == value.Value) is { } literal
            ? literal
            : entries[0];

    /// <summary>The steps of the node's path below its first <paramref name="keyCount"/> keys.</summary>
    private static ImmutableArray<PathStep> Remainder(RenderedNode node, int keyCount)
    {
        var seen = 0;
        for (var i = 0; i < node.Path.Length; i++)
        {
            if (node.Path[i].IsKey && ++seen == keyCount)
            {
                return node.Path.RemoveRange(0, i + 1);
            }
        }

        return ImmutableArray<PathStep>.Empty;
    }

    /// <summary>The line of the last values file that sets the key; a <c>--set</c> of it stands at the project file; a key
    /// no file sets took the template's default, at the template's entry.</summary>
    private static SourcePlace? ValuesPlace(ImmutableArray<string> valuesKeys, ImmutableArray<PathStep> below, RenderedNode node, Render render, RenderSources sources, TemplateEntry entry, ChartTemplate template)
    {
        if (SetOverrides(render, template.Subcharts.Select(subchart => subchart.Name).Concat(valuesKeys).ToImmutableArray()))
        {
            return new SourcePlace(sources.ProjectFile, default, isLiteral: false);
        }

        foreach (var (file, prefix) in ValuesLayers(template, render, sources))
        {
            if (sources.Yaml(file)?.Roots.FirstOrDefault() is not YMapping root)
            {
                continue;
            }

            if (YamlPath.Walk(root, prefix.Concat(valuesKeys).Select(PathStep.Of).Concat(below)) is not { } found)
            {
                continue;
            }

            if (node.IsKey)
            {
                return new SourcePlace(file, found.KeyAsWritten.Span, isLiteral: false);
            }

            return node.Value is { } value && found.Value is YScalar scalar && scalar.Value == value.Value
                ? new SourcePlace(file, scalar.Span, isLiteral: !scalar.IsShared)
                : found.Value is YScalar ? null : new SourcePlace(file, found.KeyAsWritten.Span, isLiteral: false);
        }

        return new SourcePlace(template.File, entry.ValueSpan.IsEmpty ? entry.KeySpan : entry.ValueSpan, isLiteral: false);
    }

    /// <summary>Whether a <c>--set</c> names the key or a key above it.</summary>
    private static bool SetOverrides(Render render, ImmutableArray<string> valuesKeys)
    {
        var dotted = string.Join(".", valuesKeys);
        return render.Set.Select(expression => expression.Split('=')[0].Trim())
            .Any(set => dotted == set || dotted.StartsWith(set + ".", StringComparison.Ordinal) || set.StartsWith(dotted + ".", StringComparison.Ordinal));
    }

    /// <summary>The template a <c># Source:</c> names: its first segment is the chart's name, each <c>charts/NAME</c> a
    /// subchart's name, which may differ from its folder's.</summary>
    private static ChartTemplate? TemplateFile(string source, Render render, RenderSources sources)
    {
        var segments = source.Split('/');
        var folder = sources.Renders.FullPath(render.Source);
        var subcharts = ImmutableArray.CreateBuilder<(string Name, string Folder)>();
        var i = 1;
        while (i + 2 < segments.Length && segments[i] == "charts")
        {
            folder = SubchartFolder(folder, segments[i + 1], render, sources);
            subcharts.Add((segments[i + 1], folder));
            i += 2;
        }

        return sources.File(FilePath.Combine(folder, string.Join("/", segments.Skip(i)))) is { } file ? new ChartTemplate(file, subcharts.ToImmutable()) : null;
    }

    /// <summary>The values files a template reads, most binding first, each with the keys its values stand under: the
    /// release's files (a subchart's values under its name there), then each subchart's own <c>values.yaml</c>.</summary>
    private static IEnumerable<(AdditionalFileText File, ImmutableArray<string> Prefix)> ValuesLayers(ChartTemplate template, Render render, RenderSources sources)
    {
        var names = template.Subcharts.Select(subchart => subchart.Name).ToImmutableArray();
        foreach (var path in render.ValueFiles.Reverse())
        {
            if (sources.File(sources.Renders.FullPath(path)) is { } file)
            {
                yield return (file, names);
            }
        }

        for (var level = 0; level < template.Subcharts.Length; level++)
        {
            if (sources.File(template.Subcharts[level].Folder + "/values.yaml") is { } own)
            {
                yield return (own, names.RemoveRange(0, level + 1));
            }
        }
    }

    private static string SubchartFolder(string parent, string name, Render render, RenderSources sources)
    {
        var charts = FilePath.Normalize(parent) + "/charts/";
        foreach (var input in render.Inputs)
        {
            var path = sources.Renders.FullPath(input);
            if (path.StartsWith(charts, StringComparison.OrdinalIgnoreCase) && path.EndsWith("/Chart.yaml", StringComparison.Ordinal)
                && path.Substring(charts.Length).Count(c => c == '/') == 1 && sources.File(path) is { } chart && (sources.Yaml(chart)?.Roots.FirstOrDefault()?.Child("name") as YScalar)?.Value == name)
            {
                return FilePath.Folder(path);
            }
        }

        return charts + name;
    }

    private static AdditionalFileText? ChartFile(Render render, RenderSources sources) => sources.File(sources.Renders.ReportedAt(render));


    /// <summary>A template of the chart or of a subchart, with the subcharts (name, folder) from the chart down to it.</summary>
    private sealed class ChartTemplate
    {
        public ChartTemplate(AdditionalFileText file, ImmutableArray<(string Name, string Folder)> subcharts)
        {
            File = file;
            Subcharts = subcharts;
        }

        public AdditionalFileText File { get; }

        public ImmutableArray<(string Name, string Folder)> Subcharts { get; }
    }
}
