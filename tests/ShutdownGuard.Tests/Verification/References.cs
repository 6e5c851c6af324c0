using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace ShutdownGuard.Tests.Verification;

/// <summary>The kinds of project ShutdownGuard analyses: a base framework plus the references that make the app.</summary>
internal sealed class References
{
    /// <summary>Packages are downloaded on first use; tests resolving the same package at once would see it half extracted.</summary>
    private static readonly SemaphoreSlim DownloadGate = new(1, 1);

    private readonly Func<ReferenceAssemblies> _framework;
    private readonly Func<ReferenceAssemblies>? _additionalPack;
    private readonly ImmutableArray<string> _restoredAssemblies;
    private readonly Lazy<Task<Resolved>> _resolved;

    private References(Func<ReferenceAssemblies> framework, Func<ReferenceAssemblies>? additionalPack, ImmutableArray<string> restoredAssemblies = default)
    {
        _framework = framework;
        _additionalPack = additionalPack;
        _restoredAssemblies = restoredAssemblies.IsDefault ? ImmutableArray<string>.Empty : restoredAssemblies;
        _resolved = new(ResolveOnceAsync);
    }

    /// <summary>An ASP.NET Core 8 web app (Microsoft.Extensions.Hosting 8.0). A shared framework pack is no
    /// NuGet library, so its assemblies are resolved on their own and added to the base framework.</summary>
    public static References AspNetCore80 { get; } = new(() => Pack("net8.0", "Microsoft.NETCore.App.Ref", "8.0.0"), () => Pack("net8.0", "Microsoft.AspNetCore.App.Ref", "8.0.0"));

    /// <summary>A generic-host worker on Microsoft.Extensions.Hosting 8.0.</summary>
    public static References Hosting80 { get; } = new(() => Pack("net8.0", "Microsoft.NETCore.App.Ref", "8.0.0"), null, HostingPackages("8.0.0", "8.0.0", "net8.0"));

    /// <summary>An ASP.NET Core 6 web app (Microsoft.Extensions.Hosting and Microsoft.AspNetCore.Hosting 6.0). The
    /// package mirror has no 6.0.0 reference packs; any 6.0 servicing release carries the 6.0.0.0 assemblies.</summary>
    public static References AspNetCore60 { get; } = new(() => Pack("net6.0", "Microsoft.NETCore.App.Ref", "6.0.36"), () => Pack("net6.0", "Microsoft.AspNetCore.App.Ref", "6.0.36"));

    /// <summary>A generic-host worker on Microsoft.Extensions.Hosting 6.0, whose ShutdownTimeout default is 5 s. Package
    /// 6.0.0 depends on versions the mirror lacks; 6.0.1 carries the same 6.0.0.0 assembly.</summary>
    public static References Hosting60 { get; } = new(() => Pack("net6.0", "Microsoft.NETCore.App.Ref", "6.0.36"), null, HostingPackages("6.0.1", "6.0.0", "net6.0"));

    /// <summary>A plain library: no hosting at all.</summary>
    public static References Plain { get; } = new(() => Pack("net8.0", "Microsoft.NETCore.App.Ref", "8.0.0"), null);

    /// <summary>The framework for the test library, resolved: it then only reads its package cache.</summary>
    public async Task<ReferenceAssemblies> FrameworkAsync() => (await _resolved.Value).Framework;

    /// <summary>The additional pack's assemblies.</summary>
    public async Task<ImmutableArray<MetadataReference>> AdditionalAsync() => (await _resolved.Value).Additional;

    /// <summary>Every reference of the project: the framework's and the additional pack's.</summary>
    public async Task<ImmutableArray<MetadataReference>> AllAsync()
    {
        var resolved = await _resolved.Value;
        return resolved.FrameworkReferences.AddRange(resolved.Additional);
    }

    private static ReferenceAssemblies Pack(string targetFramework, string package, string version) =>
        new(targetFramework, new PackageIdentity(package, version), Path.Combine("ref", targetFramework));

    /// <summary>
    /// The assemblies of Microsoft.Extensions.Hosting and of the packages its public API exposes, from the NuGet
    /// packages folder: the test project downloads them at restore (<c>PackageDownload</c>). The test library's own
    /// download of a package into an empty cache can lose the package's assemblies for the rest of the run.
    /// </summary>
    private static ImmutableArray<string> HostingPackages(string hostingVersion, string version, string targetFramework)
    {
        var packages = new[]
        {
            ("Microsoft.Extensions.Hosting", hostingVersion),
            ("Microsoft.Extensions.Hosting.Abstractions", version),
            ("Microsoft.Extensions.DependencyInjection", version),
            ("Microsoft.Extensions.DependencyInjection.Abstractions", version),
            ("Microsoft.Extensions.Options", version),
            ("Microsoft.Extensions.Primitives", version),
            ("Microsoft.Extensions.Configuration.Abstractions", version),
            ("Microsoft.Extensions.Logging.Abstractions", version),
            ("Microsoft.Extensions.FileProviders.Abstractions", version),
        };
        var root = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        // The target framework's own build where the package has one, else the netstandard build.
        return packages
            .Select(package => new[] { targetFramework, "netstandard2.1", "netstandard2.0" }
                .Select(folder => Path.Combine(root, package.Item1.ToLowerInvariant(), package.Item2, "lib", folder, package.Item1 + ".dll"))
                .First(File.Exists))
            .ToImmutableArray();
    }

    private async Task<Resolved> ResolveOnceAsync()
    {
        await DownloadGate.WaitAsync();
        try
        {
            var framework = _framework();
            var frameworkReferences = await framework.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
            var additional = _additionalPack is null
                ? ImmutableArray<MetadataReference>.Empty
                : await _additionalPack().ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
            var restored = _restoredAssemblies.Select(path => (MetadataReference)MetadataReference.CreateFromFile(path));
            return new Resolved(framework, frameworkReferences, additional.AddRange(restored));
        }
        finally
        {
            DownloadGate.Release();
        }
    }

    private sealed record Resolved(ReferenceAssemblies Framework, ImmutableArray<MetadataReference> FrameworkReferences, ImmutableArray<MetadataReference> Additional);
}
