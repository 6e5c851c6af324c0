using System;
using System.Linq;
using System.Text.RegularExpressions;

namespace ShutdownGuard.Container;

/// <summary>What an image name says about the image's contents.</summary>
internal static class ContainerImages
{
    // The .NET images on MCR (nightly builds included) and Canonical's chiseled .NET images.
    private static readonly Regex MicrosoftDotNet = new(@"^mcr\.microsoft\.com/dotnet/(?:nightly/)?(?:aspnet|runtime|runtime-deps|sdk)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);
    private static readonly Regex CanonicalDotNet = new(@"^(?:docker\.io/)?ubuntu/dotnet-(?:deps|runtime|aspnet)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    // Distribution images that ship a shell, with or without the Docker Hub prefix.
    private static readonly Regex Distributions = new(@"^(?:docker\.io/)?(?:library/)?(?:alpine|debian|ubuntu|busybox)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    // The tag of a .NET image: a version or channel, then an optional OS family.
    private static readonly Regex DotNetTag = new(@"^(?:latest|\d+(?:\.\d+){0,2}(?:-(?:preview|rc)(?:\.\d+)*)?|preview)?(?:-?(?<family>[a-z][a-z0-9.\-]*))?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    // A tag that starts with a version: 8.0, 8.0.11-bookworm-slim, 10.0-preview.7-noble-chiseled.
    private static readonly Regex VersionTag = new(@"^(?<major>\d{1,3})\.\d+", RegexOptions.CultureInvariant);

    // OS families of .NET images that have a shell; "-extra", "-composite" and "-aot" variants are the same OS.
    private static readonly Regex FamilyWithShell = new(@"^(?:bookworm-slim|bullseye-slim|trixie-slim|jammy|noble|focal|alpine(?:\d+(?:\.\d+)*)?|azurelinux\d+(?:\.\d+)*|cbl-mariner\d+(?:\.\d+)*)(?:-(?:extra|composite|aot))*$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    /// <summary>
    /// The variable a .NET image sets for the port the app listens on: <c>ASPNETCORE_HTTP_PORTS=8080</c> from 8.0;
    /// <c>ASPNETCORE_URLS=http://+:80</c> in 6.0 and 7.0, <c>http://+:8080</c> in their chiseled and distroless tags. Null
    /// for any other image, the SDK images, and tags that name no version (<c>latest</c>) or hide it in a variable.
    /// </summary>
    public static (string Name, string Value)? ListenVariable(string image)
    {
        var (repository, tag) = Split(image);
        if (!MicrosoftDotNet.IsMatch(repository) || repository.EndsWith("/sdk", StringComparison.OrdinalIgnoreCase)
            || tag is null || tag.IndexOf('$') >= 0 || VersionTag.Match(tag) is not { Success: true } match)
        {
            return null;
        }

        var major = int.Parse(match.Groups["major"].Value, System.Globalization.CultureInfo.InvariantCulture);
        return major switch
        {
            >= 8 => ("ASPNETCORE_HTTP_PORTS", "8080"),
            6 or 7 => ("ASPNETCORE_URLS", IsShellLessTag(tag) ? "http://+:8080" : "http://+:80"),
            _ => null,
        };
    }

    /// <summary>Whether an image reference has a shell; null when the name does not tell (or a variable hides the part that would).</summary>
    public static bool? HasShell(string image)
    {
        var (repository, tag) = Split(image);
        if (string.Equals(repository, "scratch", StringComparison.OrdinalIgnoreCase)
            || repository.Split('/').Any(segment => segment.StartsWith("distroless", StringComparison.OrdinalIgnoreCase))
            || CanonicalDotNet.IsMatch(repository))
        {
            return false;
        }

        if (IsShellLessTag(tag ?? string.Empty))
        {
            return false;
        }

        if ((tag ?? string.Empty).IndexOf('$') >= 0 || repository.IndexOf('$') >= 0)
        {
            return null;
        }

        if (MicrosoftDotNet.IsMatch(repository))
        {
            var match = DotNetTag.Match(tag ?? "latest");
            var family = match.Groups["family"];
            return !match.Success ? null : !family.Success || FamilyWithShell.IsMatch(family.Value) ? true : null;
        }

        return Distributions.IsMatch(repository) ? true : null;
    }

    /// <summary>The verdict for a <c>ContainerFamily</c> value, e.g. <c>noble-chiseled</c> or <c>alpine</c>.</summary>
    public static bool? FamilyHasShell(string family) =>
        IsShellLessTag(family) ? false : FamilyWithShell.IsMatch(family) ? true : null;

    private static bool IsShellLessTag(string tag) =>
        tag.IndexOf("chiseled", StringComparison.OrdinalIgnoreCase) >= 0 || tag.IndexOf("distroless", StringComparison.OrdinalIgnoreCase) >= 0;

    /// <summary>Repository and tag; the digest is dropped and the tag is null when there is none (Docker reads it as <c>latest</c>).</summary>
    private static (string Repository, string? Tag) Split(string image)
    {
        var at = image.IndexOf('@');
        var name = at < 0 ? image : image.Substring(0, at);
        var colon = name.LastIndexOf(':');
        return colon > name.LastIndexOf('/') ? (name.Substring(0, colon), name.Substring(colon + 1)) : (name, null);
    }
}
