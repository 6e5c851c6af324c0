using System;
using System.Collections.Immutable;
using System.Linq;
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
    /// <summary>The package's build targets write the names of the <c>ContainerEnvironmentVariable</c> items here, comma-separated.</summary>
    private const string EnvironmentProperty = "ShutdownGuardContainerEnvironment";

    public ContainerImageInfo(string image, bool? hasShell, ContainerImageSource source, Location location, ImmutableDictionary<string, string?>? environment = null, string startCommand = "")
    {
        Image = image;
        HasShell = hasShell;
        Source = source;
        Location = location;
        Environment = environment;
        StartCommand = startCommand;
    }

    /// <summary>The image as written (after global ARG substitution), or the <c>ContainerFamily</c> value.</summary>
    public string Image { get; }

    /// <summary>False for chiseled, distroless and scratch images; true for the usual Debian, Ubuntu and Alpine ones; null when unknown.</summary>
    public bool? HasShell { get; }

    public ContainerImageSource Source { get; }

    /// <summary>The image in the Dockerfile's final <c>FROM</c>; <see cref="Location.None"/> for MSBuild properties.</summary>
    public Location Location { get; }

    /// <summary>The variables the build sets on top of the base image's (the final stage's <c>ENV</c>, or the SDK's
    /// <c>ContainerEnvironmentVariable</c> items); null when they cannot be read.</summary>
    public ImmutableDictionary<string, string?>? Environment { get; }

    /// <summary>The final stage's <c>ENTRYPOINT</c> and <c>CMD</c> arguments as written, for options on the command line.</summary>
    public string StartCommand { get; }

    /// <summary>The image from the SDK container properties: <c>ContainerBaseImage</c> wins, as in the SDK; null when neither is set.</summary>
    public static ContainerImageInfo? FromProperties(AnalyzerConfigOptions globalOptions)
    {
        var environment = SdkEnvironment(BuildProperty.Read(globalOptions, EnvironmentProperty));
        if (BuildProperty.Read(globalOptions, "ContainerBaseImage") is { } baseImage)
        {
            return new ContainerImageInfo(baseImage, ContainerImages.HasShell(baseImage), ContainerImageSource.ContainerBaseImage, Location.None, environment);
        }

        return BuildProperty.Read(globalOptions, "ContainerFamily") is { } family
            ? new ContainerImageInfo(family, ContainerImages.FamilyHasShell(family), ContainerImageSource.ContainerFamily, Location.None, environment)
            : null;
    }

    /// <summary>The variables' names, with unknown values: a configuration value may hold <c>;</c> or <c>#</c>, which end it.</summary>
    private static ImmutableDictionary<string, string?> SdkEnvironment(string? names) =>
        (names ?? string.Empty).Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries)
            .Select(name => name.Trim())
            .Distinct(StringComparer.Ordinal)
            .ToImmutableDictionary(name => name, name => (string?)null, StringComparer.Ordinal);
}
