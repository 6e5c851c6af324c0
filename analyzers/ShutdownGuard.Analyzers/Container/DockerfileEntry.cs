using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace ShutdownGuard.Container;

/// <summary>A Dockerfile as included in the project: its path, text and model.</summary>
internal sealed class DockerfileEntry
{
    /// <summary>The per-text parse cache shared by every compilation (use with <c>TryGetValue</c> of the start context).</summary>
    public static readonly SourceTextValueProvider<Dockerfile> Cache = new(text => DockerfileReader.Read(text, CancellationToken.None));

    public DockerfileEntry(string path, SourceText text, Dockerfile model)
    {
        Path = path;
        Text = text;
        Model = model;
    }

    public string Path { get; }

    public SourceText Text { get; }

    public Dockerfile Model { get; }

    /// <summary>The final image and whether it has a shell; null for a file without <c>FROM</c>.</summary>
    public ContainerImageInfo? Image => Model.FinalStage is { BaseImage: var image }
        ? new ContainerImageInfo(image.Text, ContainerImages.HasShell(image.Text), ContainerImageSource.Dockerfile, GetLocation(image.Span))
        : null;

    public Location GetLocation(TextSpan span) => Location.Create(Path, span, Text.Lines.GetLinePositionSpan(span));

    /// <summary><c>Dockerfile</c>, <c>Dockerfile.*</c>, <c>*.Dockerfile</c> and <c>Containerfile</c>, ignoring case; not the
    /// <c>*.dockerignore</c> files that sit next to them.</summary>
    public static bool IsDockerfilePath(string path)
    {
        var name = System.IO.Path.GetFileName(path);
        return !name.EndsWith(".dockerignore", StringComparison.OrdinalIgnoreCase)
            && (name.Equals("Dockerfile", StringComparison.OrdinalIgnoreCase)
                || name.Equals("Containerfile", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("Dockerfile.", StringComparison.OrdinalIgnoreCase)
                || name.EndsWith(".Dockerfile", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>One additional file as a Dockerfile; null when it is not one.</summary>
    public static DockerfileEntry? Read(AdditionalText file, Func<SourceText, Dockerfile?> readCached, CancellationToken cancellationToken)
    {
        if (!IsDockerfilePath(file.Path))
        {
            return null;
        }

        var text = file.GetText(cancellationToken);
        var model = text is null ? null : readCached(text);
        return text is null || model is null ? null : new DockerfileEntry(file.Path, text, model);
    }

    /// <summary>The images the project runs in, sorted by Dockerfile path; without a Dockerfile, the SDK container
    /// properties' image, if set.</summary>
    public static ImmutableArray<ContainerImageInfo> Images(AnalyzerOptions options, Func<SourceText, Dockerfile?> readCached, CancellationToken cancellationToken)
    {
        var images = options.AdditionalFiles
            .OrderBy(file => file.Path, StringComparer.Ordinal)
            .Select(file => Read(file, readCached, cancellationToken)?.Image)
            .OfType<ContainerImageInfo>()
            .ToImmutableArray();
        return !images.IsEmpty || ContainerImageInfo.FromProperties(options.AnalyzerConfigOptionsProvider.GlobalOptions) is not { } fromProperties
            ? images
            : ImmutableArray.Create(fromProperties);
    }
}
