using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace ShutdownGuard.Tests.Verification;

/// <summary>The kinds of project ShutdownGuard analyses: a base framework plus the references that make the app.</summary>
internal sealed class References
{
    private static readonly ReferenceAssemblies AspNetCore80Pack = new(
        "net8.0", new PackageIdentity("Microsoft.AspNetCore.App.Ref", "8.0.0"), Path.Combine("ref", "net8.0"));

    /// <summary>The package mirror has no 6.0.0 reference packs; any 6.0 servicing release carries the 6.0.0.0 assemblies.</summary>
    private static readonly ReferenceAssemblies Net60 = new(
        "net6.0", new PackageIdentity("Microsoft.NETCore.App.Ref", "6.0.36"), Path.Combine("ref", "net6.0"));

    private static readonly ReferenceAssemblies AspNetCore60Pack = new(
        "net6.0", new PackageIdentity("Microsoft.AspNetCore.App.Ref", "6.0.36"), Path.Combine("ref", "net6.0"));

    /// <summary>Packages are downloaded on first use; tests resolving the same package at once would see it half extracted.</summary>
    private static readonly SemaphoreSlim DownloadGate = new(1, 1);

    private readonly Lazy<Task<(ImmutableArray<MetadataReference> Framework, ImmutableArray<MetadataReference> Additional)>> _resolved;

    private References(ReferenceAssemblies framework, ReferenceAssemblies? additionalPack)
    {
        Framework = framework;
        _resolved = new(() => ResolveOnceAsync(framework, additionalPack));
    }

    /// <summary>An ASP.NET Core 8 web app (Microsoft.Extensions.Hosting 8.0). A shared framework pack is no
    /// NuGet library, so its assemblies are resolved on their own and added to the base framework.</summary>
    public static References AspNetCore80 { get; } = new(ReferenceAssemblies.Net.Net80, AspNetCore80Pack);

    /// <summary>A generic-host worker on Microsoft.Extensions.Hosting 8.0.</summary>
    public static References Hosting80 { get; } = new(
        ReferenceAssemblies.Net.Net80.AddPackages(ImmutableArray.Create(new PackageIdentity("Microsoft.Extensions.Hosting", "8.0.0"))), null);

    /// <summary>An ASP.NET Core 6 web app (Microsoft.Extensions.Hosting and Microsoft.AspNetCore.Hosting 6.0).</summary>
    public static References AspNetCore60 { get; } = new(Net60, AspNetCore60Pack);

    /// <summary>A generic-host worker on Microsoft.Extensions.Hosting 6.0, whose ShutdownTimeout default is 5 s. Package
    /// 6.0.0 depends on versions the mirror lacks; 6.0.1 carries the same 6.0.0.0 assembly.</summary>
    public static References Hosting60 { get; } = new(
        Net60.AddPackages(ImmutableArray.Create(new PackageIdentity("Microsoft.Extensions.Hosting", "6.0.1"))), null);

    /// <summary>A plain library: no hosting at all.</summary>
    public static References Plain { get; } = new(ReferenceAssemblies.Net.Net80, null);

    public ReferenceAssemblies Framework { get; }

    /// <summary>The additional pack's assemblies (the framework's are downloaded too, so the test library only reads its cache).</summary>
    public async Task<ImmutableArray<MetadataReference>> AdditionalAsync() => (await _resolved.Value).Additional;

    /// <summary>Every reference of the project: the framework's and the additional pack's.</summary>
    public async Task<ImmutableArray<MetadataReference>> AllAsync()
    {
        var resolved = await _resolved.Value;
        return resolved.Framework.AddRange(resolved.Additional);
    }

    private static async Task<(ImmutableArray<MetadataReference>, ImmutableArray<MetadataReference>)> ResolveOnceAsync(ReferenceAssemblies framework, ReferenceAssemblies? additionalPack)
    {
        await DownloadGate.WaitAsync();
        try
        {
            var frameworkReferences = await framework.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
            var additional = additionalPack is null
                ? ImmutableArray<MetadataReference>.Empty
                : await additionalPack.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
            return (frameworkReferences, additional);
        }
        finally
        {
            DownloadGate.Release();
        }
    }
}
