using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace ShutdownGuard.Hosting.Endpoints;

/// <summary>The framework types that endpoints, health checks and shutdown gates are recognised by.</summary>
internal sealed class EndpointSymbols
{
    private readonly ImmutableArray<INamedTypeSymbol> _routeBuilders;

    // Every argument of every call into the project is asked about; Roslyn builds a type's interface list anew each time.
    private readonly ConcurrentDictionary<ITypeSymbol, bool> _routeBuilderTypes = new(SymbolEqualityComparer.Default);
    private readonly Func<ITypeSymbol, bool> _implementsRouteBuilder;
    private readonly ImmutableArray<INamedTypeSymbol> _lifetimes;
    private readonly INamedTypeSymbol? _applicationBuilder;

    private EndpointSymbols(Compilation compilation)
    {
        Assembly = compilation.Assembly;
        _routeBuilders = Types(compilation, "Microsoft.AspNetCore.Routing.IEndpointRouteBuilder", "Microsoft.AspNetCore.Builder.IApplicationBuilder");
        _implementsRouteBuilder = type => IsOrImplements(type, _routeBuilders);
        _applicationBuilder = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Builder.IApplicationBuilder");
        _lifetimes = Types(
            compilation,
            "Microsoft.Extensions.Hosting.IHostApplicationLifetime",
            "Microsoft.Extensions.Hosting.IApplicationLifetime",
            "Microsoft.AspNetCore.Hosting.IApplicationLifetime");
        HealthChecksBuilder = compilation.GetTypeByMetadataName("Microsoft.Extensions.DependencyInjection.IHealthChecksBuilder");
        HealthCheck = compilation.GetTypeByMetadataName("Microsoft.Extensions.Diagnostics.HealthChecks.IHealthCheck");
        HostedService = compilation.GetTypeByMetadataName("Microsoft.Extensions.Hosting.IHostedService");
        HostedLifecycleService = compilation.GetTypeByMetadataName("Microsoft.Extensions.Hosting.IHostedLifecycleService");
        ControllerAttribute = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Mvc.ControllerAttribute");
        NonControllerAttribute = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Mvc.NonControllerAttribute");
        NonActionAttribute = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Mvc.NonActionAttribute");
        RouteTemplateProvider = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Mvc.Routing.IRouteTemplateProvider");
        AreaAttribute = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Mvc.AreaAttribute");
    }

    /// <summary>The project being compiled: code in it is followed, code outside it is not.</summary>
    public IAssemblySymbol Assembly { get; }

    public INamedTypeSymbol? HealthChecksBuilder { get; }

    public INamedTypeSymbol? HealthCheck { get; }

    public INamedTypeSymbol? HostedService { get; }

    public INamedTypeSymbol? HostedLifecycleService { get; }

    public INamedTypeSymbol? ControllerAttribute { get; }

    public INamedTypeSymbol? NonControllerAttribute { get; }

    public INamedTypeSymbol? NonActionAttribute { get; }

    public INamedTypeSymbol? RouteTemplateProvider { get; }

    public INamedTypeSymbol? AreaAttribute { get; }

    /// <summary>Null when the compilation references no routing: then there are no endpoints to find.</summary>
    public static EndpointSymbols? TryCreate(Compilation compilation) =>
        compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Routing.IEndpointRouteBuilder") is null
        && compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Builder.IApplicationBuilder") is null
            ? null
            : new EndpointSymbols(compilation);

    public bool InProject(ISymbol symbol) => SymbolEqualityComparer.Default.Equals(symbol.ContainingAssembly, Assembly);

    /// <summary>ASP.NET Core and the .NET libraries: their methods that take the app are known, so they hide no routes.</summary>
    public static bool IsFramework(IAssemblySymbol? assembly)
    {
        var name = assembly?.Name ?? string.Empty;
        return name is "System" or "mscorlib" or "netstandard"
            || name.StartsWith("System.", StringComparison.Ordinal)
            || name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)
            || name.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal);
    }

    /// <summary>The app, an <c>IEndpointRouteBuilder</c> (a route group) or an <c>IApplicationBuilder</c>.</summary>
    public bool IsRouteBuilder(ITypeSymbol? type) => type is not null && _routeBuilderTypes.GetOrAdd(type, _implementsRouteBuilder);

    public bool IsLifetime(ITypeSymbol? type) => IsOrImplements(type, _lifetimes);

    /// <summary>Exactly <c>IApplicationBuilder</c>: the middleware pipeline, where <c>Map</c> makes a branch.</summary>
    public bool IsApplicationBuilder(ITypeSymbol? type) =>
        _applicationBuilder is not null && SymbolEqualityComparer.Default.Equals(type, _applicationBuilder);

    public static bool DerivesFrom(ITypeSymbol? type, INamedTypeSymbol? baseType)
    {
        for (var current = type; current is not null && baseType is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, baseType))
            {
                return true;
            }
        }

        return false;
    }

    public static bool Implements(ITypeSymbol? type, INamedTypeSymbol? contract)
    {
        if (type is null || contract is null)
        {
            return false;
        }

        if (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, contract))
        {
            return true;
        }

        foreach (var candidate in type.AllInterfaces)
        {
            if (SymbolEqualityComparer.Default.Equals(candidate.OriginalDefinition, contract))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsOrImplements(ITypeSymbol? type, ImmutableArray<INamedTypeSymbol> contracts)
    {
        foreach (var contract in contracts)
        {
            if (Implements(type, contract))
            {
                return true;
            }
        }

        // A type parameter constrained to a builder (TBuilder where TBuilder : IEndpointRouteBuilder).
        if (type is ITypeParameterSymbol parameter)
        {
            foreach (var constraint in parameter.ConstraintTypes)
            {
                if (IsOrImplements(constraint, contracts))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static ImmutableArray<INamedTypeSymbol> Types(Compilation compilation, params string[] names)
    {
        var types = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
        foreach (var name in names)
        {
            if (compilation.GetTypeByMetadataName(name) is { } type)
            {
                types.Add(type);
            }
        }

        return types.ToImmutable();
    }
}
