using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace ShutdownGuard.Hosting;

/// <summary>
/// The framework types the analysis recognises, looked up once per compilation, and the type tests made against them.
/// Any type may be missing from a compilation. Generic types are compared by their definition.
/// </summary>
internal sealed class WellKnownTypes
{
    private const string IHostName = "Microsoft.Extensions.Hosting.IHost";
    private const string IWebHostName = "Microsoft.AspNetCore.Hosting.IWebHost";

    // Every method's return type and every delay's containing type is asked about; most are the same few types
    // (Task<T>, void), whose interface lists Roslyn builds anew on each request.
    private readonly ConcurrentDictionary<ITypeSymbol, ImmutableArray<INamedTypeSymbol>> _interfaces = new(SymbolEqualityComparer.Default);

    // Every argument of every call into the project is asked about.
    private readonly ConcurrentDictionary<ITypeSymbol, bool> _routeBuilderTypes = new(SymbolEqualityComparer.Default);
    private readonly Func<ITypeSymbol, bool> _isRouteBuilder;

    private WellKnownTypes(Compilation compilation)
    {
        INamedTypeSymbol? Type(string name) => compilation.GetTypeByMetadataName(name);

        Assembly = compilation.Assembly;
        TimeSpan = Type("System.TimeSpan");
        Timeout = Type("System.Threading.Timeout");
        Environment = Type("System.Environment");
        Thread = Type("System.Threading.Thread");
        Task = Type("System.Threading.Tasks.Task");
        CancellationToken = Type("System.Threading.CancellationToken");
        IHost = Type(IHostName);
        IWebHost = Type(IWebHostName);
        HostOptions = Type("Microsoft.Extensions.Hosting.HostOptions");
        OptionsBuilder = Type("Microsoft.Extensions.Options.OptionsBuilder`1");
        IConfiguration = Type("Microsoft.Extensions.Configuration.IConfiguration");
        ConfigurationBinder = Type("Microsoft.Extensions.Configuration.ConfigurationBinder");
        AppConfigurationHolders = Existing(
            Type("Microsoft.AspNetCore.Builder.WebApplicationBuilder"),
            Type("Microsoft.AspNetCore.Builder.WebApplication"),
            Type("Microsoft.Extensions.Hosting.HostApplicationBuilder"),
            Type("Microsoft.Extensions.Hosting.IHostApplicationBuilder"),
            Type("Microsoft.Extensions.Hosting.HostBuilderContext"),
            Type("Microsoft.AspNetCore.Hosting.WebHostBuilderContext"));
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
        KestrelServerOptions = Type("Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions");
        IPAddress = Type("System.Net.IPAddress");
        IHostLifetime = Type("Microsoft.Extensions.Hosting.IHostLifetime");
        IHostedService = Type("Microsoft.Extensions.Hosting.IHostedService");
        IHostedLifecycleService = Type("Microsoft.Extensions.Hosting.IHostedLifecycleService");
        BackgroundService = Type("Microsoft.Extensions.Hosting.BackgroundService");
        Lifetimes = Existing(
            Type("Microsoft.Extensions.Hosting.IHostApplicationLifetime"),
            Type("Microsoft.Extensions.Hosting.IApplicationLifetime"),
            Type("Microsoft.AspNetCore.Hosting.IApplicationLifetime"));
        HostEnvironments = Existing(
            Type("Microsoft.Extensions.Hosting.IHostEnvironment"),
            Type("Microsoft.Extensions.Hosting.IHostingEnvironment"),
            Type("Microsoft.AspNetCore.Hosting.IHostingEnvironment"));
        IApplicationBuilder = Type("Microsoft.AspNetCore.Builder.IApplicationBuilder");
        RouteBuilders = Existing(Type("Microsoft.AspNetCore.Routing.IEndpointRouteBuilder"), IApplicationBuilder);
        IHealthChecksBuilder = Type("Microsoft.Extensions.DependencyInjection.IHealthChecksBuilder");
        IHealthCheck = Type("Microsoft.Extensions.Diagnostics.HealthChecks.IHealthCheck");
        ControllerAttribute = Type("Microsoft.AspNetCore.Mvc.ControllerAttribute");
        NonControllerAttribute = Type("Microsoft.AspNetCore.Mvc.NonControllerAttribute");
        NonActionAttribute = Type("Microsoft.AspNetCore.Mvc.NonActionAttribute");
        IRouteTemplateProvider = Type("Microsoft.AspNetCore.Mvc.Routing.IRouteTemplateProvider");
        AreaAttribute = Type("Microsoft.AspNetCore.Mvc.AreaAttribute");
        _isRouteBuilder = type => IsOrImplementsAny(type, RouteBuilders);
        Referenced = new ReferencedCode(compilation, this);
    }

    /// <summary>What code of referenced assemblies could do to the host, and which types are parts of the host: one
    /// answer per assembly and type for every collector.</summary>
    public ReferencedCode Referenced { get; }

    /// <summary>The project being compiled: code in it is followed, code outside it is not.</summary>
    public IAssemblySymbol Assembly { get; }

    public INamedTypeSymbol? TimeSpan { get; }

    public INamedTypeSymbol? Timeout { get; }

    public INamedTypeSymbol? Thread { get; }

    public INamedTypeSymbol? Task { get; }

    public INamedTypeSymbol? CancellationToken { get; }

    /// <summary>The generic host and <c>WebApplication</c>.</summary>
    public INamedTypeSymbol? IHost { get; }

    /// <summary>The legacy <c>WebHost</c>.</summary>
    public INamedTypeSymbol? IWebHost { get; }

    public INamedTypeSymbol? Environment { get; }

    public INamedTypeSymbol? HostOptions { get; }

    public INamedTypeSymbol? IConfiguration { get; }

    /// <summary>Where <c>GetValue&lt;T&gt;(key, default)</c> is declared.</summary>
    public INamedTypeSymbol? ConfigurationBinder { get; }

    /// <summary>The builders, the app and the builder contexts: their <c>Configuration</c> is the app's configuration.</summary>
    public ImmutableArray<INamedTypeSymbol> AppConfigurationHolders { get; }

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

    public INamedTypeSymbol? KestrelServerOptions { get; }

    public INamedTypeSymbol? IPAddress { get; }

    public INamedTypeSymbol? IHostLifetime { get; }

    public INamedTypeSymbol? IHostedService { get; }

    /// <summary>.NET 8 and later.</summary>
    public INamedTypeSymbol? IHostedLifecycleService { get; }

    public INamedTypeSymbol? BackgroundService { get; }

    /// <summary><c>IHostApplicationLifetime</c> and both obsolete <c>IApplicationLifetime</c>s: the ones that exist.</summary>
    public ImmutableArray<INamedTypeSymbol> Lifetimes { get; }

    /// <summary><c>IHostEnvironment</c> (which <c>IWebHostEnvironment</c> extends) and both obsolete <c>IHostingEnvironment</c>s: the ones that exist.</summary>
    public ImmutableArray<INamedTypeSymbol> HostEnvironments { get; }

    /// <summary>The middleware pipeline, where <c>Map</c> makes a branch.</summary>
    public INamedTypeSymbol? IApplicationBuilder { get; }

    /// <summary><c>IEndpointRouteBuilder</c> (the app, a route group) and <c>IApplicationBuilder</c>: the ones that exist.</summary>
    public ImmutableArray<INamedTypeSymbol> RouteBuilders { get; }

    public INamedTypeSymbol? IHealthChecksBuilder { get; }

    public INamedTypeSymbol? IHealthCheck { get; }

    public INamedTypeSymbol? ControllerAttribute { get; }

    public INamedTypeSymbol? NonControllerAttribute { get; }

    public INamedTypeSymbol? NonActionAttribute { get; }

    public INamedTypeSymbol? IRouteTemplateProvider { get; }

    public INamedTypeSymbol? AreaAttribute { get; }

    /// <summary>False when the compilation references no routing: then there are no endpoints to find.</summary>
    public bool ReferencesRouting => !RouteBuilders.IsEmpty;

    /// <summary>Neither <c>IHost</c> nor <c>IWebHost</c> means no host to check: the cheap bail-out for libraries.</summary>
    public static bool ReferencesHosting(Compilation compilation) =>
        compilation.GetTypeByMetadataName(IHostName) is not null || compilation.GetTypeByMetadataName(IWebHostName) is not null;

    /// <summary>Null when the compilation references no hosting; otherwise every type, looked up once.</summary>
    public static WellKnownTypes? TryCreate(Compilation compilation) => ReferencesHosting(compilation) ? new WellKnownTypes(compilation) : null;

    /// <summary>ASP.NET Core and the .NET libraries: their methods that take the app are known, so they hide no routes.</summary>
    public static bool IsFramework(IAssemblySymbol? assembly)
    {
        var name = assembly?.Name ?? string.Empty;
        return name is "System" or "mscorlib" or "netstandard"
            || name.StartsWith("System.", StringComparison.Ordinal)
            || name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)
            || name.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal);
    }

    public bool InProject(ISymbol symbol) => SymbolEqualityComparer.Default.Equals(symbol.ContainingAssembly, Assembly);

    public static bool Is(ITypeSymbol? type, INamedTypeSymbol? expected) =>
        type is not null && expected is not null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, expected);

    /// <summary>The type or one of its base types is <paramref name="baseType"/>.</summary>
    public static bool DerivesFrom(ITypeSymbol? type, INamedTypeSymbol? baseType)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (Is(current, baseType))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>One of the type's interfaces is <paramref name="contract"/>; each type's interfaces are remembered for the
    /// rest of the compilation.</summary>
    public bool Implements(ITypeSymbol? type, INamedTypeSymbol? contract)
    {
        if (type is null || contract is null || DeclaresNoInterfaces(type))
        {
            return false;
        }

        foreach (var candidate in _interfaces.GetOrAdd(type, static type => type.AllInterfaces))
        {
            if (Is(candidate, contract))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A class or struct with no interfaces of its own right under <c>object</c> or <c>ValueType</c>: most of a
    /// project's types, answered without asking for (and allocating) the interface list.</summary>
    private static bool DeclaresNoInterfaces(ITypeSymbol type) =>
        type is INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct, BaseType.SpecialType: SpecialType.System_Object or SpecialType.System_ValueType } named
        && named.Interfaces.IsEmpty;

    public bool IsOrImplements(ITypeSymbol? type, INamedTypeSymbol? contract) => Is(type, contract) || Implements(type, contract);

    /// <summary>The method implements the contract's method of that name: implicitly, explicitly
    /// (<c>Task IHostedService.StopAsync(…)</c>), or by overriding a base class's implementation.</summary>
    public bool Implements(IMethodSymbol method, INamedTypeSymbol? contract, string name)
    {
        if (!Implements(method.ContainingType, contract))
        {
            return false;
        }

        foreach (var member in contract!.GetMembers(name))
        {
            var implementation = method.ContainingType.FindImplementationForInterfaceMember(member);
            for (var current = method; implementation is not null && current is not null; current = current.OverriddenMethod)
            {
                if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, implementation.OriginalDefinition))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>A type that builds hosts: a fluent call returning one keeps the builder it was called on.</summary>
    public bool IsBuilder(ITypeSymbol? type) =>
        IsOrImplements(type, IHostBuilder) || IsOrImplements(type, IWebHostBuilder)
        || Is(type, HostApplicationBuilder) || Is(type, WebApplicationBuilder);

    /// <summary><c>builder.Configuration</c>, <c>context.Configuration</c> and the like: the app's configuration root.</summary>
    public bool IsAppConfiguration(IPropertySymbol property) =>
        property.Name == "Configuration" && IsOrImplementsAny(property.ContainingType, AppConfigurationHolders);

    public bool IsLifetime(ITypeSymbol? type) => type is not null && IsOrImplementsAny(type, Lifetimes);

    public bool IsHostEnvironment(ITypeSymbol? type) => type is not null && IsOrImplementsAny(type, HostEnvironments);

    /// <summary>The app, an <c>IEndpointRouteBuilder</c> (a route group) or an <c>IApplicationBuilder</c>.</summary>
    public bool IsRouteBuilder(ITypeSymbol? type) => type is not null && _routeBuilderTypes.GetOrAdd(type, _isRouteBuilder);

    private bool IsOrImplementsAny(ITypeSymbol type, ImmutableArray<INamedTypeSymbol> contracts)
    {
        foreach (var contract in contracts)
        {
            if (IsOrImplements(type, contract))
            {
                return true;
            }
        }

        // A type parameter constrained to one (TBuilder where TBuilder : IEndpointRouteBuilder).
        if (type is ITypeParameterSymbol parameter)
        {
            foreach (var constraint in parameter.ConstraintTypes)
            {
                if (IsOrImplementsAny(constraint, contracts))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static ImmutableArray<INamedTypeSymbol> Existing(params INamedTypeSymbol?[] types)
    {
        var existing = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
        foreach (var type in types)
        {
            if (type is not null)
            {
                existing.Add(type);
            }
        }

        return existing.ToImmutable();
    }
}
