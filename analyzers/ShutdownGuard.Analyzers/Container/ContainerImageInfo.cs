using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using ShutdownGuard.Options;

namespace ShutdownGuard.Container;

/// <summary>Where the image that runs the app was learned from.</summary>
internal enum ContainerImageSource
{
    Dockerfile,
    ContainerBaseImage,
    ContainerFamily,
}

/// <summary>The image the app runs in and whether it has a shell (<c>/bin/sh</c>, <c>sleep</c>), for preStop exec hooks.</summary>
internal sealed class ContainerImageInfo
{
    public ContainerImageInfo(string image, bool? hasShell, ContainerImageSource source, Location location)
    {
        Image = image;
        HasShell = hasShell;
        Source = source;
        Location = location;
    }

    /// <summary>The image as written (after global ARG substitution), or the <c>ContainerFamily</c> value.</summary>
    public string Image { get; }

    /// <summary>False for chiseled, distroless and scratch images; true for the usual Debian, Ubuntu and Alpine ones; null when unknown.</summary>
    public bool? HasShell { get; }

    public ContainerImageSource Source { get; }

    /// <summary>The image in the Dockerfile's final <c>FROM</c>; <see cref="Location.None"/> for MSBuild properties.</summary>
    public Location Location { get; }

    /// <summary>The image from the SDK container properties: <c>ContainerBaseImage</c> wins, as in the SDK; null when neither is set.</summary>
    public static ContainerImageInfo? FromProperties(AnalyzerConfigOptions globalOptions)
    {
        if (BuildProperty.Read(globalOptions, "ContainerBaseImage") is { } baseImage)
        {
            return new ContainerImageInfo(baseImage, ContainerImages.HasShell(baseImage), ContainerImageSource.ContainerBaseImage, Location.None);
        }

        return BuildProperty.Read(globalOptions, "ContainerFamily") is { } family
            ? new ContainerImageInfo(family, ContainerImages.FamilyHasShell(family), ContainerImageSource.ContainerFamily, Location.None)
            : null;
    }
}
