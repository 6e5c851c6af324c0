using System.Collections.Concurrent;
using Microsoft.CodeAnalysis.Text;
using ShutdownGuard.AdditionalFiles;

namespace ShutdownGuard.Rendering;

/// <summary>Where the text of one rendered file came from: traces its spans to the chart or overlay, once per span.</summary>
internal sealed class RenderOrigin
{
    private readonly string _outputPath;
    private readonly SourceText _text;
    private readonly RenderSources _sources;
    private readonly ConcurrentDictionary<TextSpan, SourcePlace?> _places = new();

    public RenderOrigin(Render render, string outputPath, SourceText text, RenderSources sources)
    {
        Render = render;
        _outputPath = outputPath;
        _text = text;
        _sources = sources;
    }

    public Render Render { get; }

    /// <summary>The place in the user's files the span came from; null when none still holds what was rendered.</summary>
    public SourcePlace? Locate(TextSpan span) => _places.GetOrAdd(span, Find);

    /// <summary>The edit that adds entry <paramref name="key"/> (its value <paramref name="block"/>, written with two spaces
    /// per level) to the rendered mapping that holds the key at <paramref name="siblingKey"/>, as it applies to the
    /// sources; null where no source literal stands for the new entry (only a Helm values block does); no change when the
    /// sources hold the entry already (a finding about its absence is stale).</summary>
    public (string Path, TextChange? Change)? AddEntry(TextSpan siblingKey, string key, string block) =>
        Render.Kind == RenderKind.Helm && _sources.Models.Read(RenderedText.Reader, _text)?.Find(siblingKey) is { } sibling
            ? HelmAttribution.ValuesEntry(sibling, key, block, Render, _sources)
            : null;

    /// <summary>The name a Kustomize resource file gives the object at <paramref name="span"/>, before the overlay's name
    /// prefix or suffix; null for Helm (the template computes it) and when it cannot be found.</summary>
    public string? NameAsWritten(TextSpan span) =>
        Render.Kind == RenderKind.Kustomize && _sources.Models.Read(RenderedText.Reader, _text)?.Find(span) is { } node
            ? KustomizeAttribution.NameAsWritten(node.Document, FilePath.Folder(_outputPath), _sources)
            : null;

    private SourcePlace? Find(TextSpan span)
    {
        if (_sources.Models.Read(RenderedText.Reader, _text)?.Find(span) is not { } node)
        {
            return null;
        }

        var place = Render.Kind == RenderKind.Helm
            ? HelmAttribution.Locate(node, Render, _sources)
            : KustomizeAttribution.Locate(node, Render, FilePath.Folder(_outputPath), _sources);
        if (place is not null)
        {
            _sources.NoteRender(place, Render);
        }

        return place;
    }
}
