using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis.Diagnostics;
using ShutdownGuard.AdditionalFiles;

namespace ShutdownGuard.Container;

/// <summary>The Dockerfiles included in the project.</summary>
internal static class DockerfileFiles
{
    private static readonly TextModelReader<Dockerfile> Reader = new(text => DockerfileReader.Read(text, CancellationToken.None));

    public static readonly AdditionalFileKind<Dockerfile> FileKind = new(path => IsDockerfilePath(path) ? Reader : null);

    /// <summary>The final image and whether it has a shell; null for a file without <c>FROM</c>.</summary>
    public static ContainerImageInfo? Image(this AdditionalFileEntry<Dockerfile> file) => file.Model.FinalStage is { BaseImage: var image } stage
        ? new ContainerImageInfo(
            image.Text,
            ContainerImages.HasShell(image.Text),
            ContainerImageSource.Dockerfile,
            file.GetLocation(image.Span),
            stage.Environment,
            stage.Entrypoint?.Instruction.Arguments + " " + stage.Cmd?.Instruction.Arguments)
        : null;

    /// <summary><c>Dockerfile</c>, <c>Dockerfile.*</c>, <c>*.Dockerfile</c> and <c>Containerfile</c>, ignoring case; not the
    /// <c>*.dockerignore</c> files that sit next to them.</summary>
    private static bool IsDockerfilePath(string path)
    {
        var name = System.IO.Path.GetFileName(path);
        return !name.EndsWith(".dockerignore", StringComparison.OrdinalIgnoreCase)
            && (name.Equals("Dockerfile", StringComparison.OrdinalIgnoreCase)
                || name.Equals("Containerfile", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("Dockerfile.", StringComparison.OrdinalIgnoreCase)
                || name.EndsWith(".Dockerfile", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The images the project runs in, sorted by Dockerfile path; without a Dockerfile, the SDK container
    /// properties' image, if set.</summary>
    public static ImmutableArray<ContainerImageInfo> Images(AnalyzerOptions options, TextModels models, CancellationToken cancellationToken)
    {
        var images = FileKind.ReadAll(options.AdditionalFiles, projectDirectory: null, models, cancellationToken)
            .Select(file => file.Image())
            .OfType<ContainerImageInfo>()
            .ToImmutableArray();
        return !images.IsEmpty || ContainerImageInfo.FromProperties(options.AnalyzerConfigOptionsProvider.GlobalOptions) is not { } fromProperties
            ? images
            : ImmutableArray.Create(fromProperties);
    }
}
