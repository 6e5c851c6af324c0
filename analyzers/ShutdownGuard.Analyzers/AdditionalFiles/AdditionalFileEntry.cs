using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using ShutdownGuard.Rendering;
using ShutdownGuard.Text;

namespace ShutdownGuard.AdditionalFiles;

/// <summary>An additional file as included in the project: its path and its text.</summary>
internal class AdditionalFileText
{
    public AdditionalFileText(string path, string displayPath, SourceText text)
    {
        Path = path;
        DisplayPath = displayPath;
        Text = text;
    }

    public string Path { get; }

    /// <summary>The path relative to the project folder when it lies inside, else the file name, for messages
    /// (<c>k8s/deployment.yaml</c>).</summary>
    public string DisplayPath { get; }

    public SourceText Text { get; }

    /// <summary>The first line's span: where a finding about the file as a whole stands.</summary>
    public TextSpan FirstLine => Text.Lines.Count > 0 ? Text.Lines[0].Span : default;

    /// <summary>A location inside this file, for diagnostics.</summary>
    public virtual Location GetLocation(TextSpan span) => Location.Create(Path, span, Text.Lines.GetLinePositionSpan(span));

    /// <summary><c>k8s/deployment.yaml:14</c>, for messages (the display path and the 1-based line).</summary>
    public virtual string Describe(TextSpan span) => FileLine.Of(DisplayPath, Text, span.Start);
}

/// <summary>An additional file and the model read from its text. A rendered file (a Helm release, a Kustomize root) has an
/// origin: its locations and messages name the chart, values or overlay file the text came from, and its edits apply
/// there.</summary>
internal sealed class AdditionalFileEntry<TModel> : AdditionalFileText
    where TModel : class
{
    public AdditionalFileEntry(string path, string displayPath, SourceText text, TModel model, RenderOrigin? origin = null)
        : base(path, displayPath, text)
    {
        Model = model;
        Origin = origin;
    }

    public TModel Model { get; }

    /// <summary>Where a rendered file came from; null for a file as written.</summary>
    public RenderOrigin? Origin { get; }

    public AdditionalFileEntry<TModel> WithOrigin(RenderOrigin origin) => new(Path, DisplayPath, Text, Model, origin);

    /// <summary>In a rendered file, the place in the user's file that the span came from; a span whose source no longer
    /// says what was rendered stays in the rendered file, where no finding is reported.</summary>
    public override Location GetLocation(TextSpan span) =>
        Origin?.Locate(span) is { } place ? place.GetLocation() : base.GetLocation(span);

    public override string Describe(TextSpan span) =>
        Origin?.Locate(span) is { } place ? place.File.Describe(place.Span) : base.Describe(span);

    /// <summary>The changes as they apply to the file the text came from, and that file's path: as they are for a file as
    /// written; for a rendered file, each must rewrite a literal that one source file still holds, else there is no fix
    /// (null).</summary>
    public (string Path, IReadOnlyList<TextChange> Changes)? MapEdits(IReadOnlyList<TextChange> changes)
    {
        if (Origin is null)
        {
            return (Path, changes);
        }

        string? path = null;
        var mapped = new List<TextChange>(changes.Count);
        foreach (var change in changes)
        {
            if (change.Span.IsEmpty || Origin.Locate(change.Span) is not { IsLiteral: true } place || (path is not null && path != place.File.Path))
            {
                return null;
            }

            path = place.File.Path;
            mapped.Add(new TextChange(place.Span, change.NewText ?? string.Empty));
        }

        return path is null ? null : (path, mapped);
    }

    /// <summary><see cref="MapEdits"/> of one change, for a fix that edits the file its diagnostic stands in.</summary>
    public TextChange? MapEdit(TextChange? change) =>
        change is { } edit && MapEdits(new[] { edit }) is { } mapped ? mapped.Changes[0] : null;
}
