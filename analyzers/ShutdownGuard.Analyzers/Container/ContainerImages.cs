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

    // OS families of .NET images that have a shell; "-extra", "-composite" and "-aot" variants are the same OS.
    private static readonly Regex FamilyWithShell = new(@"^(?:bookworm-slim|bullseye-slim|trixie-slim|jammy|noble|focal|alpine(?:\d+(?:\.\d+)*)?|azurelinux\d+(?:\.\d+)*|cbl-mariner\d+(?:\.\d+)*)(?:-(?:extra|composite|aot))*$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

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
