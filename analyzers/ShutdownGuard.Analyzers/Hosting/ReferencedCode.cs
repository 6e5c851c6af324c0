using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ShutdownGuard.Hosting;

/// <summary>
/// What code in a referenced assembly (a shared ServiceDefaults project, a package outside the framework) could do to the
/// host, as far as its metadata shows: it is seen only when the project hands it the host — a method of it is called
/// with the builder, its services, its health checks builder, the app or the host. Each assembly is read once.
/// </summary>
internal sealed class ReferencedCode
{
    private const string HealthChecksAssemblies = "Microsoft.Extensions.Diagnostics.HealthChecks";

    /// <summary>Where <c>AddApplicationLifecycleHealthCheck</c> lives.</summary>
    private const string LifecycleCheckAssembly = "Microsoft.Extensions.Diagnostics.HealthChecks.Common";

    private readonly WellKnownTypes _types;
    private readonly INamedTypeSymbol? _serviceCollection;
    private readonly INamedTypeSymbol? _hostApplicationBuilder;
    private readonly ConcurrentDictionary<IAssemblySymbol, Reach> _assemblies = new(SymbolEqualityComparer.Default);
    private readonly Func<IAssemblySymbol, Reach> _read;
    private readonly ConcurrentDictionary<ITypeSymbol, bool> _hostParts = new(SymbolEqualityComparer.Default);
    private readonly Func<ITypeSymbol, bool> _isHostPart;

    public ReferencedCode(Compilation compilation, WellKnownTypes types)
    {
        _types = types;
        _serviceCollection = compilation.GetTypeByMetadataName("Microsoft.Extensions.DependencyInjection.IServiceCollection");
        _hostApplicationBuilder = compilation.GetTypeByMetadataName("Microsoft.Extensions.Hosting.IHostApplicationBuilder");
        _read = ReadAssembly;
        _isHostPart = ReadIsHostPart;
    }

    [Flags]
    public enum Reach
    {
        None = 0,

        /// <summary>It declares a hosted service or host lifetime, or references the lifecycle health check: it may
        /// react to shutdown and delay it.</summary>
        ShutdownHandling = 1,

        /// <summary>It references the health checks library: it may register checks.</summary>
        HealthChecks = 2,
    }

    /// <summary>What the called code could register; <see cref="Reach.None"/> for the project's and the framework's
    /// methods and for calls handed nothing of the host.</summary>
    public Reach Of(IInvocationOperation invocation)
    {
        var assembly = invocation.TargetMethod.ContainingAssembly;
        if (assembly is null || _types.InProject(invocation.TargetMethod) || WellKnownTypes.IsFramework(assembly)
            || !invocation.Arguments.Any(argument => IsHostPart(argument.Value.Type ?? argument.Parameter?.Type)))
        {
            return Reach.None;
        }

        return _assemblies.GetOrAdd(assembly, _read);
    }

    /// <summary>A builder, its services or health checks builder, the app, a route group or the host; each type is asked about
    /// once (every parameter and argument type of the project is).</summary>
    public bool IsHostPart(ITypeSymbol? type) =>
        type is { SpecialType: SpecialType.None, TypeKind: not TypeKind.Array } && !InBaseLibrary(type) && _hostParts.GetOrAdd(type, _isHostPart);

    /// <summary>The base class library references no hosting: none of its types (collections, tasks) is a part of the host.</summary>
    private static bool InBaseLibrary(ITypeSymbol type) =>
        type.ContainingAssembly?.Name is { } name
        && (name.StartsWith("System", StringComparison.Ordinal) || name is "netstandard" or "mscorlib");

    private bool ReadIsHostPart(ITypeSymbol type) =>
        _types.IsBuilder(type) || _types.IsOrImplements(type, _hostApplicationBuilder) || _types.IsOrImplements(type, _serviceCollection)
        || _types.IsOrImplements(type, _types.IHealthChecksBuilder) || _types.IsRouteBuilder(type) || _types.IsOrImplements(type, _types.IHost);

    private Reach ReadAssembly(IAssemblySymbol assembly)
    {
        var references = assembly.Modules.SelectMany(module => module.ReferencedAssemblies).Select(identity => identity.Name).ToList();
        var reach = references.Any(name => name.StartsWith(HealthChecksAssemblies, StringComparison.Ordinal)) ? Reach.HealthChecks : Reach.None;
        if (references.Contains(LifecycleCheckAssembly) || Types(assembly.GlobalNamespace).Any(ReactsToShutdown))
        {
            reach |= Reach.ShutdownHandling;
        }

        return reach;
    }

    private bool ReactsToShutdown(INamedTypeSymbol type) =>
        _types.Implements(type, _types.IHostedService) || _types.Implements(type, _types.IHostLifetime);

    private static IEnumerable<INamedTypeSymbol> Types(INamespaceOrTypeSymbol container)
    {
        var pending = new Stack<INamespaceOrTypeSymbol>();
        pending.Push(container);
        while (pending.Count > 0)
        {
            foreach (var member in pending.Pop().GetMembers())
            {
                if (member is INamedTypeSymbol type)
                {
                    yield return type;
                }

                if (member is INamespaceOrTypeSymbol nested)
                {
                    pending.Push(nested);
                }
            }
        }
    }
}
