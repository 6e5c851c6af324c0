using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using ShutdownGuard.Text;

namespace ShutdownGuard.AdditionalFiles;

/// <summary>An additional file as included in the project: its path, its text and the model read from that text.</summary>
internal sealed class AdditionalFileEntry<TModel>
    where TModel : class
{
    public AdditionalFileEntry(string path, string displayPath, SourceText text, TModel model)
    {
        Path = path;
        DisplayPath = displayPath;
        Text = text;
        Model = model;
    }

    public string Path { get; }

    /// <summary>The path relative to the project folder when it lies inside, else the file name, for messages
    /// (<c>k8s/deployment.yaml</c>).</summary>
    public string DisplayPath { get; }

    public SourceText Text { get; }

    public TModel Model { get; }

    /// <summary>A location inside this file, for diagnostics.</summary>
    public Location GetLocation(TextSpan span) => Location.Create(Path, span, Text.Lines.GetLinePositionSpan(span));

    /// <summary><c>k8s/deployment.yaml:14</c>, for messages (the display path and the 1-based line).</summary>
    public string Describe(TextSpan span) => FileLine.Of(DisplayPath, Text, span.Start);
}
