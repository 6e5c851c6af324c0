using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace ShutdownGuard.Hosting;

/// <summary>The framework types the app model is made of; any of them may be missing from a compilation.</summary>
internal sealed class HostingTypes
{
    private static readonly string[] LifetimeNames =
    {
        "Microsoft.Extensions.Hosting.IHostApplicationLifetime",
        "Microsoft.Extensions.Hosting.IApplicationLifetime",
        "Microsoft.AspNetCore.Hosting.IApplicationLifetime",
    };

    // Every method's return type and every delay's containing type is asked about; most are the same few types
    // (Task<T>, void), whose interface lists Roslyn builds anew on each request.
    private readonly ConcurrentDictionary<ITypeSymbol, ImmutableArray<INamedTypeSymbol>> _interfaces = new(SymbolEqualityComparer.Default);

    public HostingTypes(Compilation compilation)
    {
        INamedTypeSymbol? Type(string name) => compilation.GetTypeByMetadataName(name);

        TimeSpan = Type("System.TimeSpan");
        Timeout = Type("System.Threading.Timeout");
        Thread = Type("System.Threading.Thread");
        Task = Type("System.Threading.Tasks.Task");
        CancellationToken = Type("System.Threading.CancellationToken");
        HostOptions = Type("Microsoft.Extensions.Hosting.HostOptions");
        OptionsBuilder = Type("Microsoft.Extensions.Options.OptionsBuilder`1");
        Host = Type("Microsoft.Extensions.Hosting.Host");
        HostBuilder = Type("Microsoft.Extensions.Hosting.HostBuilder");
        IHostBuilder = Type("Microsoft.Extensions.Hosting.IHostBuilder");
        HostApplicationBuilder = Type("Microsoft.Extensions.Hosting.HostApplicationBuilder");
        WebApplication = Type("Microsoft.AspNetCore.Builder.WebApplication");
        WebApplicationBuilder = Type("Microsoft.AspNetCore.Builder.WebApplicationBuilder");
        WebHost = Type("Microsoft.AspNetCore.WebHost");
        WebHostBuilder = Type("Microsoft.AspNetCore.Hosting.WebHostBuilder");
        IWebHostBuilder = Type("Microsoft.AspNetCore.Hosting.IWebHostBuilder");
        WebHostDefaults = Type("Microsoft.AspNetCore.Hosting.WebHostDefaults");
        IHostLifetime = Type("Microsoft.Extensions.Hosting.IHostLifetime");
        IHostedLifecycleService = Type("Microsoft.Extensions.Hosting.IHostedLifecycleService");
        BackgroundService = Type("Microsoft.Extensions.Hosting.BackgroundService");
        var lifetimes = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
        foreach (var name in LifetimeNames)
        {
            if (Type(name) is { } lifetime)
            {
                lifetimes.Add(lifetime);
            }
        }

        Lifetimes = lifetimes.ToImmutable();
    }

    public INamedTypeSymbol? TimeSpan { get; }

    public INamedTypeSymbol? Timeout { get; }

    public INamedTypeSymbol? Thread { get; }

    public INamedTypeSymbol? Task { get; }

    public INamedTypeSymbol? CancellationToken { get; }

    public INamedTypeSymbol? HostOptions { get; }

    /// <summary>The unbound <c>OptionsBuilder&lt;TOptions&gt;</c>.</summary>
    public INamedTypeSymbol? OptionsBuilder { get; }

    public INamedTypeSymbol? Host { get; }

    public INamedTypeSymbol? HostBuilder { get; }

    public INamedTypeSymbol? IHostBuilder { get; }

    public INamedTypeSymbol? HostApplicationBuilder { get; }

    public INamedTypeSymbol? WebApplication { get; }

    public INamedTypeSymbol? WebApplicationBuilder { get; }

    public INamedTypeSymbol? WebHost { get; }

    public INamedTypeSymbol? WebHostBuilder { get; }

    public INamedTypeSymbol? IWebHostBuilder { get; }

    /// <summary>Its keys are <c>static readonly</c>, not constants.</summary>
    public INamedTypeSymbol? WebHostDefaults { get; }

    public INamedTypeSymbol? IHostLifetime { get; }

    /// <summary>.NET 8 and later.</summary>
    public INamedTypeSymbol? IHostedLifecycleService { get; }

    public INamedTypeSymbol? BackgroundService { get; }

    /// <summary><c>IHostApplicationLifetime</c> and both obsolete <c>IApplicationLifetime</c>s: the ones that exist.</summary>
    public ImmutableArray<INamedTypeSymbol> Lifetimes { get; }

    /// <summary>A type that builds hosts: a fluent call returning one keeps the builder it was called on.</summary>
    public bool IsBuilder(ITypeSymbol? type) =>
        Is(type, IHostBuilder) || Is(type, IWebHostBuilder) || HasInterface(type, IHostBuilder) || HasInterface(type, IWebHostBuilder)
        || Is(type, HostApplicationBuilder) || Is(type, WebApplicationBuilder);

    /// <summary><see cref="Implements"/>, remembering each type's interfaces for the rest of the compilation.</summary>
    public bool HasInterface(ITypeSymbol? type, INamedTypeSymbol? contract) =>
        type is not null && contract is not null && Contains(_interfaces.GetOrAdd(type, static type => type.AllInterfaces), contract);

    public bool IsLifetime(ITypeSymbol? type)
    {
        foreach (var lifetime in Lifetimes)
        {
            if (Is(type, lifetime) || HasInterface(type, lifetime))
            {
                return true;
            }
        }

        return false;
    }

    public static bool Is(ITypeSymbol? type, ITypeSymbol? expected) =>
        type is not null && expected is not null && SymbolEqualityComparer.Default.Equals(type, expected);

    public static bool IsOrImplements(ITypeSymbol? type, INamedTypeSymbol? contract) => Is(type, contract) || Implements(type, contract);

    public static bool Implements(ITypeSymbol? type, INamedTypeSymbol? contract)
    {
        return type is not null && contract is not null && Contains(type.AllInterfaces, contract);
    }

    private static bool Contains(ImmutableArray<INamedTypeSymbol> interfaces, INamedTypeSymbol contract)
    {
        foreach (var candidate in interfaces)
        {
            if (SymbolEqualityComparer.Default.Equals(candidate, contract))
            {
                return true;
            }
        }

        return false;
    }
}
