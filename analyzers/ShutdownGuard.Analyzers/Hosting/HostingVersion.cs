using System;
using Microsoft.CodeAnalysis;

namespace ShutdownGuard.Hosting;

/// <summary>
/// The referenced hosting assemblies' versions. The ShutdownTimeout default follows them, not the target framework:
/// a net6.0 app may reference Microsoft.Extensions.Hosting 8.0.
/// </summary>
internal sealed class HostingVersion
{
    private const string ExtensionsHostingName = "Microsoft.Extensions.Hosting";
    private const string AspNetCoreHostingName = "Microsoft.AspNetCore.Hosting";

    public HostingVersion(Version? extensionsHosting, Version? aspNetCoreHosting)
    {
        ExtensionsHosting = extensionsHosting;
        AspNetCoreHosting = aspNetCoreHosting;
    }

    /// <summary>The assembly holding <c>HostOptions</c>; null when it is not referenced.</summary>
    public Version? ExtensionsHosting { get; }

    /// <summary>The assembly holding the legacy <c>WebHost</c>'s options; null when it is not referenced.</summary>
    public Version? AspNetCoreHosting { get; }

    public static HostingVersion Read(Compilation compilation, INamedTypeSymbol? hostOptions) =>
        new HostingVersion(
            hostOptions?.ContainingAssembly.Identity.Version ?? ReferencedVersion(compilation, ExtensionsHostingName),
            ReferencedVersion(compilation, AspNetCoreHostingName));

    /// <summary>5 s before version 7.0 of Microsoft.Extensions.Hosting, 30 s from 7.0; the legacy <c>WebHost</c> has
    /// its own: 5 s before Microsoft.AspNetCore.Hosting 8.0, 30 s from 8.0. Null when the assembly is not referenced.</summary>
    public ShutdownTimeoutDefault? DefaultShutdownTimeout(HostStyle style) => style == HostStyle.LegacyWebHost
        ? Default(AspNetCoreHosting, AspNetCoreHostingName, 8)
        : Default(ExtensionsHosting, ExtensionsHostingName, 7);

    private static ShutdownTimeoutDefault? Default(Version? version, string assembly, int firstMajorWith30Seconds) => version is null
        ? null
        : new ShutdownTimeoutDefault(version.Major >= firstMajorWith30Seconds ? 30 : 5, $"default for {assembly} {version.Major}.{version.Minor}");

    private static Version? ReferencedVersion(Compilation compilation, string name)
    {
        foreach (var identity in compilation.ReferencedAssemblyNames)
        {
            if (identity.Name == name)
            {
                return identity.Version;
            }
        }

        return null;
    }
}
